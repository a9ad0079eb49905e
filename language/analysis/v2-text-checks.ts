import { AstUtils, type AstNode } from 'langium';
import { isBinaryExpr, isBlock, isLayer, type BinaryExpr, type OpParam } from '../generated/ast.js';
import type { DiagnosticSink } from './diagnostics.js';
import { OPERATOR_VALUES } from './expressions.js';
import { IssueCodes } from './issue-codes.js';
import { nodeRange, propertyRange } from './ranges.js';
import { labelNeedsColonMessage } from '../statement-messages.js';
import { closestName } from './text-checks.js';
import { visibleParameters } from './visible-names.js';

/** The options each operator takes (LANGUAGE.md §4), for `did you mean` on an unknown word. */
const OPTIONS: Record<string, string[]> = {
    conv: ['stride', 'pad', 'groups', 'dilation', 'nobias', 'in'],
    dwconv: ['stride', 'pad', 'multiplier', 'dilation', 'nobias', 'in'],
    maxpool: ['stride', 'pad', 'ceil'],
    avgpool: ['stride', 'pad', 'ceil'],
    fc: ['nobias', 'in'],
    lrn: ['size']
};

const OPERATORS = [
    'conv', 'dwconv', 'maxpool', 'avgpool', 'adaptiveavgpool', 'fc', 'lrn', 'dropout', 'shuffle', 'stochasticdepth',
    'globalavgpool', 'globalmaxpool', 'flatten', 'bn', 'layernorm', 'layerscale', 'identity',
    'relu', 'relu6', 'leakyrelu', 'sigmoid', 'hardsigmoid', 'tanh', 'silu', 'hardswish', 'softmax', 'gelu'
];

/**
 * A word alone must name a parameter of the enclosing block (LANGUAGE.md §8.3); otherwise it is
 * a syntax error, reported as an unknown option when it follows a layer on the same line
 * (LANGUAGE.md §8.11: `conv 8 3x3 strid 2`), else as an unknown operator.
 */
export function checkOpParam(node: OpParam, sink: DiagnosticSink): void {
    if (node.name === undefined) return;
    const params = visibleParameters(node);
    if (AstUtils.getContainerOfType(node, isBlock) && params.some(p => p.name === node.name)) return;
    const range = propertyRange(node, 'name');
    const previous = previousStatement(node);
    if (previous && isLayer(previous) && previous.$cstNode && node.$cstNode
        && previous.$cstNode.range.end.line === node.$cstNode.range.start.line && !previous.$cstNode.text.trimEnd().endsWith(',')
        && OPTIONS[previous.op]) {
        const suggestion = closestName(node.name, OPTIONS[previous.op]);
        sink.report(IssueCodes.SyntaxError, `unknown option '${node.name}' of ${previous.op}${suggestion ? `; did you mean '${suggestion}'?` : ''}`, node, { range });
        return;
    }
    const next = statementAfter(node);
    if (next?.$cstNode && node.$cstNode && !node.annot && !node.$cstNode.text.trimEnd().endsWith(',') && next.$cstNode.range.start.line === node.$cstNode.range.end.line) {
        sink.report(IssueCodes.SyntaxError, labelNeedsColonMessage(node.name, next.$cstNode.text), node, { range, data: { labelColonAt: range.end } });
        return;
    }
    const operatorParams = params.map(p => p.name);
    const suggestion = closestName(node.name, [...OPERATORS, ...operatorParams]);
    sink.report(IssueCodes.SyntaxError, `unknown operator '${node.name}'${suggestion ? `; did you mean '${suggestion}'?` : ''}`, node, { range });
}

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

/** `a < b < c` does not chain (LANGUAGE.md §8.1): a syntax error on the whole chain. */
export function checkChainedComparison(node: BinaryExpr, sink: DiagnosticSink): void {
    const left = node.left as unknown;
    if (!COMPARISONS.has(node.operator) || !isBinaryExpr(left) || !COMPARISONS.has(left.operator)) return;
    sink.report(IssueCodes.SyntaxError, `comparisons do not chain: write '${left.operator}' and '${node.operator}' as two comparisons joined by 'and'`,
        node, { range: nodeRange(node) });
}

function previousStatement(node: OpParam) {
    return sibling(node, -1);
}

function statementAfter(node: OpParam): AstNode | undefined {
    return sibling(node, 1);
}

function sibling(node: OpParam, step: number): AstNode | undefined {
    const container = node.$container as unknown as Record<string, unknown>;
    const list = container[node.$containerProperty ?? ''];
    if (!Array.isArray(list)) return undefined;
    const index = list.indexOf(node);
    return index >= 0 ? list[index + step] : undefined;
}

export { OPERATOR_VALUES };
