import { AstUtils, type AstNode } from 'langium';
import {
    evaluateValue, formatValue, type NameLookup, type Value
} from '../../language/analysis/expressions.js';
import { fromInteger } from '../../language/analysis/rational.js';
import { isSpatial } from '../../language/analysis/shape.js';
import type { Group, NetworkAnalysis, Shape } from '../../language/analysis/types.js';
import {
    isBinaryExpr, isBlock, isFunctionCall, isLogicalExpr, isNameRef, isNetwork, isNumberLit, isUnaryExpr, type Block
} from '../../language/generated/ast.js';

const MAX_LINES = 8;

/** Whether a node is part of an expression (LANGUAGE.md §8.1). */
export function isExpression(node: AstNode): boolean {
    return isBinaryExpr(node) || isLogicalExpr(node) || isUnaryExpr(node) || isNumberLit(node) || isNameRef(node) || isFunctionCall(node);
}

/** The whole expression a node belongs to: the outermost expression above it. */
export function outermostExpression(node: AstNode): AstNode {
    let top = node;
    while (top.$container && isExpression(top.$container)) top = top.$container;
    return top;
}

/**
 * The values an expression takes in each expansion, written with the parameters substituted:
 * `make_divisible(16 × 1.2, 8) = 24`. In a block, one line per distinct call; in a network, the
 * network's input gives C, H, W. A bare literal has nothing to show (undefined).
 */
export function expressionHover(expr: AstNode, networks: readonly NetworkAnalysis[], callsOf: (block: Block) => Group[]): string | undefined {
    if (isNumberLit(expr)) return undefined;
    const block = AstUtils.getContainerOfType(expr, isBlock);
    const environments: Array<{ values: ReadonlyMap<string, Value>; input: Shape }> = [];
    if (block) {
        for (const call of callsOf(block)) if (call.values) environments.push({ values: call.values, input: call.input });
    } else {
        const network = AstUtils.getContainerOfType(expr, isNetwork);
        const analysis = networks.find(n => n.node === network);
        if (analysis) environments.push({ values: new Map(), input: analysis.input });
    }
    if (environments.length === 0) return `\`${written(expr, () => undefined)}\`: not evaluated — no expansion runs this code`;
    const lines = new Set<string>();
    for (const { values, input } of environments) {
        const lookup = lookupIn(values, input);
        const value = evaluateValue(expr, lookup, () => undefined);
        lines.add(`\`${written(expr, lookup)} = ${value ? formatValue(value) : '(error)'}\``);
        if (lines.size >= MAX_LINES) break;
    }
    return [...lines].join('  \n');
}

function lookupIn(values: ReadonlyMap<string, Value>, input: Shape): NameLookup {
    const [c, h, w] = isSpatial(input) ? input : [input[0], 1, 1];
    return name => {
        const value = values.get(name);
        if (value) return value;
        const dimension = name === 'C' ? c : name === 'H' ? h : name === 'W' ? w : undefined;
        return dimension === undefined ? undefined : { kind: 'number', value: fromInteger(BigInt(dimension)) };
    };
}

/** The expression as written, names replaced by their values and `*` shown as `×`. */
function written(expr: AstNode, lookup: NameLookup): string {
    const text = expr.$cstNode?.text ?? '';
    const offset = expr.$cstNode?.offset ?? 0;
    const replacements: Array<{ start: number; end: number; text: string }> = [];
    for (const node of [expr, ...AstUtils.streamAllContents(expr)]) {
        if (!isNameRef(node) || !node.$cstNode) continue;
        const value = lookup(node.name);
        if (value) replacements.push({ start: node.$cstNode.offset - offset, end: node.$cstNode.end - offset, text: formatValue(value) });
    }
    let result = '';
    let at = 0;
    for (const part of replacements.sort((a, b) => a.start - b.start)) {
        result += text.slice(at, part.start) + part.text;
        at = part.end;
    }
    result += text.slice(at);
    return result.replace(/\s*\*\s*/g, ' × ').replace(/\s+/g, ' ');
}
