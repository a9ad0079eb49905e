import { URI, UriUtils, type LangiumDocument } from 'langium';
import type { Block, Model } from '../generated/ast.js';
import { withoutUnpairedSurrogates } from '../unpaired-surrogates.js';

/** A parsed `.cnn` file as the analysis sees it. */
export interface CnnSource {
    uri: string;
    model: Model;
    hasSyntaxErrors: boolean;
    /** Why the file could not be read (its model is then empty): not a regular file, too large. */
    unreadable?: string;
}

/** A parsed document as the analysis sees it. */
export function sourceOf(document: LangiumDocument): CnnSource {
    const { value, lexerErrors, parserErrors } = document.parseResult;
    return { uri: document.uri.toString(), model: value as Model, hasSyntaxErrors: lexerErrors.length + parserErrors.length > 0 };
}

/** Finds a parsed file by URI; undefined when it does not exist or cannot be read. */
export type SourceLookup = (uri: string) => CnnSource | undefined;

/** `import "blocks/resnet.cnn"` is relative to the importing file. */
export function resolveImport(fromUri: string, path: string): string {
    // An unpaired surrogate (half an astral character, as a cut or a bad paste leaves) cannot be
    // percent-encoded: URI's toString throws. As U+FFFD the path names no file: "cannot find".
    return UriUtils.resolvePath(UriUtils.dirname(URI.parse(fromUri)), withoutUnpairedSurrogates(path)).toString();
}

/**
 * The blocks visible in each file: its own (the first of duplicates), then those of its imports,
 * transitively, in import order. A file's own blocks win over imported ones.
 */
export class BlockScopes {
    private readonly scopes = new Map<string, Map<string, Block>>();

    constructor(private readonly lookup: SourceLookup) {}

    of(uri: string): Map<string, Block> {
        let scope = this.scopes.get(uri);
        if (!scope) {
            scope = new Map();
            this.collect(uri, scope, new Set());
            this.scopes.set(uri, scope);
        }
        return scope;
    }

    private collect(uri: string, into: Map<string, Block>, visited: Set<string>): void {
        if (visited.has(uri)) return;
        visited.add(uri);
        const source = this.lookup(uri);
        if (!source) return;
        for (const block of source.model.blocks) {
            if (block.name !== undefined && !into.has(block.name)) into.set(block.name, block);
        }
        for (const imported of source.model.imports) {
            if (imported.path !== undefined) this.collect(resolveImport(uri, imported.path), into, visited);
        }
    }
}
