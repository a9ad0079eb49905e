import { AstUtils, type AstNode } from 'langium';
import { isBlock, isParam, type Param } from '../generated/ast.js';

/**
 * The block parameters an expression at `node` can use (LANGUAGE.md §7): all of the enclosing
 * block's, except inside a default, which sees only the parameters before its own. Outside a
 * block, none. `C`, `H` and `W` are visible everywhere and not listed here.
 */
export function visibleParameters(node: AstNode): Param[] {
    const block = AstUtils.getContainerOfType(node, isBlock);
    if (!block) return [];
    const inParam = AstUtils.getContainerOfType(node, isParam);
    return inParam ? block.params.slice(0, block.params.indexOf(inParam)) : block.params;
}

/** The parameter a name in an expression refers to, if it is one. */
export function resolveName(node: AstNode, name: string): Param | undefined {
    return visibleParameters(node).find(p => p.name === name);
}
