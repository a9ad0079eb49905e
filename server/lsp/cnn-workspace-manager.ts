import { statSync } from 'node:fs';
import { DefaultWorkspaceManager, type FileSystemNode } from 'langium';
import { MAX_SOURCE_BYTES } from '../../language/size-guard.js';

/**
 * Indexes the workspace's `.cnn` files, but not those over the size limit: Langium would read a
 * multi-gigabyte file whole at start-up. Such a file, opened in the editor, gets the parser's
 * `too-large` error; imported, the import's `cannot read` error.
 */
export class CnnWorkspaceManager extends DefaultWorkspaceManager {
    override shouldIncludeEntry(entry: FileSystemNode): boolean {
        if (!super.shouldIncludeEntry(entry)) return false;
        if (!entry.isFile || entry.uri.scheme !== 'file') return true;
        try {
            return statSync(entry.uri.fsPath).size <= MAX_SOURCE_BYTES;
        } catch {
            return false;
        }
    }
}
