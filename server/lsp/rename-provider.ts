import type { LangiumDocument } from 'langium';
import type { RenameProvider } from 'langium/lsp';
import { ResponseError, type Range, type RenameParams, type TextDocumentPositionParams, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { CnnServices } from '../cnn-module.js';
import type { CnnSymbols } from './symbols.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set([
    'conv', 'dwconv', 'maxpool', 'avgpool', 'globalavgpool', 'globalmaxpool', 'adaptiveavgpool', 'fc', 'flatten', 'bn',
    'relu', 'relu6', 'leakyrelu', 'sigmoid', 'hardsigmoid', 'tanh', 'silu', 'hardswish', 'softmax', 'lrn', 'dropout', 'shuffle',
    'same', 'valid'
]);

/** Renames a block, a parameter or a label everywhere it is named (imports are renamed as files, not here). */
export class CnnRenameProvider implements RenameProvider {
    private readonly symbols: CnnSymbols;

    constructor(services: CnnServices) {
        this.symbols = services.references.Symbols;
    }

    prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Range | undefined {
        const found = this.symbols.targetAt(document, params.position);
        return found && found.target.kind !== 'import' ? found.range : undefined;
    }

    rename(document: LangiumDocument, params: RenameParams): WorkspaceEdit | undefined {
        const found = this.symbols.targetAt(document, params.position);
        if (!found || found.target.kind === 'import') return undefined;
        if (!NAME.test(params.newName) || RESERVED.has(params.newName)) {
            throw new ResponseError(-32602, `'${params.newName}' is not a valid name: use letters, digits and _ and no operator name`);
        }
        const changes: Record<string, TextEdit[]> = {};
        for (const { uri, range } of this.symbols.occurrences(found.target, true)) {
            (changes[uri] ??= []).push({ range, newText: params.newName });
        }
        return { changes };
    }
}
