import type { AstNode } from 'langium';
import {
    isCall, isConcat, isIf, isLayer, isOpParam, isRepeat, isResidual, isScale, isSplit, isStage, isTap,
    type Annot, type Block, type Call, type If, type OpParam, type Concat, type Expr, type Layer, type Network, type Residual,
    type Scale, type Split, type Stage, type Stmt, type Tap
} from '../generated/ast.js';
import { hasBrokenParameters, syntaxStopBefore } from '../syntax-stops.js';
import { matchArguments } from './arguments.js';
import { LayerMemo, type FrameMemo } from './layer-memo.js';
import { PathNumbering, type PathMark } from './path-numbering.js';
import { related, type DiagnosticSink, type ReportOptions } from './diagnostics.js';
import { evaluate, evaluateCondition, evaluateNumber, evaluateValue, formatValue, OPERATOR_VALUES, type Value } from './expressions.js';
import { fromInteger } from './rational.js';
import { IssueCodes, type IssueCode } from './issue-codes.js';
import { batchNormCosts, inferLayer, type LayerCosts } from './layer-rules.js';
import { Limits } from './limits.js';
import { documentUri, keywordRange, nodeRange, propertyRange, statementRange } from './ranges.js';
import { projectionStrides } from './projection.js';
import { describeShapeDifference, elementsOf, formatShape, formatSize, isSpatial, parseDims, shapesEqual } from './shape.js';
import type { BlockScopes } from './sources.js';
import { unknownBlockMessage } from './text-checks.js';
import { INPUT_FIELD, throughWindow, widest, type Field } from './receptive-field.js';
import { sumRows } from './totals.js';
import { NETWORK_INPUT, rowInputs, sliceOf, type TensorRef } from './dataflow.js';
import type { Group, LayerRow, Range, Shape } from './types.js';

/** What flows from statement to statement: a tensor's shape, its receptive field and which tensor it is. */
interface Flow extends TensorRef {
    shape: Shape;
    field: Field;
    /** A composite's result before its own row exists: the tensors that row combines. */
    parts?: Flow[];
}

/** What names mean where code runs: a block's parameters, `C H W`, and the blocks it can call. */
interface Frame {
    params: Map<string, Value>;
    /** The shape `C`, `H`, `W` refer to: the network's input, or the block call's input. */
    input: Shape;
    blocks: Map<string, Block>;
    /** The layers inferred in frames like this one (same block, parameter values and input shape). */
    memo?: FrameMemo;
}

/** Thrown after a `too-large` report, or when the caller says stop: expansion of the network stops at once. */
class ExpansionAborted extends Error {}

export interface ExpansionOptions {
    /**
     * Infer each distinct (statement, block arguments, block input, layer input) once and share
     * the result among its rows (layer-memo.ts). On unless turned off; the output is the same
     * either way (test/analysis/memo.test.ts compares every example both ways).
     */
    memo?: boolean;
    /**
     * Asked every few thousand statements; `true` ends the expansion there (a time budget, a
     * newer edit). The result then says `stopped` and holds the rows made so far; no diagnostic
     * is reported for it: what to tell the user is the caller's to decide.
     */
    shouldStop?: () => boolean;
}

/** How many statements run between two questions to `shouldStop`. */
const STOP_CHECK_INTERVAL = 4096;

export interface ExpansionResult {
    input: Shape;
    output: Shape | null;
    rows: LayerRow[];
    stages: Group[];
    taps: Group[];
    calls: Group[];
    /** Set when `shouldStop` ended the expansion early: rows and groups are the ones made before. */
    stopped?: true;
}

/**
 * Expands one network statement by statement, from its input shape: infers every shape, records
 * one row per op (LANGUAGE.md §7) and the stage, tap and call groups, and reports what is wrong
 * where it happens. An error stops inference below it; `null` stands for "no shape from here on".
 */
export class NetworkExpander {
    private readonly rows: LayerRow[] = [];
    private readonly stages: Group[] = [];
    private readonly taps: Group[] = [];
    private readonly calls: Group[] = [];
    private readonly opCounts = new Map<string, number>();
    private readonly path = new PathNumbering();
    /** Rows and groups whose path is known once the expansion is over (§8.10), and where each stood. */
    private readonly pendingTargets: Array<{ path: string }> = [];
    private readonly pendingMarks: PathMark[] = [];
    private readonly memo: LayerMemo | undefined;
    /** Reports made so far: inference that reported anything is not memoized. */
    private reports = 0;
    private stopped = false;
    private readonly callStack: Call[] = [];
    private readonly activeBlocks: Block[] = [];
    private tap: string | undefined;
    private statements = 0;
    private depth = 0;

    constructor(
        private readonly network: Network,
        private readonly rootUri: string,
        private readonly scopes: BlockScopes,
        private readonly sink: DiagnosticSink,
        private readonly options: ExpansionOptions = {}
    ) {
        this.memo = options.memo === false ? undefined : new LayerMemo();
    }

    expand(input: Shape): ExpansionResult {
        const frame: Frame = { params: new Map(), input, blocks: this.scopes.of(this.rootUri), memo: this.memo?.network };
        let output: Shape | null;
        try {
            output = this.runBody(this.network.body, { shape: input, field: INPUT_FIELD, source: NETWORK_INPUT }, frame)?.shape ?? null;
        } catch (error) {
            if (error instanceof RangeError) { // the JS stack ran out before our own nesting bound
                this.sink.report(IssueCodes.TooLarge, `${this.network.name}: blocks and statements nest too deeply to expand`,
                    this.network, { range: propertyRange(this.network, 'name') });
            } else if (!(error instanceof ExpansionAborted)) {
                throw error;
            }
            output = null;
        }
        for (let i = 0; i < this.pendingTargets.length; i++) this.pendingTargets[i].path = this.path.resolve(this.pendingMarks[i]);
        const result: ExpansionResult = { input, output, rows: this.rows, stages: this.stages, taps: this.taps, calls: this.calls };
        if (this.stopped) result.stopped = true;
        return result;
    }

    private runBody(body: Stmt[], input: Flow, frame: Frame): Flow | null {
        if (++this.depth > Limits.nesting && body.length > 0) {
            this.abort(body[0], `nesting deeper than ${Limits.nesting.toLocaleString('en-US')} levels`);
        }
        let flow: Flow | null = input;
        for (const [index, stmt] of body.entries()) {
            // A statement that did not parse stops inference where it stood (LANGUAGE.md §8.11).
            if (flow === null || syntaxStopBefore(body, index)) return this.stopBody(null);
            flow = this.runStatement(stmt, flow, frame);
        }
        return this.stopBody(flow !== null && syntaxStopBefore(body, body.length) ? null : flow);
    }

    private stopBody(flow: Flow | null): Flow | null {
        this.depth--;
        return flow;
    }

    private runStatement(stmt: Stmt, input: Flow, frame: Frame): Flow | null {
        if (++this.statements > Limits.statements) {
            this.abort(stmt, `more than ${Limits.statements.toLocaleString('en-US')} statements to execute`);
        }
        if (this.statements % STOP_CHECK_INTERVAL === 0 && this.options.shouldStop?.()) {
            this.stopped = true;
            throw new ExpansionAborted('stopped');
        }
        let output: Flow | null;
        if (isLayer(stmt)) output = this.runLayer(stmt, input, frame);
        else if (isCall(stmt)) output = this.runCall(stmt, input, frame);
        else if (isResidual(stmt)) output = this.runComposite(stmt, input, frame, (flow, segment) => this.runResidual(stmt, flow, frame, segment));
        else if (isConcat(stmt) || isSplit(stmt)) output = this.runComposite(stmt, input, frame, (flow, segment) => this.runBranches(stmt, flow, frame, segment));
        else if (isScale(stmt)) output = this.runComposite(stmt, input, frame, (flow, segment) => this.runScale(stmt, flow, frame, segment));
        else if (isStage(stmt)) output = this.runStage(stmt, input, frame);
        else if (isTap(stmt)) output = this.runTap(stmt, input, frame);
        else if (isRepeat(stmt)) output = this.runRepeat(stmt.body, stmt.count, input, frame);
        else if (isIf(stmt)) output = this.runIf(stmt, input, frame);
        else if (isOpParam(stmt)) output = this.runOpParam(stmt, input, frame);
        else output = null;
        const annot = (stmt as { annot?: Annot }).annot;
        if (output !== null && annot) this.checkAnnotation(stmt, annot, output.shape);
        return output;
    }

    private runLayer(layer: Layer, input: Flow, frame: Frame, node: AstNode = layer): Flow | null {
        // `identity` writes no row and uses up no number (LANGUAGE.md §8.6).
        if (layer.op === 'identity') return input;
        const memoized = frame.memo?.get(node, input.shape) ?? this.inferLayer(layer, input.shape, frame, node);
        if (!memoized) return null;
        const { costs } = memoized;
        const field = costs.window ? throughWindow(input.field, costs.window) : input.field;
        const source = this.addRow(layer.op, layer.label, node, input.shape, field, costs, [input], memoized.memoryElements);
        return { shape: costs.output, field, source };
    }

    /** Infers a layer where it runs; the result is memoized when nothing was reported. */
    private inferLayer(layer: Layer, input: Shape, frame: Frame, node: AstNode): { costs: LayerCosts; memoryElements?: bigint } | undefined {
        const reportsBefore = this.reports;
        const costs = inferLayer(layer, input, {
            value: (expr, what) => this.value(expr, frame, what),
            rational: expr => evaluateNumber(expr, name => lookupName(name, frame), (code, message, at, range) => this.report(code, message, at, { range })),
            report: (code, message, at) => this.report(code, message, node === layer ? at.node : node, { range: node === layer ? at.range : undefined, severity: at.severity, data: at.data })
        });
        if (!costs) return undefined;
        if (!frame.memo || this.reports !== reportsBefore) return { costs };
        return frame.memo.set(node, input, costs);
    }

    /** `if` (LANGUAGE.md §8.2): only the chosen branch runs; it adds no row and no path segment. */
    private runIf(node: If, input: Flow, frame: Frame): Flow | null {
        const chosen = evaluateCondition(node.condition, name => lookupName(name, frame),
            (code, message, at, range) => this.report(code, message, at, { range }));
        if (chosen === undefined) return null;
        if (chosen) return this.runBody(node.body, input, frame);
        if (node.elseIf) return this.runStatement(node.elseIf, input, frame);
        return this.runBody(node.elseBody, input, frame);
    }

    /**
     * A word alone (LANGUAGE.md §8.3) runs the operator its block parameter holds, as a layer of
     * that operator with all options at their defaults; the row belongs to the statement.
     */
    private runOpParam(node: OpParam, input: Flow, frame: Frame): Flow | null {
        const value = frame.params.get(node.name);
        if (value === undefined) return null; // not a parameter: a syntax error reported by the text checks
        if (value.kind !== 'operator' || !OPERATOR_VALUES.has(value.op)) {
            this.report(IssueCodes.InvalidValue, `${node.name} is ${formatValue(value)}, not an operator`, node);
            return null;
        }
        const layer = { $type: 'Layer', op: value.op, label: node.label, options: [], $container: node.$container } as unknown as Layer;
        return this.runLayer(layer, input, frame, node);
    }

    /** `residual { … } * N` and the other composites (LANGUAGE.md §8.5): N runs in sequence. */
    private runComposite(node: Residual | Concat | Split | Scale, input: Flow, frame: Frame,
        run: (flow: Flow, segment: string) => Flow | null): Flow | null {
        const name = node.label ?? (isResidual(node) ? 'residual' : isConcat(node) ? 'concat' : isSplit(node) ? 'split' : 'scale');
        if (!node.times) return run(input, name);
        const times = this.count(node.times, frame);
        if (times === undefined) return null;
        let flow: Flow | null = input;
        for (let k = 1; k <= times && flow !== null; k++) flow = run(flow, name);
        return flow;
    }

    private runCall(call: Call, input: Flow, frame: Frame): Flow | null {
        const block = frame.blocks.get(call.block);
        if (!block) {
            this.report(IssueCodes.UnknownBlock, unknownBlockMessage(call.block, frame.blocks), call, { range: propertyRange(call, 'block') });
            return null;
        }
        if (hasBrokenParameters(block)) return null; // its parameter list has a syntax error (§8.11)
        if (this.activeBlocks.includes(block)) {
            // Recursion in this file is reported by the text checks; here it only has to stop.
            if (documentUri(call) !== this.rootUri) this.report(IssueCodes.RecursiveBlock, `block '${block.name}' calls itself`, call);
            return null;
        }
        const { given, problems } = matchArguments(call, block);
        for (const problem of problems) this.report(problem.code, problem.message, problem.node, { range: problem.node === call ? undefined : nodeRange(problem.node) });
        if (problems.length > 0) return null;
        const times = call.times ? this.count(call.times, frame) : 1;
        if (times === undefined) return null;
        const argumentValues = new Map<string, Value>();
        for (const [name, expr] of given) {
            const value = this.anyValue(expr, frame);
            if (value === undefined) return null;
            argumentValues.set(name, value);
        }
        const blocks = this.scopes.of(documentUri(block));
        let flow: Flow | null = input;
        for (let k = 1; k <= times && flow !== null; k++) {
            const callee: Frame = { params: new Map(), input: flow.shape, blocks };
            for (const param of block.params) {
                const value = argumentValues.get(param.name) ?? (param.default && this.anyValue(param.default, callee));
                if (value === undefined) return null;
                callee.params.set(param.name, value);
            }
            if (this.memo) callee.memo = this.memo.frame(block, callee.params, callee.input);
            const name = call.label ?? call.block;
            this.path.push(name);
            this.callStack.push(call);
            this.activeBlocks.push(block);
            const firstRow = this.rows.length;
            const callInput = flow.shape;
            flow = this.runBody(block.body, flow, callee);
            this.calls.push(Object.assign(this.group(name, call, callInput, flow, firstRow), { block, values: callee.params }));
            this.activeBlocks.pop();
            this.callStack.pop();
            this.path.pop();
        }
        return flow;
    }

    private runResidual(node: Residual, input: Flow, frame: Frame, segment: string): Flow | null {
        const name = node.label ?? 'residual';
        // The residual takes its `residual_<n>` number when it starts (LANGUAGE.md §8.5), so an
        // inner residual counts after it and one without an add row still uses up its number.
        const number = (this.opCounts.get('residual') ?? 0) + 1;
        this.opCounts.set('residual', number);
        this.path.push(segment);
        const result = this.residualOutput(node, name, input, frame);
        // `shortcut optional` with shapes that differ: the body alone, no add row (LANGUAGE.md §8.7).
        if (result && !result.parts) {
            this.path.pop();
            return result;
        }
        // addRow counts the row again: take the count back first so each residual counts once.
        if (result) this.opCounts.set('residual', this.opCounts.get('residual')! - 1);
        const source = result && this.addRow('residual', node.label ?? `residual_${number}`, node, result.shape, result.field, { output: result.shape, otherOps: elementsOf(result.shape) }, result.parts!);
        this.path.pop();
        return result && { shape: result.shape, field: result.field, source: source! };
    }

    private residualOutput(node: Residual, name: string, input: Flow, frame: Frame): Flow | null {
        const bodyFlow = this.runBody(node.body, input, frame);
        const explicit = node.shortcut !== undefined && node.shortcut.kind === undefined;
        let shortcutFlow: Flow | null = input;
        if (explicit) {
            this.path.push('shortcut');
            shortcutFlow = this.runBody(node.shortcut!.body, input, frame);
            this.path.pop();
        }
        if (bodyFlow === null || shortcutFlow === null) return null;
        const body = bodyFlow.shape;
        let kind = node.shortcut?.kind ?? (explicit ? 'explicit' : 'identity');
        if (kind === 'optional') {
            if (!shapesEqual(body, input.shape)) return { shape: body, field: bodyFlow.field, source: bodyFlow.source, channels: bodyFlow.channels };
            kind = 'identity';
        }
        if (kind === 'auto') kind = shapesEqual(body, input.shape) ? 'identity' : 'projection';
        if (kind === 'projection') shortcutFlow = this.project(node, name, input, body);
        if (shortcutFlow === null) return null;
        const shortcut = shortcutFlow.shape;
        if (shapesEqual(body, shortcut)) return { shape: body, field: widest([bodyFlow.field, shortcutFlow.field]), source: NETWORK_INPUT, parts: [bodyFlow, shortcutFlow] };
        const canProject = kind === 'identity' && projectionStrides(input.shape, body) !== undefined;
        const differences = describeShapeDifference(body, shortcut);
        const advice = canProject ? `; use 'shortcut projection'` : '';
        const other = node.shortcut
            ? related(node.shortcut, `the shortcut gives ${formatShape(shortcut)}`, keywordRange(node.shortcut, 'shortcut'))
            : related(node, `the identity shortcut passes the input, ${formatShape(shortcut)}`, keywordRange(node, 'residual'));
        this.report(IssueCodes.ResidualMismatch,
            `${name}: body gives ${formatShape(body)}, shortcut gives ${formatShape(shortcut)}${differences}${advice}`, node,
            { related: [other], data: { body: [...body], shortcut: [...shortcut], canProject } });
        return null;
    }

    /** `shortcut projection`: a 1×1 conv without bias and a bn, with the stride that makes shapes agree. */
    private project(node: Residual, name: string, inputFlow: Flow, body: Shape): Flow | null {
        const input = inputFlow.shape;
        const strides = projectionStrides(input, body);
        if (!strides || !isSpatial(input) || !isSpatial(body)) {
            const why = isSpatial(input) && isSpatial(body)
                ? `no 1×1 projection with a whole stride maps the input's ${formatSize(input)} to ${formatSize(body)}`
                : 'a projection needs C×H×W tensors';
            this.report(IssueCodes.ResidualMismatch, `${name}: body gives ${formatShape(body)} from ${formatShape(input)}, but ${why}`, node,
                { data: { body: [...body], shortcut: [...input], canProject: false } });
            return null;
        }
        const [inChannels] = input;
        const output: Shape = [body[0], body[1], body[2]];
        const field = throughWindow(inputFlow.field, { kernel: [1, 1], stride: strides });
        this.path.push('shortcut');
        const conv = this.addRow('conv', undefined, node, input, field, {
            output,
            params: BigInt(body[0]) * BigInt(inChannels),
            macs: elementsOf(output) * BigInt(inChannels),
            formula: { params: `${body[0]} × (${inChannels}×1×1)`, macs: `${output.join('×')} × (${inChannels}×1×1)` }
        }, [inputFlow]);
        const bn = this.addRow('bn', undefined, node, output, field, batchNormCosts(output), [{ source: conv }]);
        this.path.pop();
        return { shape: output, field, source: bn };
    }

    private runBranches(node: Concat | Split, input: Flow, frame: Frame, segment: string): Flow | null {
        const op = isSplit(node) ? 'split' : 'concat';
        const name = node.label ?? op;
        this.path.push(segment);
        const result = this.branchesOutput(node, op, name, input, frame);
        const source = result && this.addRow(op, node.label, node, input.shape, result.field, { output: result.shape }, result.parts!);
        this.path.pop();
        return result && { shape: result.shape, field: result.field, source: source! };
    }

    private branchesOutput(node: Concat | Split, op: string, name: string, inputFlow: Flow, frame: Frame): Flow | null {
        const input = inputFlow.shape;
        const branches: Array<{ node: Concat['branches'][number]; segment: string }> = [];
        let countsFailed = false;
        node.branches.forEach((branch, index) => {
            const times = branch.times ? this.count(branch.times, frame) : 1;
            if (times === undefined) {
                countsFailed = true;
                return;
            }
            const base = branch.name ?? `branch${index + 1}`;
            for (let k = 1; k <= times; k++) branches.push({ node: branch, segment: base });
        });
        if (countsFailed) return null;
        if (branches.length === 0) {
            this.report(IssueCodes.Collapsed, `${name}: no branches to ${op === 'split' ? 'split into' : 'concatenate'}`, node);
            return null;
        }
        let branchInput = (_index: number): Flow => inputFlow;
        if (op === 'split') {
            if (input[0] % branches.length !== 0) {
                this.report(IssueCodes.Groups, `${name}: ${input[0]} channels cannot be divided among ${branches.length} branches`, node);
                return null;
            }
            const slice: Shape = isSpatial(input) ? [input[0] / branches.length, input[1], input[2]] : [input[0] / branches.length];
            branchInput = index => ({ shape: slice, field: inputFlow.field, ...sliceOf(inputFlow, input[0], index, branches.length) });
        }
        const outputs = branches.map((branch, index) => {
            this.path.push(branch.segment);
            const output = this.runBody(branch.node.body, branchInput(index), frame);
            this.path.pop();
            return output;
        });
        if (outputs.some(output => output === null)) return null;
        const flows = outputs as Flow[];
        const shapes = flows.map(flow => flow.shape);
        const first = shapes[0];
        for (let i = 1; i < shapes.length; i++) {
            const shape = shapes[i];
            const agrees = shape.length === first.length && (!isSpatial(shape) || (shape[1] === first[1] && shape[2] === first[2]));
            if (!agrees) {
                this.report(IssueCodes.ConcatMismatch, `${name}: branch ${i + 1} is ${formatSize(shape)} but branch 1 is ${formatSize(first)}`, node, {
                    related: [
                        related(branches[i].node, `branch ${i + 1} gives ${formatShape(shape)}`, keywordRange(branches[i].node, 'branch')),
                        related(branches[0].node, `branch 1 gives ${formatShape(first)}`, keywordRange(branches[0].node, 'branch'))
                    ]
                });
                return null;
            }
        }
        const channels = shapes.reduce((sum, shape) => sum + shape[0], 0);
        return { shape: isSpatial(first) ? [channels, first[1], first[2]] : [channels], field: widest(flows.map(flow => flow.field)), source: NETWORK_INPUT, parts: flows };
    }

    private runScale(node: Scale, inputFlow: Flow, frame: Frame, segment: string): Flow | null {
        const name = node.label ?? 'scale';
        const input = inputFlow.shape;
        this.path.push(segment);
        const bodyFlow = this.runBody(node.body, inputFlow, frame);
        let result: Flow | null = null;
        if (bodyFlow !== null) {
            const body = bodyFlow.shape;
            const perChannel: Shape | undefined = isSpatial(input) ? [input[0], 1, 1] : undefined;
            if (shapesEqual(body, input) || (perChannel && shapesEqual(body, perChannel))) {
                const field = widest([inputFlow.field, bodyFlow.field]);
                const source = this.addRow('scale', node.label, node, input, field, { output: input, otherOps: elementsOf(input) }, [inputFlow, bodyFlow]);
                result = { shape: input, field, source };
            } else {
                const expected = perChannel ? `${formatShape(perChannel)} or ${formatShape(input)}` : formatShape(input);
                this.report(IssueCodes.ScaleMismatch, `${name}: body gives ${formatShape(body)}, but scaling ${formatShape(input)} needs ${expected}`, node);
            }
        }
        this.path.pop();
        return result;
    }

    private runStage(stage: Stage, input: Flow, frame: Frame): Flow | null {
        this.path.push(stage.name);
        const firstRow = this.rows.length;
        const output = this.runBody(stage.body, input, frame);
        this.stages.push(this.group(stage.name, stage, input.shape, output, firstRow));
        this.path.pop();
        return output;
    }

    /** A side output: its rows count, the main path continues unchanged, its errors stop only the tap. */
    private runTap(tap: Tap, input: Flow, frame: Frame): Flow {
        const outerTap = this.tap;
        this.tap = tap.name;
        this.path.push(tap.name);
        const firstRow = this.rows.length;
        const output = this.runBody(tap.body, input, frame);
        this.taps.push(this.group(tap.name, tap, input.shape, output, firstRow));
        this.path.pop();
        this.tap = outerTap;
        return input;
    }

    private runRepeat(body: Stmt[], countExpr: Expr, input: Flow, frame: Frame): Flow | null {
        const times = this.count(countExpr, frame);
        if (times === undefined) return null;
        let flow: Flow | null = input;
        for (let i = 0; i < times && flow !== null; i++) flow = this.runBody(body, flow, frame);
        return flow;
    }

    private checkAnnotation(stmt: Stmt, annot: Annot, output: Shape): void {
        const declared: number[] = parseDims(annot.dims ?? annot.flat ?? '');
        if (declared.length !== 3 && declared.length !== 1) return; // reported by the text checks
        if (shapesEqual(declared as unknown as Shape, output)) return;
        const subject = (stmt as { label?: string }).label ?? statementWord(stmt);
        this.report(IssueCodes.AnnotationMismatch, `declared ${declared.join('×')}, but ${subject} gives ${formatShape(output)}`, stmt, {
            related: [related(annot, 'the declared shape', nodeRange(annot))],
            data: { inferred: output.join('x'), annotationRange: nodeRange(annot) }
        });
    }

    // ---- helpers ----

    /** Records a row reading `reads` (its dataflow inputs, in order) and returns its index. */
    private addRow(op: string, label: string | undefined, node: AstNode, input: Shape, field: Field, costs: Partial<LayerCosts> & { output: Shape },
        reads: readonly TensorRef[], memoryElements?: bigint): number {
        const n = (this.opCounts.get(op) ?? 0) + 1;
        this.opCounts.set(op, n);
        const writes = costs.writes ?? true;
        const row: LayerRow = {
            name: label ?? `${op}_${n}`,
            op,
            path: '',
            input,
            output: costs.output,
            params: costs.params ?? 0n,
            buffers: costs.buffers ?? 0n,
            macs: costs.macs ?? 0n,
            otherOps: costs.otherOps ?? 0n,
            memoryElements: memoryElements ?? (writes ? elementsOf(costs.output) : 0n),
            field,
            formula: costs.formula,
            attributes: costs.attributes,
            node,
            tap: this.tap,
            ...rowInputs(reads)
        };
        this.rows.push(row);
        this.pendingTargets.push(row);
        this.pendingMarks.push(this.path.here());
        if (this.rows.length > Limits.rows) {
            this.abort(node, `the network expands to more than ${Limits.rows.toLocaleString('en-US')} layers`);
        }
        return this.rows.length - 1;
    }

    private group(name: string, node: AstNode, input: Shape, output: Flow | null, firstRow: number): Group {
        const group: Group = {
            name, path: '', node, input, output: output?.shape ?? null, firstRow, endRow: this.rows.length,
            totals: sumRows(this.rows, firstRow, this.rows.length)
        };
        this.pendingTargets.push(group);
        this.pendingMarks.push(this.path.here());
        return group;
    }

    /** A whole number where one is needed; `what` names it in a `not-integer` message. */
    private value(expr: Expr, frame: Frame, what?: string): bigint | undefined {
        return evaluate(expr, name => lookupName(name, frame), (code, message, node, range) => this.report(code, message, node, { range }), what);
    }

    /** Any value: a number, or an operator for an operator-valued parameter (LANGUAGE.md §8.3). */
    private anyValue(expr: Expr, frame: Frame): Value | undefined {
        return evaluateValue(expr, name => lookupName(name, frame), (code, message, node, range) => this.report(code, message, node, { range }));
    }

    /** A repetition count: at least 0, at most the fixed bound. */
    private count(expr: Expr, frame: Frame): number | undefined {
        const value = this.value(expr, frame, 'count');
        if (value === undefined) return undefined;
        if (value < 0n) {
            this.report(IssueCodes.InvalidValue, `a count must be at least 0, got ${value}`, expr, { range: nodeRange(expr) });
            return undefined;
        }
        if (value > BigInt(Limits.count)) {
            this.abort(expr, `count ${value} is above the limit of ${Limits.count.toLocaleString('en-US')}`, nodeRange(expr));
        }
        return Number(value);
    }

    private abort(node: AstNode, message: string, range?: Range): never {
        this.report(IssueCodes.TooLarge, message, node, { range });
        throw new ExpansionAborted(message);
    }

    /**
     * Reports where the user can act on it (LANGUAGE.md §7): inside this file at the node itself,
     * with the call that led there as related information; inside an imported block at the call.
     */
    private report(code: IssueCode, message: string, node: AstNode, options: ReportOptions = {}): void {
        this.reports++;
        const inRoot = (n: AstNode) => documentUri(n) === this.rootUri;
        const site = [...this.callStack].reverse().find(inRoot);
        if (inRoot(node)) {
            const callRelated = site && site !== node ? [related(site, `in this call of ${site.block}`)] : [];
            this.sink.report(code, message, node, { ...options, related: [...(options.related ?? []), ...callRelated] });
        } else if (site) {
            const here = related(node, message, options.range ?? statementRange(node));
            this.sink.report(code, `in ${site.block}: ${message}`, site, { severity: options.severity, data: options.data, related: [here] });
        }
    }
}


function lookupName(name: string, frame: Frame): Value | undefined {
    const param = frame.params.get(name);
    if (param !== undefined) return param;
    const [c, h, w] = isSpatial(frame.input) ? frame.input : [frame.input[0], 1, 1];
    const whole = (n: number): Value => ({ kind: 'number', value: fromInteger(BigInt(n)) });
    switch (name) {
        case 'C': return whole(c);
        case 'H': return whole(h);
        case 'W': return whole(w);
        default: return undefined;
    }
}

function statementWord(stmt: Stmt): string {
    if (isLayer(stmt)) return stmt.op;
    if (isStage(stmt)) return `stage ${stmt.name}`;
    if (isOpParam(stmt)) return stmt.name;
    if (isCall(stmt)) return stmt.block;
    return stmt.$type.toLowerCase();
}
