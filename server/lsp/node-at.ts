import { CstUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { Position } from 'vscode-languageserver';

/** The token under the cursor (or just before it, at the end of a word), if any. */
export function leafAt(document: LangiumDocument, position: Position): CstNode | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const offset = document.textDocument.offsetAt(position);
    return CstUtils.findLeafNodeAtOffset(root, offset) ?? (offset > 0 ? CstUtils.findLeafNodeAtOffset(root, offset - 1) : undefined);
}

/** The node and its containers, innermost first. */
export function* ancestors(node: AstNode | undefined): Generator<AstNode> {
    for (let current = node; current; current = current.$container) yield current;
}
