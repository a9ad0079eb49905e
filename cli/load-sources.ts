import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { Model } from '../language/generated/ast.js';
import { resolveImport, sourceOf, type CnnSource } from '../language/analysis/sources.js';
import type { LangiumSharedCoreServices } from 'langium';

export interface LoadedFile {
    source: CnnSource;
    document: LangiumDocument<Model>;
    text: string;
}

/**
 * Reads and parses a file and, transitively, everything it imports (each file once), so the
 * analysis can run without touching the disk. Files that cannot be read are left out: the
 * analysis reports them as `unresolved-import`.
 */
export class SourceLoader {
    private readonly files = new Map<string, LoadedFile | undefined>();

    constructor(private readonly shared: LangiumSharedCoreServices) {}

    /** Loads the file at a path; throws the file system's error when the file itself cannot be read. */
    loadRoot(path: string): LoadedFile {
        const uri = URI.file(resolvePath(path)).toString();
        const loaded = this.parse(uri, readFileSync(path, 'utf8'));
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
            text = readFileSync(URI.parse(uri).fsPath, 'utf8');
        } catch {
            this.files.set(uri, undefined);
            return undefined;
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
