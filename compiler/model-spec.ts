import type { AxisWindow } from '../language/analysis/windows.js';
import type { LayerRow, NetworkAnalysis, Shape } from '../language/analysis/types.js';
import { layerNames, unique } from './layer-names.js';
import type { ModelSpec, SpecNode, WeightSource } from './spec-types.js';

export class CompileError extends Error {}

export interface SpecOptions {
    /** Fold batch norm, fuse bias and activation, drop dropout (`--optimize`). */
    optimize?: boolean;
}

/** Activations a fused convolution or dense layer can apply (tf.fused). */
const FUSABLE = new Set(['relu', 'relu6', 'sigmoid', 'leakyrelu']);
/** Ops that keep every element where it is: a flat tensor's order passes through them. */
const ELEMENTWISE = new Set(['relu', 'relu6', 'leakyrelu', 'sigmoid', 'hardsigmoid', 'tanh', 'silu', 'hardswish', 'gelu', 'dropout', 'stochasticdepth']);
const BN_EPSILON = 1e-5;
const LEAKY_SLOPE = 0.01;

/**
 * Turns a network's rows and dataflow graph into tfjs layers with PyTorch's semantics (NHWC
 * inside; explicit padding, ceil-mode pools, count_include_pad, C×H×W flatten order …).
 */
export function modelSpec(network: NetworkAnalysis, options: SpecOptions = {}): ModelSpec {
    if (network.output === null) throw new CompileError(`network ${network.name} has errors; run 'cnn check' first`);
    return new SpecBuilder(network, options.optimize === true).build();
}

class SpecBuilder {
    private readonly nodes: SpecNode[] = [];
    /** The node holding each row's output tensor (-1: the model input). */
    private readonly tensorOf: number[] = [];
    private readonly readers: number[][];
    private readonly slices = new Map<string, number>();
    /** Rows whose output is a flat tensor in H×W×C order (a flatten read only by fc through elementwise ops). */
    private readonly hwcOrder = new Map<number, readonly [number, number, number]>();
    /** Rows merged into an earlier node by the optimiser (a folded bn, a fused activation). */
    private readonly merged = new Set<number>();
    private readonly names: string[];
    private readonly taken = new Set<string>(['input']);
    private readonly outputRows: number[];

    constructor(private readonly network: NetworkAnalysis, private readonly optimize: boolean) {
        const rows = network.rows;
        this.readers = rows.map(() => []);
        rows.forEach((row, index) => row.inputs.forEach(input => { if (input >= 0) this.readers[input].push(index); }));
        this.names = layerNames(rows);
        this.names.forEach(name => this.taken.add(name));
        this.outputRows = [this.mainOutputRow(), ...network.taps.map(tap => this.tapOutputRow(tap.name, tap.firstRow, tap.endRow))];
    }

    build(): ModelSpec {
        const rows = this.network.rows;
        rows.forEach((row, index) => {
            if (this.merged.has(index)) return;
            this.tensorOf[index] = this.compileRow(row, index);
        });
        const input = this.network.input;
        const outputs = this.outputRows.map(row => row < 0 ? this.identityOutput() : this.tensorOf[row]);
        return {
            network: this.network.name,
            inputShape: [input[1]!, input[2]!, input[0]],
            nodes: this.nodes,
            outputs,
            outputNames: ['output', ...this.network.taps.map(tap => tap.name)],
            outputShapes: this.outputRows.map(row => [...(row < 0 ? input : rows[row].output)]),
            optimized: this.optimize
        };
    }

    private mainOutputRow(): number {
        const rows = this.network.rows;
        for (let i = rows.length - 1; i >= 0; i--) if (rows[i].tap === undefined) return i;
        return -1;
    }

    private tapOutputRow(name: string, first: number, end: number): number {
        for (let i = end - 1; i >= first; i--) if (this.network.rows[i].tap === name) return i;
        throw new CompileError(`tap ${name} is empty: a model output needs at least one layer`);
    }

    /** A network without rows outputs its input: one identity layer, since tfjs needs a layer. */
    private identityOutput(): number {
        return this.add({ name: 'output_identity', className: 'Activation', config: { activation: 'linear' }, inputs: [-1] });
    }

    // ---- one row ----

    private compileRow(row: LayerRow, index: number): number {
        const name = this.names[index];
        const input = () => this.inputTensor(row, 0);
        switch (row.op) {
            case 'conv': return this.conv(row, index, name, input());
            case 'dwconv': return this.conv(row, index, name, input());
            case 'maxpool': case 'avgpool': return this.pool(row, index, name, input());
            case 'globalavgpool': case 'globalmaxpool': {
                const [, h, w] = row.input as readonly number[];
                const className = row.op === 'globalavgpool' ? 'AveragePooling2D' : 'MaxPooling2D';
                return this.add({ name, className, config: { poolSize: [h, w], strides: [h, w], padding: 'valid' }, inputs: [input()], row: index });
            }
            case 'adaptiveavgpool': return this.adaptivePool(row, index, name, input());
            case 'fc': return this.dense(row, index, name);
            case 'flatten': return this.flatten(row, index, name, input());
            case 'bn': return this.add({
                name, className: 'BatchNormalization', config: { axis: -1, epsilon: BN_EPSILON, momentum: 0.9 }, inputs: [input()], row: index,
                weights: { kind: 'bn', row: index, bias: true }
            });
            case 'layernorm': return this.add({
                name, className: 'LayerNormalization', config: { axis: -1, epsilon: 1e-6 }, inputs: [input()], row: index,
                weights: { kind: 'layernorm', row: index, bias: true }
            });
            case 'layerscale': return this.add({ name, className: 'CnnLayerScale', config: {}, inputs: [input()], row: index, weights: { kind: 'layerscale', row: index, bias: false } });
            case 'lrn': return this.add({
                name, className: 'CnnLocalResponseNorm', config: { size: row.attributes?.size ?? 5, alpha: 1e-4, beta: 0.75, k: 1 }, inputs: [input()], row: index
            });
            case 'dropout':
                if (this.optimize) return input();
                return this.add({ name, className: 'Dropout', config: { rate: row.attributes?.rate ?? 0.5 }, inputs: [input()], row: index });
            case 'stochasticdepth': return input(); // the identity at inference
            case 'shuffle': return this.add({ name, className: 'CnnChannelShuffle', config: { groups: row.attributes?.groups }, inputs: [input()], row: index });
            case 'residual': return this.add({ name, className: 'Add', config: {}, inputs: [this.inputTensor(row, 0), this.inputTensor(row, 1)], row: index });
            case 'concat': case 'split': {
                const inputs = row.inputs.map((_, k) => this.inputTensor(row, k));
                if (inputs.length === 1) return inputs[0];
                return this.add({ name, className: 'Concatenate', config: { axis: -1 }, inputs, row: index });
            }
            case 'scale': return this.add({ name, className: 'CnnScale', config: {}, inputs: [this.inputTensor(row, 0), this.inputTensor(row, 1)], row: index });
            default: {
                const activation = activationNode(row.op);
                if (!activation) throw new CompileError(`${row.name}: the compiler does not know the op '${row.op}'`);
                return this.add({ name, ...activation, inputs: [input()], row: index });
            }
        }
    }

    private conv(row: LayerRow, index: number, name: string, input: number): number {
        const attributes = row.attributes;
        const inChannels = row.input[0];
        const out = row.output[0];
        // A generated projection (shortcut projection/auto) has no options: 1×1, no bias, the stride that maps the shapes.
        const axes: readonly AxisWindow[] = attributes?.axes ?? [0, 1].map(axis => ({
            size: row.input[axis + 1]!, kernel: 1, stride: Math.round(row.input[axis + 1]! / row.output[axis + 1]!), dilation: 1,
            padding: { kind: 'explicit', pad: 0 }, ceil: false
        }));
        const bias = attributes?.bias ?? false;
        const groups = row.op === 'dwconv' ? inChannels : attributes?.groups ?? 1;
        const depthwise = groups === inChannels && groups > 1 || row.op === 'dwconv';
        const kernelSize = axes.map(a => a.kernel);
        const strides = axes.map(a => a.stride);
        const dilation = axes.map(a => a.dilation);
        const same = axes[0].padding.kind === 'same';
        const pads = axes.map(a => a.padding.kind === 'explicit' ? a.padding.pad : 0);
        const fold = this.optimize ? this.soleReader(index, 'bn') : undefined;
        if (fold !== undefined) this.merged.add(fold);
        const activationRow = this.optimize ? this.soleReader(fold ?? index, FUSABLE) : undefined;
        if (activationRow !== undefined) this.merged.add(activationRow);
        const weights: WeightSource = { kind: depthwise ? 'depthwise' : 'conv', row: index, foldBn: fold, bias: bias || fold !== undefined };
        const dilatedAndStrided = dilation.some(d => d > 1) && strides.some(s => s > 1);
        const lastRow = activationRow ?? fold ?? index;
        const nodeName = this.names[lastRow] === name ? name : `${name}_${this.names[lastRow]}`;
        if (this.optimize || (groups > 1 && !depthwise) || dilatedAndStrided) {
            return this.fused(index, [fold, activationRow], {
                name: nodeName, className: 'CnnConv2D', row: lastRow, inputs: [input], weights,
                config: {
                    filters: out, kernelSize, strides, dilationRate: dilation, groups: depthwise ? 1 : groups, depthwise, depthMultiplier: depthwise ? out / inChannels : 1,
                    padding: same ? 'same' : [[pads[0], pads[0]], [pads[1], pads[1]]], useBias: weights.bias,
                    activation: activationRow === undefined ? 'linear' : this.network.rows[activationRow].op, alpha: LEAKY_SLOPE
                }
            });
        }
        // TensorFlow's 'same' is PyTorch's padding whenever it starts the windows at the same place: no pad layer then.
        const asSame = same || (pads.some(p => p > 0) && axes.every((a, k) => sameMatchesTorch(a, row.output[k + 1]!)));
        let x = input;
        if (!asSame && pads.some(p => p > 0)) {
            x = this.add({ name: `${name}_pad`, className: 'ZeroPadding2D', config: { padding: [[pads[0], pads[0]], [pads[1], pads[1]]] }, inputs: [x] });
        }
        const common = { kernelSize, strides, dilationRate: dilation, padding: asSame ? 'same' : 'valid', useBias: bias };
        const config = depthwise ? { ...common, depthMultiplier: out / inChannels } : { ...common, filters: out };
        return this.add({ name, className: depthwise ? 'DepthwiseConv2D' : 'Conv2D', config, inputs: [x], row: index, weights });
    }

    private pool(row: LayerRow, index: number, name: string, input: number): number {
        const axes = row.attributes!.axes!;
        const isMax = row.op === 'maxpool';
        const poolSize = axes.map(a => a.kernel);
        const strides = axes.map(a => a.stride);
        if (axes[0].padding.kind === 'same') {
            // TensorFlow's rule, as the language defines `pad same` (max ignores the padding, avg divides by the valid cells).
            return this.add({ name, className: isMax ? 'MaxPooling2D' : 'AveragePooling2D', config: { poolSize, strides, padding: 'same' }, inputs: [input], row: index });
        }
        const pads = axes.map(a => a.padding.kind === 'explicit' ? a.padding.pad : 0);
        // Ceil mode adds windows past the far padding: pad on the far side until they fit.
        const extra = axes.map((a, k) => Math.max(0, (row.output[k + 1]! - 1) * a.stride + a.kernel - (a.size + 2 * pads[k])));
        const padding = [[pads[0], pads[0] + extra[0]], [pads[1], pads[1] + extra[1]]];
        const padded = pads.some(p => p > 0) || extra.some(e => e > 0);
        if (!padded) return this.add({ name, className: isMax ? 'MaxPooling2D' : 'AveragePooling2D', config: { poolSize, strides, padding: 'valid' }, inputs: [input], row: index });
        // A max pool ignores TensorFlow's 'same' padding, as PyTorch's never wins: equal when the windows start alike.
        if (isMax && axes.every((a, k) => sameMatchesTorch(a, row.output[k + 1]!))) {
            return this.add({ name, className: 'MaxPooling2D', config: { poolSize, strides, padding: 'same' }, inputs: [input], row: index });
        }
        if (isMax) return this.add({ name, className: 'CnnMaxPool2D', config: { poolSize, strides, padding }, inputs: [input], row: index });
        if (extra.some(e => e > 0)) {
            return this.add({ name, className: 'CnnAvgPool2D', config: { poolSize, strides, padding, inputSize: axes.map(a => a.size) }, inputs: [input], row: index });
        }
        // count_include_pad: zero padding, then a plain average over whole windows.
        const x = this.add({ name: `${name}_pad`, className: 'ZeroPadding2D', config: { padding }, inputs: [input] });
        return this.add({ name, className: 'AveragePooling2D', config: { poolSize, strides, padding: 'valid' }, inputs: [x], row: index });
    }

    private adaptivePool(row: LayerRow, index: number, name: string, input: number): number {
        const [, h, w] = row.input as readonly number[];
        const [, oh, ow] = row.output as readonly number[];
        if (h % oh === 0 && w % ow === 0) {
            // Every PyTorch window then has the same size and tiles the input.
            const poolSize = [h / oh, w / ow];
            return this.add({ name, className: 'AveragePooling2D', config: { poolSize, strides: poolSize, padding: 'valid' }, inputs: [input], row: index });
        }
        return this.add({ name, className: 'CnnAdaptiveAvgPool2D', config: { outputSize: [oh, ow] }, inputs: [input], row: index });
    }

    private flatten(row: LayerRow, index: number, name: string, input: number): number {
        if (row.input.length === 1) return input; // already flat
        const [c, h, w] = row.input as readonly [number, number, number];
        if (h * w > 1 && this.onlyDenseReads(index)) {
            this.hwcOrder.set(index, [c, h, w]);
            return this.add({ name, className: 'Flatten', config: {}, inputs: [input], row: index });
        }
        return this.flattenChannelsFirst(name, input, index, h * w > 1);
    }

    /** PyTorch's C×H×W order: channels first, then flatten. */
    private flattenChannelsFirst(name: string, input: number, row: number, permute: boolean): number {
        const x = permute ? this.add({ name: `${name}_chw`, className: 'Permute', config: { dims: [3, 1, 2] }, inputs: [input] }) : input;
        return this.add({ name, className: 'Flatten', config: {}, inputs: [x], row });
    }

    private dense(row: LayerRow, index: number, name: string): number {
        let input = this.inputTensor(row, 0);
        let permuteFrom = this.flatOrder(row.inputs[0]);
        if (row.input.length === 3) {
            const [c, h, w] = row.input;
            input = this.add({ name: `${name}_flatten`, className: 'Flatten', config: {}, inputs: [input] });
            if (h * w > 1) permuteFrom = [c, h, w];
        }
        const fold = this.optimize ? this.soleReader(index, 'bn') : undefined;
        if (fold !== undefined) this.merged.add(fold);
        const activationRow = this.optimize ? this.soleReader(fold ?? index, new Set(['relu', 'relu6', 'sigmoid', 'tanh'])) : undefined;
        if (activationRow !== undefined) this.merged.add(activationRow);
        const bias = row.attributes?.bias ?? true;
        const lastRow = activationRow ?? fold ?? index;
        const nodeName = lastRow === index ? name : `${name}_${this.names[lastRow]}`;
        return this.fused(index, [fold, activationRow], {
            name: nodeName, className: 'Dense', row: lastRow, inputs: [input],
            config: { units: row.output[0], useBias: bias || fold !== undefined, activation: activationRow === undefined ? 'linear' : this.network.rows[activationRow].op },
            weights: { kind: 'dense', row: index, foldBn: fold, permuteFrom, bias: bias || fold !== undefined }
        });
    }

    /** A node that also computes the merged rows (a folded bn, a fused activation): they read it. */
    private fused(row: number, merged: Array<number | undefined>, node: SpecNode): number {
        const index = this.add(node);
        for (const other of merged) if (other !== undefined) this.tensorOf[other] = index;
        void row;
        return index;
    }

    // ---- the graph ----

    /** The node for a row's k-th input, with a channel-slice node for a split's branch. */
    private inputTensor(row: LayerRow, k: number): number {
        const source = row.inputs[k];
        const tensor = source < 0 ? -1 : this.tensorOf[source];
        const channels = row.inputChannels?.[k];
        if (!channels) return tensor;
        if (source >= 0 && this.hwcOrder.has(source)) throw new CompileError(`${row.name}: cannot split a flattened tensor`);
        const key = `${tensor}:${channels[0]}:${channels[1]}`;
        let slice = this.slices.get(key);
        if (slice === undefined) {
            const base = source < 0 ? 'input' : this.nodes[tensor].name;
            slice = this.add({ name: `${base}_ch${channels[0]}_${channels[1]}`, className: 'CnnChannelSlice', config: { start: channels[0], end: channels[1] }, inputs: [tensor] });
            this.slices.set(key, slice);
        }
        return slice;
    }

    /** A row's flat tensor order, when it is H×W×C (after an NHWC flatten, through elementwise ops). */
    private flatOrder(source: number): readonly [number, number, number] | undefined {
        let row = source;
        while (row >= 0) {
            const order = this.hwcOrder.get(row);
            if (order) return order;
            if (!ELEMENTWISE.has(this.network.rows[row].op)) return undefined;
            row = this.network.rows[row].inputs[0];
        }
        return undefined;
    }

    /** Whether a flatten's tensor reaches only fc layers (through elementwise ops), so fc weights can absorb the order. */
    private onlyDenseReads(row: number): boolean {
        if (this.outputRows.includes(row)) return false;
        return this.readers[row].every(reader => {
            const op = this.network.rows[reader].op;
            if (op === 'fc') return true;
            return ELEMENTWISE.has(op) && this.network.rows[reader].inputs.length === 1 && this.onlyDenseReads(reader);
        });
    }

    /** The one row reading `row`'s output, when it has one of the given ops and `row` is no model output. */
    private soleReader(row: number, ops: string | Set<string>): number | undefined {
        const readers = this.readers[row];
        if (readers.length !== 1 || this.outputRows.includes(row)) return undefined;
        const reader = readers[0];
        const op = this.network.rows[reader].op;
        const wanted = typeof ops === 'string' ? op === ops : ops.has(op);
        return wanted && !this.network.rows[reader].inputChannels ? reader : undefined;
    }

    /** Adds a node; helper nodes (`_pad`, slices) get a name no row uses. */
    private add(node: SpecNode): number {
        const own = node.row !== undefined && node.name === this.names[node.row];
        if (!own) node.name = unique(node.name, this.taken);
        this.nodes.push(node);
        return this.nodes.length - 1;
    }
}

/**
 * Whether TensorFlow's 'same' padding computes PyTorch's window positions on this axis: the same
 * number of outputs, and the same padding before the first row (TF puts any odd pixel after the last).
 */
function sameMatchesTorch(axis: AxisWindow, out: number): boolean {
    if (axis.padding.kind !== 'explicit' || axis.ceil) return false;
    const effective = axis.dilation * (axis.kernel - 1) + 1;
    const tfOut = Math.ceil(axis.size / axis.stride);
    const total = Math.max((tfOut - 1) * axis.stride + effective - axis.size, 0);
    return tfOut === out && Math.floor(total / 2) === axis.padding.pad;
}

/** An activation row's tfjs layer, with PyTorch's definitions. */
function activationNode(op: string): Pick<SpecNode, 'className' | 'config'> | undefined {
    switch (op) {
        case 'relu': return { className: 'ReLU', config: {} };
        // ReLU with a maximum is one clipByValue kernel; Activation('relu6') runs relu and then minimum.
        case 'relu6': return { className: 'ReLU', config: { maxValue: 6 } };
        case 'sigmoid': case 'tanh': case 'gelu': return { className: 'Activation', config: { activation: op } };
        case 'silu': return { className: 'Activation', config: { activation: 'swish' } };
        case 'leakyrelu': return { className: 'LeakyReLU', config: { alpha: LEAKY_SLOPE } };
        case 'softmax': return { className: 'Softmax', config: { axis: -1 } };
        case 'hardswish': case 'hardsigmoid': return { className: 'CnnActivation', config: { function: op } };
        default: return undefined;
    }
}

export type { Shape };
