import type { LangiumDocument } from 'langium';
import type { DefinitionProvider } from 'langium/lsp';
import type { DefinitionParams, LocationLink } from 'vscode-languageserver';
import type { CnnServices } from '../cnn-module.js';
import type { CnnSymbols } from './symbols.js';

/** Go to definition for block calls, parameters (in expressions and named arguments), labels and imports. */
export class CnnDefinitionProvider implements DefinitionProvider {
    private readonly symbols: CnnSymbols;

    constructor(services: CnnServices) {
        this.symbols = services.references.Symbols;
    }

    getDefinition(document: LangiumDocument, params: DefinitionParams): LocationLink[] | undefined {
        const found = this.symbols.targetAt(document, params.position);
        const definition = found && this.symbols.definition(found.target);
        if (!found || !definition) return undefined;
        return [{ originSelectionRange: found.range, targetUri: definition.uri, targetRange: definition.range, targetSelectionRange: definition.range }];
    }
}
