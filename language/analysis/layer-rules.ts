import type { AstNode } from 'langium';
import type { Expr, Layer, Option, Pair } from '../generated/ast.js';
import { IssueCodes, type IssueCode } from './issue-codes.js';
import { nodeRange, propertyRange } from './ranges.js';
import { elementsOf, formatShape, isSpatial, parseDims } from './shape.js';
import type { Range, Shape } from './types.js';
import {
    adaptiveWindowSum, effectiveKernel, padThatSeesAll, spanExpression, unseenAtEnd, windowOutput,
    type AxisPadding, type AxisWindow
} from './windows.js';
import type { Window } from './receptive-field.js';
import type { LayerAttributes } from './layer-attributes.js';
import { compare, formatRational, fromInteger, type Rational } from './rational.js';

/** What one layer computes and costs (LANGUAGE.md §4 and §5). */
export interface LayerCosts {
    output: Shape;
    params: bigint;
    buffers: bigint;
    macs: bigint;
    otherOps: bigint;
    /** Whether the op writes a new tensor (counted in memory) or works in place / as a view. */
    writes: boolean;
    /** The window the op slides over H×W (for the receptive field); absent for pointwise ops. */
    window?: Window;
    /** How params and MACs follow from the shapes, for hovers: `192 × (64×5×5) + 192`. */
    formula?: Formula;
    /** The evaluated options, for the compiler. */
    attributes?: LayerAttributes;
}

export interface Formula { params?: string; macs?: string }

export interface LayerReport {
    node: AstNode;
    range?: Range;
    severity?: 'error' | 'hint';
    data?: Record<string, unknown>;
}

/** What layer inference needs from the expander: expression values and a place for diagnostics. */
export interface LayerEnvironment {
    /** A whole number; `what` names it in a `not-integer` message (`channels 19.2 are not whole`). */
    value(expr: Expr, what?: string): bigint | undefined;
    /** Any exact number (dropout and stochastic-depth probabilities). */
    rational(expr: Expr): Rational | undefined;
    report(code: IssueCode, message: string, at: LayerReport): void;
}

/** Values above this would lose exactness as JS numbers; shapes are kept as numbers. */
const MAX_DIM = BigInt(Number.MAX_SAFE_INTEGER);
const MAX_ADAPTIVE_SIZE = 10_000_000;

const ACTIVATIONS = new Set(['relu', 'relu6', 'leakyrelu', 'sigmoid', 'hardsigmoid', 'tanh', 'silu', 'hardswish', 'softmax', 'gelu']);
const NEEDS_SPATIAL = new Set(['conv', 'dwconv', 'maxpool', 'avgpool', 'globalavgpool', 'globalmaxpool', 'adaptiveavgpool', 'lrn', 'shuffle']);

/**
 * Infers one layer's output shape and costs from its input, reporting what is wrong with it.
 * Returns undefined when an error stops inference at this layer.
 */
export function inferLayer(layer: Layer, input: Shape, env: LayerEnvironment): LayerCosts | undefined {
    return new LayerInference(layer, input, env).run();
}

/** Batch norm on any tensor: γ and β per channel (params), running mean and variance (buffers). */
export function batchNormCosts(shape: Shape): LayerCosts {
    const perChannel = 2n * BigInt(shape[0]);
    return {
        output: shape, params: perChannel, buffers: perChannel, macs: 0n, otherOps: elementsOf(shape), writes: true,
        formula: { params: `2 × ${shape[0]} (γ, β)` }
    };
}

/** PyTorch refuses pool padding beyond half the window. */
function poolPadAllowed(pad: number, kernel: number): boolean {
    return 2 * pad <= kernel;
}

class LayerInference {
    private readonly name: string;
    private readonly attributes: LayerAttributes = {};

    constructor(private readonly layer: Layer, private readonly input: Shape, private readonly env: LayerEnvironment) {
        this.name = layer.label ?? layer.op;
    }

    run(): LayerCosts | undefined {
        const { op } = this.layer;
        if (NEEDS_SPATIAL.has(op) && !isSpatial(this.input)) {
            this.error(IssueCodes.NotSpatial, `${this.name} needs a C×H×W input, but receives the flat ${formatShape(this.input)}`);
            return undefined;
        }
        switch (op) {
            case 'conv': return this.conv();
            case 'dwconv': return this.dwconv();
            case 'maxpool': case 'avgpool': return this.pool();
            case 'globalavgpool': case 'globalmaxpool': return this.globalPool();
            case 'adaptiveavgpool': return this.adaptivePool();
            case 'fc': return this.fc();
            // A flat tensor has no positions left: its field is what the whole feature map saw.
            case 'flatten': return this.costs([Number(elementsOf(this.input))], { writes: false, window: this.wholeInput() });
            case 'bn': return this.batchNorm();
            case 'lrn': return this.lrn();
            case 'dropout': return this.dropout();
            case 'shuffle': return this.shuffle();
            case 'layernorm': return this.layerNorm();
            case 'layerscale': return this.layerScale();
            case 'stochasticdepth': return this.stochasticDepth();
            // No row is written for identity (the expander skips it); kept here for completeness.
            case 'identity': return this.costs(this.input, { writes: false });
            default:
                if (ACTIVATIONS.has(op)) return this.costs(this.input, { otherOps: elementsOf(this.input), writes: false });
                return undefined;
        }
    }

    private conv(): LayerCosts | undefined {
        const [channels] = this.input;
        const out = this.outputChannels(this.layer.out);
        const kernel = this.kernel();
        const groups = this.optionValue('groups', 1, 1);
        if (out === undefined || kernel === undefined || groups === undefined) return undefined;
        this.attributes.groups = groups;
        this.checkIn(channels, 'input channels');
        if (channels % groups !== 0 || out % groups !== 0) {
            const which = channels % groups !== 0 ? `${channels} input channels` : `${out} output channels`;
            this.error(IssueCodes.Groups, `${this.name}: ${which} are not divisible by groups ${groups}`);
            return undefined;
        }
        const slid = this.slide(kernel, this.optionPair('stride', 1), 'kernel');
        if (slid === undefined) return undefined;
        return this.convolution(out, channels / groups, groups > 1 ? `${channels}/${groups}×` : `${channels}×`, kernel, slid);
    }

    private dwconv(): LayerCosts | undefined {
        const [channels] = this.input;
        const kernel = this.kernel();
        const multiplier = this.optionValue('multiplier', 1, 1);
        if (kernel === undefined || multiplier === undefined) return undefined;
        this.attributes.multiplier = multiplier;
        this.checkIn(channels, 'input channels');
        const slid = this.slide(kernel, this.optionPair('stride', 1), 'kernel');
        if (slid === undefined) return undefined;
        // Depthwise: one input channel per group.
        return this.convolution(channels * multiplier, 1, '', kernel, slid);
    }

    /**
     * A (grouped) convolution's costs: every output element reads `inPerGroup` channels through the
     * kernel. `fanInText` is how the formula names those channels (`64×`, `128/32×`, or nothing).
     */
    private convolution(out: number, inPerGroup: number, fanInText: string, kernel: [number, number],
        slid: { size: [number, number]; window: Window }): LayerCosts {
        const { size, window } = slid;
        const perOutput = BigInt(inPerGroup) * BigInt(kernel[0]) * BigInt(kernel[1]);
        const fanIn = `(${fanInText}${kernel[0]}×${kernel[1]})`;
        return this.costs([out, size[0], size[1]], {
            params: BigInt(out) * perOutput + this.bias(out),
            macs: BigInt(out) * BigInt(size[0]) * BigInt(size[1]) * perOutput,
            window,
            formula: { params: `${out} × ${fanIn}${this.biasTerm(out)}`, macs: `${out}×${size[0]}×${size[1]} × ${fanIn}` }
        });
    }

    private pool(): LayerCosts | undefined {
        const kernel = this.kernel();
        if (kernel === undefined) return undefined;
        const strideOption = this.option('stride');
        const stride = strideOption ? this.optionPair('stride', 1) : undefined;
        if (strideOption && stride === undefined) return undefined;
        const padding = this.padding();
        if (padding === undefined) return undefined;
        const tooMuch = padding.find((pad, axis) => pad.kind === 'explicit' && !poolPadAllowed(pad.pad, kernel[axis]));
        if (tooMuch && tooMuch.kind === 'explicit') {
            this.error(IssueCodes.InvalidValue, `${this.name}: pad ${tooMuch.pad} is more than half the ${kernel[0]}×${kernel[1]} window`,
                propertyRange(this.option('pad')!, 'value'));
            return undefined;
        }
        const slid = this.slide(kernel, stride, 'window', padding);
        if (slid === undefined) return undefined;
        const output: Shape = [this.input[0], slid.size[0], slid.size[1]];
        return this.costs(output, { otherOps: elementsOf(output) * BigInt(kernel[0]) * BigInt(kernel[1]), window: slid.window });
    }

    private globalPool(): LayerCosts {
        return this.costs([this.input[0], 1, 1], { otherOps: elementsOf(this.input), window: this.wholeInput() });
    }

    /** A window over all of H×W: global pooling, and fc on a feature map. */
    private wholeInput(): Window | undefined {
        if (!isSpatial(this.input)) return undefined;
        const [, height, width] = this.input;
        return { kernel: [height, width], stride: [height, width] };
    }

    private adaptivePool(): LayerCosts | undefined {
        const [channels, height, width] = this.input as readonly [number, number, number];
        const [outHeight, outWidth] = parseDims(this.layer.size ?? '');
        if (outHeight === undefined || outWidth === undefined) return undefined; // reported by the text checks
        if (outHeight < 1 || outWidth < 1 || outHeight > MAX_ADAPTIVE_SIZE || outWidth > MAX_ADAPTIVE_SIZE) {
            this.error(IssueCodes.InvalidValue, `${this.name}: output size ${outHeight}×${outWidth} must lie between 1 and ${MAX_ADAPTIVE_SIZE}`,
                propertyRange(this.layer, 'size'));
            return undefined;
        }
        const otherOps = BigInt(channels) * adaptiveWindowSum(height, outHeight) * adaptiveWindowSum(width, outWidth);
        // PyTorch's adaptive windows vary in size; the widest one bounds the receptive field.
        const window: Window = {
            kernel: [Math.ceil(height / outHeight), Math.ceil(width / outWidth)],
            stride: [Math.max(1, Math.floor(height / outHeight)), Math.max(1, Math.floor(width / outWidth))]
        };
        return this.costs([channels, outHeight, outWidth], { otherOps, window });
    }

    private fc(): LayerCosts | undefined {
        const out = this.outputChannels(this.layer.out);
        if (out === undefined) return undefined;
        const features = elementsOf(this.input);
        this.checkIn(Number(features), 'input features');
        return this.costs([out], {
            params: features * BigInt(out) + this.bias(out),
            macs: features * BigInt(out),
            window: this.wholeInput(),
            formula: { params: `${features} × ${out}${this.biasTerm(out)}`, macs: `${features} × ${out}` }
        });
    }

    private batchNorm(): LayerCosts {
        return batchNormCosts(this.input);
    }

    private lrn(): LayerCosts | undefined {
        this.attributes.size = this.optionValue('size', 5, 1);
        if (this.attributes.size === undefined) return undefined;
        return this.costs(this.input, { otherOps: elementsOf(this.input) });
    }

    private layerNorm(): LayerCosts {
        const perChannel = 2n * BigInt(this.input[0]);
        return this.costs(this.input, { params: perChannel, otherOps: elementsOf(this.input), formula: { params: `2 × ${this.input[0]} (γ, β)` } });
    }

    private layerScale(): LayerCosts {
        const channels = BigInt(this.input[0]);
        return this.costs(this.input, { params: channels, otherOps: elementsOf(this.input), formula: { params: `${channels} (one factor per channel)` } });
    }

    /** Identity at inference; its probability must still be a probability. */
    private stochasticDepth(): LayerCosts | undefined {
        if (!this.layer.rateExpr || this.probability(this.layer.rateExpr, 'stochasticdepth') === undefined) return undefined;
        return this.costs(this.input, { writes: false });
    }

    private probability(expr: Expr, what: string): Rational | undefined {
        const rate = this.env.rational(expr);
        if (rate === undefined) return undefined;
        if (compare(rate, fromInteger(0n)) < 0 || compare(rate, fromInteger(1n)) > 0) {
            this.error(IssueCodes.InvalidValue, `${what} rate must lie in [0, 1], got ${formatRational(rate)}`, nodeRange(expr));
            return undefined;
        }
        return rate;
    }

    private dropout(): LayerCosts | undefined {
        if (this.layer.rateExpr) {
            const exact = this.probability(this.layer.rateExpr, 'dropout');
            if (exact === undefined) return undefined;
            this.attributes.rate = Number(exact.num) / Number(exact.den);
            return this.costs(this.input, { writes: false });
        }
        const rate = this.layer.rate === undefined ? 0.5 : Number(this.layer.rate);
        if (!(rate >= 0 && rate <= 1)) {
            this.error(IssueCodes.InvalidValue, `dropout rate must lie in [0, 1], got ${this.layer.rate}`, propertyRange(this.layer, 'rate'));
            return undefined;
        }
        this.attributes.rate = rate;
        return this.costs(this.input, { writes: false });
    }

    private shuffle(): LayerCosts | undefined {
        const groups = this.positive(this.layer.groups, 'shuffle groups');
        if (groups === undefined) return undefined;
        if (this.input[0] % groups !== 0) {
            this.error(IssueCodes.Groups, `${this.name}: ${this.input[0]} channels cannot be divided into ${groups} groups`);
            return undefined;
        }
        this.attributes.groups = groups;
        return this.costs(this.input, {});
    }

    // ---- pieces shared by several ops ----

    /** Output H×W of a sliding window (conv, dwconv, pools), with the collapsed and inexact checks. */
    private slide(kernel: [number, number], stride: [number, number] | undefined, word: 'kernel' | 'window',
        padding = this.padding()): { size: [number, number]; window: Window } | undefined {
        if (padding === undefined) return undefined;
        const dilation = word === 'kernel' ? this.optionPair('dilation', 1) : [1, 1];
        if (dilation === undefined) return undefined;
        if (word === 'kernel' && stride === undefined) return undefined;
        const ceil = this.option('ceil') !== undefined;
        const [, height, width] = this.input as readonly [number, number, number];
        const axes: AxisWindow[] = [height, width].map((size, axis) => ({
            size, kernel: kernel[axis], stride: stride?.[axis] ?? kernel[axis], dilation: dilation[axis], padding: padding[axis], ceil
        }));
        this.attributes.axes = axes;
        const outH = windowOutput(axes[0]);
        const outW = windowOutput(axes[1]);
        if (outH === undefined || outW === undefined) {
            this.error(IssueCodes.Collapsed, this.collapsedMessage(axes, word));
            return undefined;
        }
        this.checkInexact(axes);
        return {
            size: [outH, outW],
            window: { kernel: [effectiveKernel(axes[0]), effectiveKernel(axes[1])], stride: [axes[0].stride, axes[1].stride] }
        };
    }

    private collapsedMessage(axes: AxisWindow[], word: string): string {
        const [h, w] = axes;
        const padded = axes.map(a => a.size + (a.padding.kind === 'explicit' ? 2 * a.padding.pad : 0));
        const paddedText = padded[0] !== h.size || padded[1] !== w.size ? ` (${padded[0]}×${padded[1]} with padding)` : '';
        const dilation = h.dilation === w.dilation ? `${h.dilation}` : `${h.dilation}×${w.dilation}`;
        const dilated = h.dilation > 1 || w.dilation > 1 ? ` (${h.kernel}×${w.kernel} dilated by ${dilation})` : '';
        return `${this.name}: ${h.size}×${w.size} input${paddedText} is smaller than the ${effectiveKernel(h)}×${effectiveKernel(w)} ${word}${dilated}`;
    }

    private checkInexact(axes: AxisWindow[]): void {
        const [rows, columns] = axes.map(unseenAtEnd);
        if (rows === 0 && columns === 0) return;
        const shown = rows > 0 ? axes[0] : axes[1];
        const lost = (count: number, noun: string) => count === 1 ? `input ${noun}` : `${count} input ${noun}s`;
        let what: string;
        if (rows === columns) what = rows === 1 ? 'input row and column are' : `${rows} input rows and columns are`;
        else if (columns === 0) what = `${lost(rows, 'row')} ${rows === 1 ? 'is' : 'are'}`;
        else if (rows === 0) what = `${lost(columns, 'column')} ${columns === 1 ? 'is' : 'are'}`;
        else what = `${lost(rows, 'row')} and the last ${lost(columns, 'column')} are`;
        this.env.report(IssueCodes.Inexact, `${this.name}: ${spanExpression(shown)} is not whole: the last ${what} never seen`,
            { node: this.layer, severity: 'hint', data: { unseenRows: rows, unseenColumns: columns, pad: this.padThatSeesAll(axes) } });
    }

    /** The smallest padding per axis, at least the current one, with which every input pixel is seen. */
    private padThatSeesAll(axes: AxisWindow[]): [number, number] | undefined {
        const pads: Array<number | undefined> = axes.map(padThatSeesAll);
        const [ph, pw] = pads;
        // Pools cannot pad more than half their window (PyTorch).
        const allowed = this.layer.op === 'conv' || this.layer.op === 'dwconv' || pads.every((pad, a) => pad !== undefined && poolPadAllowed(pad, axes[a].kernel));
        return ph !== undefined && pw !== undefined && allowed ? [ph, pw] : undefined;
    }

    private kernel(): [number, number] | undefined {
        const kernel = this.layer.kernel;
        if (!kernel) return undefined;
        if (kernel.dims !== undefined) {
            const [kh, kw] = parseDims(kernel.dims);
            if (kh === undefined || kw === undefined) return undefined; // reported by the text checks
            if (kh < 1 || kw < 1) {
                this.error(IssueCodes.InvalidValue, `${this.name}: kernel ${kernel.dims} must be at least 1×1`, nodeRange(kernel));
                return undefined;
            }
            return [kh, kw];
        }
        if (kernel.pair) return this.pair(kernel.pair, 1, 'kernel');
        const size = this.positive(kernel.size, 'kernel');
        return size === undefined ? undefined : [size, size];
    }

    /** `(Eh, Ew)` (LANGUAGE.md §8.4): each axis at least `min`. */
    private pair(pair: Pair, min: number, what: string): [number, number] | undefined {
        const first = this.atLeast(pair.first, min, what);
        const second = this.atLeast(pair.second, min, what);
        return first === undefined || second === undefined ? undefined : [first, second];
    }

    /** stride or dilation per axis: one Expr, a pair or DIMS (`stride 2x1`); `fallback` when absent. */
    private optionPair(name: string, fallback: number): [number, number] | undefined {
        const option = this.option(name);
        if (!option) return [fallback, fallback];
        if (option.pair) return this.pair(option.pair, 1, name);
        if (option.dims !== undefined) {
            const [h, w] = parseDims(option.dims);
            if (h === undefined || w === undefined) return undefined; // reported by the text checks
            if (h < 1 || w < 1) {
                this.error(IssueCodes.InvalidValue, `${name} ${option.dims} must be at least 1×1`, nodeRange(option));
                return undefined;
            }
            return [h, w];
        }
        const value = this.atLeast(option.value, 1, name);
        return value === undefined ? undefined : [value, value];
    }

    /** Per-axis padding; undefined after an error. */
    private padding(): [AxisPadding, AxisPadding] | undefined {
        const option = this.option('pad');
        if (!option || option.mode === 'valid') return [{ kind: 'explicit', pad: 0 }, { kind: 'explicit', pad: 0 }];
        if (option.mode === 'same') return [{ kind: 'same' }, { kind: 'same' }];
        if (option.dims !== undefined) {
            const [ph, pw] = parseDims(option.dims);
            if (ph === undefined || pw === undefined) return undefined;
            return [{ kind: 'explicit', pad: ph }, { kind: 'explicit', pad: pw }];
        }
        if (option.pair) {
            const pads = this.pair(option.pair, 0, 'pad');
            return pads && [{ kind: 'explicit', pad: pads[0] }, { kind: 'explicit', pad: pads[1] }];
        }
        const pad = this.atLeast(option.value, 0, 'pad');
        return pad === undefined ? undefined : [{ kind: 'explicit', pad }, { kind: 'explicit', pad }];
    }

    private checkIn(actual: number, noun: string): void {
        const option = this.option('in');
        if (!option?.value) return;
        const expected = this.env.value(option.value);
        if (expected === undefined || expected === BigInt(actual)) return;
        this.env.report(IssueCodes.InMismatch, `${this.name} expects ${expected} ${noun}, receives ${actual}`,
            { node: this.layer, data: { actual } });
    }

    private outputChannels(expr: Expr | undefined): number | undefined {
        if (!expr) return undefined;
        const value = this.env.value(expr, this.layer.op === 'fc' ? 'features' : 'channels');
        if (value === undefined) return undefined;
        if (value < 1n) {
            this.error(IssueCodes.Collapsed, `${this.name}: ${value} output ${this.layer.op === 'fc' ? 'features' : 'channels'}: must be at least 1`, nodeRange(expr));
            return undefined;
        }
        return this.toNumber(value, expr);
    }

    private bias(out: number): bigint {
        return this.option('nobias') ? 0n : BigInt(out);
    }

    private biasTerm(out: number): string {
        return this.option('nobias') ? '' : ` + ${out}`;
    }

    private option(name: string): Option | undefined {
        return this.layer.options.find(option => option.name === name);
    }

    /** An option's value (at least `min`), its default when absent, undefined after an error. */
    private optionValue(name: string, fallback: number, min: number): number | undefined {
        const option = this.option(name);
        return option ? this.atLeast(option.value, min, name) : fallback;
    }

    private positive(expr: Expr | undefined, what: string): number | undefined {
        return this.atLeast(expr, 1, what);
    }

    private atLeast(expr: Expr | undefined, min: number, what: string): number | undefined {
        if (!expr) return undefined;
        const value = this.env.value(expr, what);
        if (value === undefined) return undefined;
        if (value < BigInt(min)) {
            this.error(IssueCodes.InvalidValue, `${what} must be at least ${min}, got ${value}`, nodeRange(expr));
            return undefined;
        }
        return this.toNumber(value, expr);
    }

    private toNumber(value: bigint, node: AstNode): number | undefined {
        if (value > MAX_DIM) {
            this.error(IssueCodes.TooLarge, `${value} is too large for a size (at most ${MAX_DIM})`, nodeRange(node));
            return undefined;
        }
        return Number(value);
    }

    private costs(output: Shape, parts: Partial<Omit<LayerCosts, 'output'>>): LayerCosts {
        const attributes = { ...this.attributes, bias: this.option('nobias') === undefined };
        return { output, params: 0n, buffers: 0n, macs: 0n, otherOps: 0n, writes: true, attributes, ...parts };
    }

    private error(code: IssueCode, message: string, range?: Range): void {
        this.env.report(code, message, { node: this.layer, range });
    }
}
