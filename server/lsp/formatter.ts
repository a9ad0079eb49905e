import { CstUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { DocumentFormattingParams, DocumentOnTypeFormattingParams, DocumentRangeFormattingParams, TextEdit } from 'vscode-languageserver';
import { AbstractFormatter, Formatting, type NodeFormatter } from 'langium/lsp';
import {
    isArg, isBinaryExpr, isFunctionCall, isIf, isLogicalExpr, isPair, isUnaryExpr, isBlock, isBranch, isBudget, isCall, isConcat, isLayer, isMeta, isModel, isNetwork, isOption, isParam,
    isRepeat, isResidual, isScale, isShortcut, isSplit, isStage, isTap, type Model
} from '../../language/generated/ast.js';
import { safeFormattingEdits } from './safe-edits.js';

const ONE = Formatting.oneSpace();
const NONE = Formatting.noSpace();
/** Wins over the indentation that a multi-line body gives every statement. */
const SAME_LINE = Formatting.oneSpace({ priority: 2 });

/**
 * The canonical layout: four-space indentation; one statement per line, except comma chains
 * (`conv 384 3x3 pad 1, relu`) and bodies written on one line (`branch { BasicConv(c1) }`), which
 * stay on their line; single spaces between words and around `->`, `=`, `<=`, `*` and arithmetic;
 * none inside parentheses or before `,` and `:`. Blank lines between statements are kept.
 * Formatting twice changes nothing.
 */
export class CnnFormatter extends AbstractFormatter {
    override async formatDocument(document: LangiumDocument, params: DocumentFormattingParams): Promise<TextEdit[]> {
        return safeFormattingEdits(document, await super.formatDocument(document, params));
    }

    override async formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): Promise<TextEdit[]> {
        return safeFormattingEdits(document, await super.formatDocumentRange(document, params), params.range);
    }

    override async formatDocumentOnType(document: LangiumDocument, params: DocumentOnTypeFormattingParams): Promise<TextEdit[]> {
        // The range Langium formats on type: the current line up to the cursor.
        const range = { start: { line: params.position.line, character: 0 }, end: params.position };
        return safeFormattingEdits(document, await super.formatDocumentOnType(document, params), range);
    }

    protected format(node: AstNode): void {
        const f = this.getNodeFormatter(node);
        if (isModel(node)) return this.formatModel(node, f);
        if (hasBraces(node)) this.formatBraces(node, f);
        // `} else {`: the else body's braces are the If's second pair (an `else if` is its own If).
        if (isIf(node) && !node.elseIf && f.keyword('{', 1).nodes.length > 0) this.formatBraces(node, f, 1);
        if (isIf(node)) f.keyword('else').surround(ONE);
        if (isResidual(node) || isConcat(node) || isSplit(node) || isScale(node)) f.keyword('*').surround(ONE);
        if (isStage(node)) f.keyword('->').surround(ONE);
        if (isLayer(node) || isCall(node) || isResidual(node) || isConcat(node) || isSplit(node) || isScale(node)) {
            this.formatStatementTail(f);
        }
        if (isLayer(node) || isCall(node)) f.keyword(':').prepend(NONE).append(ONE);
        if (isLayer(node)) {
            f.properties('out', 'kernel', 'size', 'rate', 'groups').prepend(ONE);
            f.property('options').prepend(ONE);
        }
        if (isOption(node)) f.properties('value', 'dims', 'mode', 'pair').prepend(ONE);
        if (isCall(node)) {
            f.keyword('(').prepend(NONE).append(NONE);
            f.keyword(')').prepend(NONE);
            f.keywords(',').prepend(NONE).append(ONE);
            f.keyword('*').surround(ONE);
        }
        if (isBranch(node)) f.keyword('*').surround(ONE);
        if (isParam(node) || isArg(node)) f.keyword('=').surround(ONE);
        if (isBlock(node)) {
            f.keyword('(').prepend(NONE).append(NONE);
            f.keyword(')').prepend(NONE);
            f.keywords(',').prepend(NONE).append(ONE);
        }
        if (isMeta(node) || isBudget(node)) {
            f.keywords(',').prepend(NONE).append(ONE);
            f.property(isMeta(node) ? 'entries' : 'limits').prepend(ONE);
        }
        if (node.$type === 'MetaEntry') f.keyword('=').surround(ONE);
        if (node.$type === 'Limit') f.keyword('<=').surround(ONE);
        if (isBinaryExpr(node) || isLogicalExpr(node)) f.cst(operatorTokens(node)).surround(ONE);
        // LANGUAGE.md §8: `(1, k)` pairs and function calls like a call's arguments; `if` and its condition.
        if (isPair(node) || isFunctionCall(node)) {
            f.keyword('(').append(NONE);
            f.keyword(')').prepend(NONE);
            f.keywords(',').prepend(NONE).append(ONE);
        }
        if (isFunctionCall(node)) f.keyword('(').prepend(NONE);
        if (isIf(node)) f.property('condition').prepend(ONE);
        if (isUnaryExpr(node) && node.operator === 'not') f.keyword('not').append(ONE);
        if (isShortcut(node)) f.property('kind').prepend(ONE);
        if (isNetwork(node) || isBlock(node)) f.property('name').prepend(ONE);
        if (node.$type === 'Import') f.property('path').prepend(ONE);
        if (node.$type === 'Input') f.property('dims').prepend(ONE);
        if (node.$type === 'NumberLit' || node.$type === 'NameRef' || isBinaryExpr(node)) {
            f.keyword('(').append(NONE);
            f.keyword(')').prepend(NONE);
        }
        if (isRepeat(node)) f.property('count').prepend(ONE);
        if (isStage(node) || isTap(node) || isBranch(node)) f.property('name').prepend(ONE);
    }

    private formatModel(model: Model, f: NodeFormatter<Model>): void {
        const items = [...model.imports, ...model.blocks, ...model.networks].sort((a, b) => (a.$cstNode?.offset ?? 0) - (b.$cstNode?.offset ?? 0));
        items.slice(1).forEach(item => f.node(item).prepend(Formatting.newLine({ allowMore: true })));
    }

    /** `{ … }`: a multi-line body indented one level, a one-line body kept on its line. */
    private formatBraces(node: AstNode, f: NodeFormatter<AstNode>, index = 0): void {
        const open = f.keyword('{', index);
        const close = f.keyword('}', index);
        const openCst = open.nodes[0];
        const closeCst = close.nodes[0];
        if (!openCst || !closeCst) return;
        open.prepend(ONE);
        const inside = f.interior(open, close);
        if (closeCst.range.start.line === openCst.range.start.line) {
            if (inside.nodes.length === 0) {
                open.append(NONE);
            } else {
                open.append(ONE);
                close.prepend(ONE);
                inside.nodes.slice(1).forEach(child => f.cst([child]).prepend(SAME_LINE));
            }
            return;
        }
        inside.prepend(Formatting.indent({ allowMore: true }));
        close.prepend(Formatting.newLine());
        // A statement after one that ends with ',' stays on that line.
        inside.nodes.forEach((child, i) => {
            if (i > 0 && endsWithComma(inside.nodes[i - 1])) f.cst([child]).prepend(SAME_LINE);
        });
    }

    private formatStatementTail(f: NodeFormatter<AstNode>): void {
        f.keyword('->').surround(ONE);
        f.keyword(',').prepend(NONE);
        f.property('shortcut').prepend(ONE);
    }
}

function hasBraces(node: AstNode): boolean {
    return isNetwork(node) || isBlock(node) || isStage(node) || isRepeat(node) || isResidual(node) || isConcat(node) || isSplit(node)
        || isScale(node) || isBranch(node) || isTap(node) || isIf(node) || (isShortcut(node) && node.kind === undefined);
}

/** An infix rule's operator token is not found by keyword or property, so find it among the node's own tokens. */
function operatorTokens(node: AstNode): CstNode[] {
    return node.$cstNode ? CstUtils.flattenCst(node.$cstNode).filter(leaf => leaf.astNode === node && OPERATORS.has(leaf.text)).toArray() : [];
}

const OPERATORS = new Set(['*', '/', '%', '+', '-', '==', '!=', '<', '<=', '>', '>=', 'and', 'or']);

function endsWithComma(node: CstNode): boolean {
    return node.text.trimEnd().endsWith(',');
}
