import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandError } from './compiler-input.js';

/**
 * Writes files into a folder: refuses to replace any existing one unless `force`, and writes
 * each through a temporary file and a rename, so a reader never sees half a file.
 */
export function writeFilesAtomically(dir: string, files: ReadonlyArray<{ name: string; data: string | Uint8Array }>, force: boolean): string[] {
    const paths = files.map(f => join(dir, f.name));
    const existing = paths.filter(p => existsSync(p));
    if (existing.length > 0 && !force) {
        throw new CommandError(`cnn: ${existing.map(p => `'${p}'`).join(', ')} ${existing.length === 1 ? 'exists' : 'exist'}; use --force to overwrite`, 2);
    }
    mkdirSync(dir, { recursive: true });
    files.forEach((file, k) => {
        const temporary = `${paths[k]}.${process.pid}.tmp`;
        writeFileSync(temporary, file.data);
        renameSync(temporary, paths[k]);
    });
    return paths;
}
