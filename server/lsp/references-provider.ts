import type { LangiumDocument } from 'langium';
import type { ReferencesProvider } from 'langium/lsp';
import type { Location, ReferenceParams } from 'vscode-languageserver';
import type { CnnServices } from '../cnn-module.js';
import type { CnnSymbols } from './symbols.js';

/** Find references of blocks, parameters, labels and imported files, across the workspace. */
export class CnnReferencesProvider implements ReferencesProvider {
    private readonly symbols: CnnSymbols;

    constructor(services: CnnServices) {
        this.symbols = services.references.Symbols;
    }

    findReferences(document: LangiumDocument, params: ReferenceParams): Location[] {
        const found = this.symbols.targetAt(document, params.position);
        return found ? this.symbols.occurrences(found.target, params.context.includeDeclaration) : [];
    }
}
