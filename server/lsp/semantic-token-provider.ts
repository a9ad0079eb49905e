import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes, type Range, type SemanticTokens, type SemanticTokensDelta } from 'vscode-languageserver';
import {
    isAnnot, isArg, isBlock, isCall, isFunctionCall, isImport, isInput, isKernel, isLayer, isLimit, isMetaEntry, isNameRef, isNetwork, isNumberLit, isOpParam,
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

    /**
     * Langium's range walk skips every node not wholly inside the range, so a range below the
     * first line (any scrolled view) got no tokens at all: the whole document's tokens, cut to the range.
     */
    override semanticHighlightRange(...args: Parameters<AbstractSemanticTokenProvider['semanticHighlightRange']>): Promise<SemanticTokens> {
        const [document, params, cancelToken] = args;
        return this.exclusive(async () => {
            const full = await super.semanticHighlight(document, { textDocument: params.textDocument }, cancelToken);
            return { data: tokensInRange(full.data, params.range) };
        });
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
        } else if (isFunctionCall(node)) {
            // LANGUAGE.md §8.1: min, max, floor, ceil, round, abs, make_divisible.
            acceptor({ node, property: 'name', type: SemanticTokenTypes.function, modifier: SemanticTokenModifiers.defaultLibrary });
        } else if (isOpParam(node)) {
            // A word alone runs the operator its parameter holds (§8.3).
            acceptor({ node, property: 'name', type: SemanticTokenTypes.parameter });
        }
    }
}

/** The encoded tokens (5 numbers each, positions relative to the previous token) that start inside a range. */
export function tokensInRange(data: number[], range: Range): number[] {
    const out: number[] = [];
    let line = 0;
    let character = 0;
    let lastLine = 0;
    let lastCharacter = 0;
    for (let i = 0; i + 4 < data.length; i += 5) {
        line += data[i];
        character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
        const afterStart = line > range.start.line || (line === range.start.line && character >= range.start.character);
        const beforeEnd = line < range.end.line || (line === range.end.line && character < range.end.character);
        if (!afterStart || !beforeEnd) continue;
        out.push(line - lastLine, line === lastLine ? character - lastCharacter : character, data[i + 2], data[i + 3], data[i + 4]);
        lastLine = line;
        lastCharacter = character;
    }
    return out;
}
