import type { AstNode } from 'langium';
import { forEachDescendant } from './ast-walk.js';
import {
    isAnnot, isBinaryExpr, isCall, isLayer, isNameRef, isOpParam, type Block, type Call, type Layer, type Model, type Network
} from '../generated/ast.js';
import { checkOpParam, checkChainedComparison } from './v2-text-checks.js';
import { matchArguments } from './arguments.js';
import { DiagnosticSink } from './diagnostics.js';
import { OPERATOR_VALUES, unknownNameMessage } from './expressions.js';
import { IssueCodes } from './issue-codes.js';
import { keywordRange, nodeRange, propertyRange } from './ranges.js';
import { CallGraph } from './recursion.js';
import { resolveName } from './visible-names.js';
import { isExactSize, parseDims } from './shape.js';
import { BlockScopes, resolveImport, type CnnSource, type SourceLookup } from './sources.js';

/**
 * The checks made on the text alone (LANGUAGE.md §7), so they show even in blocks never called:
 * imports, duplicate names, block calls and their arguments, unknown names, recursion, and the
 * syntax rules the grammar cannot state (options given twice, dimension counts).
 */
export function checkText(source: CnnSource, lookup: SourceLookup, scopes: BlockScopes, sink: DiagnosticSink): void {
    const { model } = source;
    checkImports(source, lookup, sink);
    checkDuplicateNames(model, sink);
    const scope = scopes.of(source.uri);
    forEachDescendant(model, node => {
        checkSizeTokens(node, sink);
        checkDuplicateLabels(node, sink);
        if (isCall(node)) checkCall(node, scope, sink);
        else if (isNameRef(node)) checkName(node.name, node, sink);
        else if (isLayer(node)) checkLayerSyntax(node, sink);
        else if (isOpParam(node)) checkOpParam(node, sink);
        else if (isBinaryExpr(node)) checkChainedComparison(node, sink);
        else if (isAnnot(node) && node.dims !== undefined) {
            requireDims(node.dims, 3, `a shape annotation needs C×H×W or a flat size, got ${node.dims}`, node, sink);
        }
    });
    for (const network of model.networks) checkNetworkSyntax(network, sink);
    const graph = new CallGraph(scopes);
    for (const block of model.blocks) {
        for (const { call, cycle } of graph.recursiveCalls(block)) {
            sink.report(IssueCodes.RecursiveBlock, `block '${block.name}' calls itself: ${cycle.join(' → ')}`, call);
        }
    }
}

function checkImports(source: CnnSource, lookup: SourceLookup, sink: DiagnosticSink): void {
    for (const imported of source.model.imports) {
        if (imported.path === undefined) continue;
        const target = lookup(resolveImport(source.uri, imported.path));
        const range = propertyRange(imported, 'path');
        if (!target) sink.report(IssueCodes.UnresolvedImport, `cannot find '${imported.path}'`, imported, { range });
        else if (target.unreadable !== undefined) sink.report(IssueCodes.UnresolvedImport, `cannot read '${imported.path}': ${target.unreadable}`, imported, { range });
        else if (target.hasSyntaxErrors) sink.report(IssueCodes.ImportError, `'${imported.path}' has syntax errors`, imported, { range });
    }
}

function checkDuplicateNames(model: Model, sink: DiagnosticSink): void {
    reportDuplicates(model.blocks, 'block', sink);
    reportDuplicates(model.networks, 'network', sink);
    for (const block of model.blocks) reportDuplicates(block.params, 'parameter', sink);
}

/** Labels name rows and paths (and the compiled model's layers): two in one body are ambiguous. */
function checkDuplicateLabels(node: AstNode, sink: DiagnosticSink): void {
    for (const property of ['body', 'elseBody'] as const) {
        const statements = (node as unknown as Record<string, unknown>)[property];
        if (!Array.isArray(statements)) continue;
        const labelled = statements.filter((s: AstNode & { label?: unknown }) => typeof s.label === 'string') as Array<AstNode & { label: string }>;
        reportDuplicateLabels(labelled, sink);
    }
}

function reportDuplicateLabels(statements: Array<AstNode & { label: string }>, sink: DiagnosticSink): void {
    const seen = new Set<string>();
    for (const statement of statements) {
        if (seen.has(statement.label)) {
            sink.report(IssueCodes.DuplicateName, `duplicate label '${statement.label}'`, statement, { range: propertyRange(statement, 'label') });
        }
        seen.add(statement.label);
    }
}

function reportDuplicates(nodes: Array<AstNode & { name: string }>, kind: string, sink: DiagnosticSink): void {
    const seen = new Set<string>();
    for (const node of nodes) {
        if (node.name === undefined) continue;
        if (seen.has(node.name)) {
            sink.report(IssueCodes.DuplicateName, `duplicate ${kind} '${node.name}'`, node, { range: propertyRange(node, 'name') });
        }
        seen.add(node.name);
    }
}

function checkCall(call: Call, scope: Map<string, Block>, sink: DiagnosticSink): void {
    const block = scope.get(call.block);
    if (!block) {
        sink.report(IssueCodes.UnknownBlock, unknownBlockMessage(call.block, scope), call,
            { range: propertyRange(call, 'block'), data: { suggestion: closestName(call.block, [...scope.keys()]) } });
        return;
    }
    for (const problem of matchArguments(call, block).problems) {
        sink.report(problem.code, problem.message, problem.node, { range: problem.node === call ? undefined : nodeRange(problem.node) });
    }
}

export function unknownBlockMessage(name: string, scope: Map<string, Block>): string {
    const suggestion = closestName(name, [...scope.keys()]);
    return suggestion ? `unknown block '${name}'; did you mean '${suggestion}'?` : `unknown block '${name}'`;
}

/** A name in an expression must be a parameter (earlier ones only, inside defaults) or C, H, W. */
function checkName(name: string, node: AstNode, sink: DiagnosticSink): void {
    if (isVisibleName(name, node)) return;
    sink.report(IssueCodes.UnknownParam, unknownNameMessage(name), node, { range: nodeRange(node) });
}

function isVisibleName(name: string, node: AstNode): boolean {
    return name === 'C' || name === 'H' || name === 'W' || resolveName(node, name) !== undefined || OPERATOR_VALUES.has(name);
}

function checkLayerSyntax(layer: Layer, sink: DiagnosticSink): void {
    const seen = new Set<string>();
    for (const option of layer.options) {
        if (seen.has(option.name)) {
            sink.report(IssueCodes.SyntaxError, `option '${option.name}' is given twice`, option, { range: nodeRange(option) });
        }
        seen.add(option.name);
        if (option.dims !== undefined) {
            const form = option.name === 'pad' ? 'PhxPw' : option.name === 'stride' ? 'ShxSw' : 'DhxDw';
            requireDims(option.dims, 2, `${option.name} ${option.dims} needs two numbers (${form})`, option, sink);
        }
    }
    if (layer.kernel?.dims !== undefined) {
        requireDims(layer.kernel.dims, 2, `kernel ${layer.kernel.dims} needs two numbers (KhxKw)`, layer.kernel, sink);
    }
    if (layer.size !== undefined) {
        requireDims(layer.size, 2, `adaptiveavgpool ${layer.size} needs an output size hxw`, layer, sink, propertyRange(layer, 'size'));
    }
}

function checkNetworkSyntax(network: Network, sink: DiagnosticSink): void {
    if (network.metas.length > 1) {
        sink.report(IssueCodes.SyntaxError, `'meta' may appear only once`, network.metas[1], { range: keywordRange(network.metas[1], 'meta') });
    }
    if (network.budgets.length > 1) {
        sink.report(IssueCodes.SyntaxError, `'budget' may appear only once`, network.budgets[1], { range: keywordRange(network.budgets[1], 'budget') });
    }
    const dims = network.input?.dims;
    if (dims !== undefined) {
        const values = parseDims(dims);
        const range = propertyRange(network.input, 'dims');
        if (values.length === 0) {
            // a size above 2^53: reported as too-large
        } else if (values.length !== 3) {
            sink.report(IssueCodes.SyntaxError, `input needs three dimensions C×H×W, got ${dims}`, network.input, { range });
        } else if (values.some(v => v < 1)) {
            sink.report(IssueCodes.InvalidValue, `input dimensions must be at least 1, got ${dims}`, network.input, { range });
        }
    }
}

/**
 * Sizes written as `3x224x224`, `7x7` or `-> 192` must be exact as JavaScript numbers: above 2^53
 * they were silently rounded, and messages printed the rounded value. One located error instead.
 */
function checkSizeTokens(node: AstNode, sink: DiagnosticSink): void {
    for (const property of ['dims', 'size', 'flat'] as const) {
        const text = (node as unknown as Record<string, unknown>)[property];
        if (typeof text !== 'string' || !/^[0-9]+(x[0-9]+)*$/.test(text)) continue;
        const huge = text.split('x').find(part => !isExactSize(part));
        if (huge !== undefined) {
            sink.report(IssueCodes.TooLarge, `${huge} is too large for a size (at most ${Number.MAX_SAFE_INTEGER})`, node, { range: propertyRange(node, property) });
        }
    }
}

function requireDims(dims: string, count: number, message: string, node: AstNode, sink: DiagnosticSink, range = nodeRange(node)): void {
    if (dims.split('x').some(part => !isExactSize(part))) return; // reported as too-large
    if (parseDims(dims).length !== count) sink.report(IssueCodes.SyntaxError, message, node, { range });
}

/** The known name nearest to a misspelt one (edit distance at most a third of its length). */
export function closestName(name: string, candidates: string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1;
    for (const candidate of candidates) {
        const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
