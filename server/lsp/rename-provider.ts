import { UriUtils, type LangiumDocument, type LangiumDocuments } from 'langium';
import type { Block, Model } from '../../language/generated/ast.js';
import type { RenameProvider } from 'langium/lsp';
import { ResponseError, type Range, type RenameParams, type TextDocumentPositionParams, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { CnnServices } from '../cnn-module.js';
import type { CnnSymbols } from './symbols.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set([
    'conv', 'dwconv', 'maxpool', 'avgpool', 'globalavgpool', 'globalmaxpool', 'adaptiveavgpool', 'fc', 'flatten', 'bn',
    'relu', 'relu6', 'leakyrelu', 'sigmoid', 'hardsigmoid', 'tanh', 'silu', 'hardswish', 'softmax', 'lrn', 'dropout', 'shuffle',
    'layernorm', 'layerscale', 'gelu', 'identity', 'stochasticdepth', 'same', 'valid'
]);

/** Renames a block, a parameter or a label everywhere it is named (imports are renamed as files, not here). */
export class CnnRenameProvider implements RenameProvider {
    private readonly symbols: CnnSymbols;
    private readonly documents: LangiumDocuments;

    constructor(services: CnnServices) {
        this.symbols = services.references.Symbols;
        this.documents = services.shared.workspace.LangiumDocuments;
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
        // Two blocks of one name: calls would silently go to whichever the scope finds first.
        if (found.target.kind === 'block') {
            const target = found.target.block;
            for (const other of this.documents.all) {
                const clash = (other.parseResult.value as Model).blocks?.find(block => block !== target && block.name === params.newName);
                if (clash) {
                    const line = (clash.$cstNode?.range.start.line ?? 0) + 1;
                    throw new ResponseError(-32602, `a block named '${params.newName}' already exists (${UriUtils.basename(other.uri)}:${line}); choose another name`);
                }
            }
        }
        if (found.target.kind === 'param' && (found.target.param.$container as Block).params.some(p => p !== (found.target as { param: unknown }).param && p.name === params.newName)) {
            throw new ResponseError(-32602, `the block already has a parameter named '${params.newName}'`);
        }
        const changes: Record<string, TextEdit[]> = {};
        for (const { uri, range } of this.symbols.occurrences(found.target, true)) {
            (changes[uri] ??= []).push({ range, newText: params.newName });
        }
        return { changes };
    }
}
