import { resolve as resolvePath } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { Model } from '../language/generated/ast.js';
import { readFailureReason, readSourceFile } from '../language/read-source-file.js';
import { resolveImport, sourceOf, type CnnSource } from '../language/analysis/sources.js';
import type { LangiumSharedCoreServices } from 'langium';

export interface LoadedFile {
    source: CnnSource;
    document: LangiumDocument<Model>;
    text: string;
}

/**
 * Reads and parses a file and, transitively, everything it imports (each file once), so the
 * analysis can run without touching the disk. Files that do not exist are left out; those that
 * cannot be read (a directory, a device, over the size limit) are kept empty with the reason;
 * the analysis reports both as `unresolved-import`.
 */
export class SourceLoader {
    private readonly files = new Map<string, LoadedFile | undefined>();

    constructor(private readonly shared: LangiumSharedCoreServices) {}

    /** Loads the file at a path; throws the file system's error when the file itself cannot be read. */
    loadRoot(path: string): LoadedFile {
        const uri = URI.file(resolvePath(path)).toString();
        const loaded = this.parse(uri, readSourceFile(path));
        this.loadImports(loaded);
        return loaded;
    }

    lookup = (uri: string): CnnSource | undefined => this.load(uri)?.source;

    textOf(uri: string): string | undefined {
        return this.files.get(uri)?.text;
    }

    private load(uri: string): LoadedFile | undefined {
        if (this.files.has(uri)) return this.files.get(uri);
        let text: string;
        try {
            text = readSourceFile(URI.parse(uri).fsPath);
        } catch (error) {
            const reason = readFailureReason(error);
            if (reason === undefined || (error as NodeJS.ErrnoException).code === 'ENOENT') {
                this.files.set(uri, undefined);
                return undefined;
            }
            const empty = this.parse(uri, '');
            empty.source.unreadable = reason;
            return empty;
        }
        const loaded = this.parse(uri, text);
        this.loadImports(loaded);
        return loaded;
    }

    private parse(uri: string, text: string): LoadedFile {
        const document = this.shared.workspace.LangiumDocumentFactory.fromString<Model>(text, URI.parse(uri));
        const loaded: LoadedFile = { source: sourceOf(document), document, text };
        this.files.set(uri, loaded);
        return loaded;
    }

    private loadImports(file: LoadedFile): void {
        for (const imported of file.source.model.imports) {
            if (imported.path !== undefined) this.load(resolveImport(file.source.uri, imported.path));
        }
    }
}
