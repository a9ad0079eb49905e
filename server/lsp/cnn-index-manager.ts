import { DefaultIndexManager, URI, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { Model } from '../../language/generated/ast.js';
import { resolveImport } from '../../language/analysis/sources.js';

/**
 * Imports are not cross-references, so Langium would not rebuild an importer when an imported
 * file changes. A document is affected when anything it imports, directly or transitively, changed.
 */
export class CnnIndexManager extends DefaultIndexManager {
    private readonly documentsOf: LangiumSharedCoreServices['workspace']['LangiumDocuments'];

    constructor(shared: LangiumSharedCoreServices) {
        super(shared);
        this.documentsOf = shared.workspace.LangiumDocuments;
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        return super.isAffected(document, changedUris) || this.importsAny(document.uri.toString(), changedUris, new Set());
    }

    private importsAny(uri: string, changedUris: Set<string>, visited: Set<string>): boolean {
        if (visited.has(uri)) return false;
        visited.add(uri);
        const model = this.documentsOf.getDocument(URI.parse(uri))?.parseResult.value as Model | undefined;
        for (const imported of model?.imports ?? []) {
            if (imported.path === undefined) continue;
            const target = resolveImport(uri, imported.path);
            if (changedUris.has(target) || this.importsAny(target, changedUris, visited)) return true;
        }
        return false;
    }
}
