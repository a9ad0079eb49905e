import { AstUtils, GrammarAST, GrammarUtils, isCompositeCstNode, type AstNode, type CstNode } from 'langium';
import { isCall, isLayer } from '../generated/ast.js';
import type { Range } from './types.js';

const EMPTY_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function nodeRange(node: AstNode): Range {
    return node.$cstNode?.range ?? EMPTY_RANGE;
}

export function propertyRange(node: AstNode, property: string): Range {
    return firstNodeForProperty(node, property)?.range ?? nodeRange(node);
}

/**
 * The CST node of a property's first value: what Langium's `findNodeForProperty` returns, but it
 * stops at the first match. Langium's collects every match first, so the name of a network of
 * 175,000 statements cost a look at each of them (18 ms for one warning).
 */
export function firstNodeForProperty(node: AstNode, property: string): CstNode | undefined {
    return node.$cstNode && firstIn(node.$cstNode, property, node.$cstNode.astNode, true);
}

function firstIn(cst: CstNode, property: string, owner: AstNode, top: boolean): CstNode | undefined {
    if (!top && AstUtils.getContainerOfType(cst.grammarSource, GrammarAST.isAssignment)?.feature === property) return cst;
    if (!isCompositeCstNode(cst) || cst.astNode !== owner) return undefined;
    for (const child of cst.content) {
        const found = firstIn(child, property, owner, false);
        if (found) return found;
    }
    return undefined;
}

export function keywordRange(node: AstNode, keyword: string): Range {
    return GrammarUtils.findNodeForKeyword(node.$cstNode, keyword)?.range ?? nodeRange(node);
}

export function documentUri(node: AstNode): string {
    return AstUtils.getDocument(node).uri.toString();
}

/**
 * Where a diagnostic about a statement goes (LANGUAGE.md §7): a layer or call from its op keyword
 * or block name (not its label) to the end of the statement; a composite, repeat, stage or tap on
 * its keyword.
 */
export function statementRange(node: AstNode): Range {
    if (isLayer(node) || isCall(node)) {
        const first = firstNodeForProperty(node, isLayer(node) ? 'op' : 'block');
        const last = lastMeaningfulLeaf(node.$cstNode);
        if (first && last) return { start: first.range.start, end: last.range.end };
        return nodeRange(node);
    }
    const keyword = STATEMENT_KEYWORDS[node.$type];
    return keyword ? keywordRange(node, keyword) : nodeRange(node);
}

/** Where a statement ends, leaving out a trailing `,`: inlay hints go here. */
export function statementEnd(node: AstNode): Range['end'] | undefined {
    return lastMeaningfulLeaf(node.$cstNode)?.range.end;
}

const STATEMENT_KEYWORDS: Record<string, string> = {
    Residual: 'residual', Concat: 'concat', Split: 'split', Scale: 'scale',
    Repeat: 'repeat', Stage: 'stage', Tap: 'tap', Branch: 'branch'
};

/** The statement's last token, leaving out a trailing `,` separator. */
function lastMeaningfulLeaf(cst: CstNode | undefined): CstNode | undefined {
    if (!cst) return undefined;
    // From the end, so a composite statement costs its depth, not its size (inlay hints ask for every statement).
    for (const leaf of leavesFromTheEnd(cst)) {
        if (!leaf.hidden && leaf.text !== ',') return leaf;
    }
    return undefined;
}

function* leavesFromTheEnd(cst: CstNode): Generator<CstNode> {
    if (!isCompositeCstNode(cst)) {
        yield cst;
        return;
    }
    for (let i = cst.content.length - 1; i >= 0; i--) yield* leavesFromTheEnd(cst.content[i]);
}
