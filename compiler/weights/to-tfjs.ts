import type { LayerRow } from '../../language/analysis/types.js';
import type { NodeWeight } from '../build-model.js';
import type { ModelSpec, WeightSource } from '../spec-types.js';
import type { RowTensors, TorchTensor } from './torch-tensors.js';

const BN_EPSILON = 1e-5;

/**
 * Every weighted node's arrays in tfjs's layout, from the rows' PyTorch tensors: conv OIHW →
 * HWIO, depthwise [C·M, 1, kh, kw] → [kh, kw, C, M], dense [out, in] → [in, out] (rows permuted
 * from C×H×W to H×W×C after an NHWC flatten), batch norm γ β mean var, and with `--optimize` a
 * batch norm folded into the conv or dense before it.
 */
export function tfjsWeights(spec: ModelSpec, rows: readonly LayerRow[], tensors: ReadonlyMap<number, RowTensors>): Map<number, NodeWeight[]> {
    const result = new Map<number, NodeWeight[]>();
    spec.nodes.forEach((node, index) => {
        if (!node.weights) return;
        const own = tensors.get(node.weights.row);
        if (!own) throw new Error(`no weights for row ${rows[node.weights.row].name}`);
        result.set(index, nodeWeights(node.name, node.weights, rows, own, tensors));
    });
    return result;
}

function nodeWeights(name: string, source: WeightSource, rows: readonly LayerRow[], own: RowTensors, all: ReadonlyMap<number, RowTensors>): NodeWeight[] {
    const get = (tensors: RowTensors, key: string): TorchTensor => {
        const tensor = tensors.get(key);
        if (!tensor) throw new Error(`${name}: missing ${key}`);
        return tensor;
    };
    const weight = get(own, 'weight');
    if (source.kind === 'bn' || source.kind === 'layernorm') {
        const keys = source.kind === 'bn' ? ['weight', 'bias', 'running_mean', 'running_var'] : ['weight', 'bias'];
        const suffix = source.kind === 'bn' ? ['gamma', 'beta', 'moving_mean', 'moving_variance'] : ['gamma', 'beta'];
        return keys.map((key, k) => ({ name: `${name}/${suffix[k]}`, shape: [weight.shape[0]], data: get(own, key).data }));
    }
    if (source.kind === 'layerscale') return [{ name: `${name}/gamma`, shape: [weight.data.length], data: weight.data }];
    const out = weight.shape[0];
    let bias = own.get('bias')?.data ?? new Float32Array(out);
    let scale: Float32Array | undefined;
    if (source.foldBn !== undefined) {
        // y = γ (Wx + b − μ) / √(σ² + ε) + β  =  (sW) x + (s(b − μ) + β), s = γ / √(σ² + ε)
        const bn = all.get(source.foldBn)!;
        const [gamma, beta, mean, variance] = ['weight', 'bias', 'running_mean', 'running_var'].map(key => get(bn, key).data);
        scale = new Float32Array(out);
        const folded = new Float32Array(out);
        for (let o = 0; o < out; o++) {
            scale[o] = gamma[o] / Math.sqrt(variance[o] + BN_EPSILON);
            folded[o] = scale[o] * (bias[o] - mean[o]) + beta[o];
        }
        bias = folded;
    }
    const kernel = source.kind === 'dense' ? denseKernel(weight, source.permuteFrom, scale)
        : source.kind === 'depthwise' ? depthwiseKernel(weight, rows[source.row].input[0], scale)
        : convKernel(weight, scale);
    const weights: NodeWeight[] = [{ name: `${name}/kernel`, shape: kernel.shape, data: kernel.data }];
    if (source.bias) weights.push({ name: `${name}/bias`, shape: [out], data: bias });
    return weights;
}

/** OIHW → HWIO, each output channel times `scale`. */
function convKernel(w: TorchTensor, scale?: Float32Array): { shape: number[]; data: Float32Array } {
    const [o, i, kh, kw] = w.shape;
    const data = new Float32Array(w.data.length);
    for (let a = 0; a < o; a++) {
        const s = scale ? scale[a] : 1;
        for (let b = 0; b < i; b++) for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) {
            data[((y * kw + x) * i + b) * o + a] = w.data[((a * i + b) * kh + y) * kw + x] * s;
        }
    }
    return { shape: [kh, kw, i, o], data };
}

/** [C·M, 1, kh, kw] → [kh, kw, C, M]: PyTorch's output channel c·M + m is tfjs's (c, m). */
function depthwiseKernel(w: TorchTensor, channels: number, scale?: Float32Array): { shape: number[]; data: Float32Array } {
    const [out, , kh, kw] = w.shape;
    const m = out / channels;
    const data = new Float32Array(w.data.length);
    for (let a = 0; a < out; a++) {
        const s = scale ? scale[a] : 1;
        for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) data[(y * kw + x) * out + a] = w.data[(a * kh + y) * kw + x] * s;
    }
    return { shape: [kh, kw, channels, m], data };
}

/** [out, in] → [in, out]; after an NHWC flatten, tfjs's input h·W·C + w·C + c is PyTorch's c·H·W + h·W + w. */
function denseKernel(w: TorchTensor, permuteFrom: readonly [number, number, number] | undefined, scale?: Float32Array): { shape: number[]; data: Float32Array } {
    const [out, features] = w.shape;
    const data = new Float32Array(w.data.length);
    const torchIndex = (f: number): number => {
        if (!permuteFrom) return f;
        const [c, h, wd] = permuteFrom;
        const ch = f % c;
        const pos = (f - ch) / c;
        return ch * h * wd + pos;
    };
    for (let f = 0; f < features; f++) {
        const t = torchIndex(f);
        for (let a = 0; a < out; a++) data[f * out + a] = w.data[a * features + t] * (scale ? scale[a] : 1);
    }
    return { shape: [features, out], data };
}
