import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes, type SemanticTokens, type SemanticTokensDelta } from 'vscode-languageserver';
import {
    isAnnot, isArg, isBlock, isCall, isImport, isInput, isKernel, isLayer, isLimit, isMetaEntry, isNameRef, isNetwork, isNumberLit,
    isOption, isParam, isStage, isTap, isBranch
} from '../../language/generated/ast.js';
import type { CnnServices } from '../cnn-module.js';
import { resolveName } from '../../language/analysis/visible-names.js';

/**
 * Meaning-based colours on top of the TextMate grammar: operators, block names at definitions and
 * calls, parameters, `C H W`, labels, stage and tap names, shapes and numbers.
 */
export class CnnSemanticTokenProvider extends AbstractSemanticTokenProvider {
    /** The requests in flight, one after another (see `exclusive`). */
    private queue: Promise<unknown> = Promise.resolve();

    constructor(services: CnnServices) {
        super(services);
    }

    override semanticHighlight(...args: Parameters<AbstractSemanticTokenProvider['semanticHighlight']>): Promise<SemanticTokens> {
        return this.exclusive(() => super.semanticHighlight(...args));
    }

    override semanticHighlightRange(...args: Parameters<AbstractSemanticTokenProvider['semanticHighlightRange']>): Promise<SemanticTokens> {
        return this.exclusive(() => super.semanticHighlightRange(...args));
    }

    override semanticHighlightDelta(...args: Parameters<AbstractSemanticTokenProvider['semanticHighlightDelta']>): Promise<SemanticTokens | SemanticTokensDelta> {
        return this.exclusive(() => super.semanticHighlightDelta(...args));
    }

    /**
     * Langium's provider keeps the request's range, document and token builder in fields and
     * yields while it walks the tree, so a `full` and a `range` request in flight together (VS Code
     * sends both) wrote into each other's answers. Each runs alone, after the one before it.
     */
    private exclusive<T>(run: () => Promise<T>): Promise<T> {
        const result = this.queue.then(run, run);
        this.queue = result.catch(() => undefined);
        return result;
    }

    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const label = (node as { label?: string }).label;
        if (label !== undefined) acceptor({ node, property: 'label', type: SemanticTokenTypes.variable, modifier: SemanticTokenModifiers.declaration });
        if (isLayer(node)) {
            acceptor({ node, property: 'op', type: SemanticTokenTypes.function, modifier: SemanticTokenModifiers.defaultLibrary });
            if (node.size !== undefined) acceptor({ node, property: 'size', type: SemanticTokenTypes.number });
            if (node.rate !== undefined) acceptor({ node, property: 'rate', type: SemanticTokenTypes.number });
        } else if (isCall(node)) {
            acceptor({ node, property: 'block', type: SemanticTokenTypes.function });
        } else if (isBlock(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.function, modifier: SemanticTokenModifiers.declaration });
        } else if (isNetwork(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.class, modifier: SemanticTokenModifiers.declaration });
        } else if (isParam(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.parameter, modifier: SemanticTokenModifiers.declaration });
        } else if (isArg(node) && node.name !== undefined) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.parameter });
        } else if (isNameRef(node)) {
            const param = resolveName(node, node.name);
            acceptor({ node, property: 'name', type: param ? SemanticTokenTypes.parameter : SemanticTokenTypes.variable,
                modifier: param ? [] : SemanticTokenModifiers.readonly });
        } else if (isStage(node) || isTap(node) || (isBranch(node) && node.name !== undefined)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.namespace, modifier: SemanticTokenModifiers.declaration });
        } else if (isNumberLit(node)) {
            acceptor({ node, property: 'value', type: SemanticTokenTypes.number });
        } else if (isInput(node) || (isKernel(node) && node.dims !== undefined) || (isOption(node) && node.dims !== undefined) || (isAnnot(node) && node.dims !== undefined)) {
            acceptor({ node, property: 'dims', type: SemanticTokenTypes.number });
        } else if (isAnnot(node) && node.flat !== undefined) {
            acceptor({ node, property: 'flat', type: SemanticTokenTypes.number });
        } else if (isLimit(node)) {
            acceptor({ node, property: 'metric', type: SemanticTokenTypes.property });
            acceptor({ node, property: 'amount', type: SemanticTokenTypes.number });
        } else if (isMetaEntry(node)) {
            acceptor({ node, property: 'key', type: SemanticTokenTypes.property });
        } else if (isImport(node)) {
            acceptor({ node, property: 'path', type: SemanticTokenTypes.string });
        }
    }
}
