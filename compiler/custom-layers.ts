/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Tf } from './tfjs-types.js';

/**
 * The layers tfjs lacks for PyTorch's semantics, defined on the `tf` object passed in (so they
 * work in Node and in a browser) and registered with `tf.serialization.registerClass`, so a saved
 * `model.json` loads back with `tf.loadLayersModel`. Configs are plain JSON; every class is named
 * `Cnn…` so it cannot clash with tfjs's own.
 */
type Config = Record<string, any>;
type Padding = [[number, number], [number, number]];

const defined = new WeakMap<object, Record<string, unknown>>();

export function defineCnnLayers(tf: Tf): Record<string, unknown> {
    const known = defined.get(tf);
    if (known) return known;
    const Layer = tf.layers.Layer as any;

    /** A layer whose config is kept whole and passed back by getConfig. */
    class CnnLayer extends Layer {
        protected readonly cfg: Config;
        constructor(config: Config) {
            super(config);
            this.cfg = { ...config };
            delete this.cfg.name; delete this.cfg.trainable; delete this.cfg.dtype; delete this.cfg.batchInputShape; delete this.cfg.inputShape;
        }
        getConfig(): Config { return { ...super.getConfig(), ...this.cfg }; }
    }

    /** Convolution with PyTorch's options: explicit per-side padding, groups, dilation with stride, fused bias and activation. */
    class CnnConv2D extends CnnLayer {
        static className = 'CnnConv2D';
        kernel: any; bias: any;
        build(inputShape: number[]): void {
            const c = this.cfg;
            const channels = inputShape[inputShape.length - 1];
            const shape = c.depthwise ? [...c.kernelSize, channels, c.depthMultiplier] : [...c.kernelSize, channels / c.groups, c.filters];
            this.kernel = this.addWeight('kernel', shape, 'float32', tf.initializers.glorotUniform({}));
            if (c.useBias) this.bias = this.addWeight('bias', [c.filters], 'float32', tf.initializers.zeros());
            this.built = true;
        }
        computeOutputShape(inputShape: number[]): number[] {
            const c = this.cfg;
            const [n, h, w] = inputShape;
            const size = (x: number, axis: number) => {
                if (c.padding === 'same') return Math.ceil(x / c.strides[axis]);
                const span = x + c.padding[axis][0] + c.padding[axis][1] - c.dilationRate[axis] * (c.kernelSize[axis] - 1) - 1;
                return Math.floor(span / c.strides[axis]) + 1;
            };
            return [n, size(h, 0), size(w, 1), c.filters];
        }
        call(inputs: any): any {
            return tf.tidy(() => {
                const c = this.cfg;
                const x = Array.isArray(inputs) ? inputs[0] : inputs;
                const pad = c.padding === 'same' ? 'same' : [[0, 0], ...(c.padding as Padding), [0, 0]];
                const strided = c.dilationRate.some((d: number) => d > 1) && c.strides.some((s: number) => s > 1);
                // tfjs refuses dilation together with stride: convolve densely, then keep every stride-th output.
                const strides = strided ? [1, 1] : c.strides;
                const activation = c.activation === 'leakyrelu' ? 'leakyrelu' : c.activation;
                const fused = { strides, pad, dilations: c.dilationRate, activation, leakyreluAlpha: c.alpha } as any;
                const kernel = this.kernel.read();
                const bias = this.bias?.read();
                let y: any;
                if (c.depthwise) {
                    y = tf.fused.depthwiseConv2d({ x, filter: kernel, bias, ...fused });
                } else if (c.groups === 1) {
                    y = tf.fused.conv2d({ x, filter: kernel, bias, ...fused });
                } else {
                    const xs = tf.split(x, c.groups, 3);
                    const ks = tf.split(kernel, c.groups, 3);
                    const bs = bias ? tf.split(bias, c.groups, 0) : [];
                    y = tf.concat(xs.map((part: any, g: number) => tf.fused.conv2d({ x: part, filter: ks[g], bias: bs[g], ...fused })), 3);
                }
                if (strided) {
                    const [, oh, ow] = this.computeOutputShape(x.shape);
                    y = tf.stridedSlice(y, [0, 0, 0, 0], [y.shape[0], oh * c.strides[0], ow * c.strides[1], y.shape[3]], [1, c.strides[0], c.strides[1], 1]);
                }
                return y;
            });
        }
    }

    /** Max pooling over explicit padding that never wins: the padding is −∞. */
    class CnnMaxPool2D extends CnnLayer {
        static className = 'CnnMaxPool2D';
        computeOutputShape(inputShape: number[]): number[] { return poolShape(inputShape, this.cfg); }
        call(inputs: any): any {
            return tf.tidy(() => {
                const c = this.cfg;
                const x = Array.isArray(inputs) ? inputs[0] : inputs;
                const padded = tf.pad(x, [[0, 0], ...(c.padding as Padding), [0, 0]], -Infinity);
                return tf.maxPool(padded as any, c.poolSize, c.strides, 'valid');
            });
        }
    }

    /**
     * Average pooling as PyTorch's ceil mode does it: windows count the padding
     * (count_include_pad) but not the part past the far padding that ceil mode adds.
     */
    class CnnAvgPool2D extends CnnLayer {
        static className = 'CnnAvgPool2D';
        computeOutputShape(inputShape: number[]): number[] { return poolShape(inputShape, this.cfg); }
        call(inputs: any): any {
            return tf.tidy(() => {
                const c = this.cfg;
                const x = Array.isArray(inputs) ? inputs[0] : inputs;
                const padded = tf.pad(x, [[0, 0], ...(c.padding as Padding), [0, 0]]);
                const mean = tf.avgPool(padded as any, c.poolSize, c.strides, 'valid');
                const [, oh, ow] = mean.shape;
                const factor = (axis: number, count: number) => Array.from({ length: count }, (_, i) => {
                    const start = i * c.strides[axis] - c.padding[axis][0];
                    const end = Math.min(start + c.poolSize[axis], c.inputSize[axis] + c.padding[axis][0]);
                    return c.poolSize[axis] / (end - start);
                });
                const rows = tf.tensor(factor(0, oh), [1, oh, 1, 1]);
                const columns = tf.tensor(factor(1, ow), [1, 1, ow, 1]);
                return tf.mul(tf.mul(mean, rows), columns);
            });
        }
    }

    /** PyTorch's adaptive average pooling: output i averages input [⌊i·n/m⌋, ⌈(i+1)·n/m⌉), as two matrix products. */
    class CnnAdaptiveAvgPool2D extends CnnLayer {
        static className = 'CnnAdaptiveAvgPool2D';
        computeOutputShape(inputShape: number[]): number[] {
            return [inputShape[0], this.cfg.outputSize[0], this.cfg.outputSize[1], inputShape[3]];
        }
        call(inputs: any): any {
            return tf.tidy(() => {
                const x = Array.isArray(inputs) ? inputs[0] : inputs;
                const [n, h, w, ch] = x.shape;
                const [oh, ow] = this.cfg.outputSize;
                const rows = tf.tensor(adaptiveMatrix(h, oh), [oh, h]);
                const columns = tf.tensor(adaptiveMatrix(w, ow), [ow, w]);
                // [n,h,w,c] → [n·w·c, h] × [h, oh]
                let y = tf.reshape(tf.transpose(x, [0, 2, 3, 1]), [n * w * ch, h]);
                y = tf.matMul(y, rows, false, true);
                // [n,w,c,oh] → [n·oh·c, w] × [w, ow]
                y = tf.reshape(tf.transpose(tf.reshape(y, [n, w, ch, oh]), [0, 3, 2, 1]), [n * oh * ch, w]);
                y = tf.matMul(y, columns, false, true);
                return tf.transpose(tf.reshape(y, [n, oh, ch, ow]), [0, 1, 3, 2]);
            });
        }
    }

    /** Channels [start, end) of a tensor: a split's branch input. */
    class CnnChannelSlice extends CnnLayer {
        static className = 'CnnChannelSlice';
        computeOutputShape(inputShape: number[]): number[] {
            return [...inputShape.slice(0, -1), this.cfg.end - this.cfg.start];
        }
        call(inputs: any): any {
            const x = Array.isArray(inputs) ? inputs[0] : inputs;
            const begin = x.shape.map(() => 0);
            const size = x.shape.map(() => -1);
            begin[begin.length - 1] = this.cfg.start;
            size[size.length - 1] = this.cfg.end - this.cfg.start;
            return tf.slice(x, begin, size);
        }
    }

    /** PyTorch's LocalResponseNorm: x / (k + α/n · Σ x² over n channels, window [c − ⌊n/2⌋, c + ⌈n/2⌉ − 1])^β. */
    class CnnLocalResponseNorm extends CnnLayer {
        static className = 'CnnLocalResponseNorm';
        computeOutputShape(inputShape: number[]): number[] { return inputShape; }
        call(inputs: any): any {
            return tf.tidy(() => {
                const { size, alpha, beta, k } = this.cfg;
                const x = Array.isArray(inputs) ? inputs[0] : inputs;
                const channels = x.shape[3];
                const squares = tf.pad(tf.square(x), [[0, 0], [0, 0], [0, 0], [Math.floor(size / 2), Math.floor((size - 1) / 2)]]);
                let sum = tf.slice(squares, [0, 0, 0, 0], [-1, -1, -1, channels]);
                for (let i = 1; i < size; i++) sum = tf.add(sum, tf.slice(squares, [0, 0, 0, i], [-1, -1, -1, channels]));
                return tf.div(x, tf.pow(tf.add(tf.mul(sum, alpha / size), k), beta));
            });
        }
    }

    /** PyTorch's hardswish x·relu6(x+3)/6 and hardsigmoid relu6(x+3)/6 (tfjs's hardSigmoid is Keras's 0.2x + 0.5). */
    class CnnActivation extends CnnLayer {
        static className = 'CnnActivation';
        computeOutputShape(inputShape: number[]): number[] { return inputShape; }
        call(inputs: any): any {
            return tf.tidy(() => {
                const x = Array.isArray(inputs) ? inputs[0] : inputs;
                const gate = tf.div(tf.relu6(tf.add(x, 3)), 6);
                return this.cfg.function === 'hardswish' ? tf.mul(x, gate) : gate;
            });
        }
    }

    /** ShuffleNet's channel shuffle in NHWC: [n,h,w,g,c/g] → [n,h,w,c/g,g]. */
    class CnnChannelShuffle extends CnnLayer {
        static className = 'CnnChannelShuffle';
        computeOutputShape(inputShape: number[]): number[] { return inputShape; }
        call(inputs: any): any {
            return tf.tidy(() => {
                const x = Array.isArray(inputs) ? inputs[0] : inputs;
                const [n, h, w, ch] = x.shape;
                const g = this.cfg.groups;
                return tf.reshape(tf.transpose(tf.reshape(x, [n, h, w, g, ch / g]), [0, 1, 2, 4, 3]), [n, h, w, ch]);
            });
        }
    }

    /** `scale`: the input times the body's output, broadcast over H×W when that is C×1×1. */
    class CnnScale extends CnnLayer {
        static className = 'CnnScale';
        computeOutputShape(inputShape: number[][]): number[] { return inputShape[0]; }
        call(inputs: any): any {
            return tf.mul(inputs[0], inputs[1]);
        }
    }

    /** ConvNeXt's layer scale: one learned factor per channel. */
    class CnnLayerScale extends CnnLayer {
        static className = 'CnnLayerScale';
        gamma: any;
        build(inputShape: number[]): void {
            this.gamma = this.addWeight('gamma', [inputShape[inputShape.length - 1]], 'float32', tf.initializers.ones());
            this.built = true;
        }
        computeOutputShape(inputShape: number[]): number[] { return inputShape; }
        call(inputs: any): any {
            const x = Array.isArray(inputs) ? inputs[0] : inputs;
            return tf.mul(x, this.gamma.read());
        }
    }

    const classes = { CnnConv2D, CnnMaxPool2D, CnnAvgPool2D, CnnAdaptiveAvgPool2D, CnnChannelSlice, CnnLocalResponseNorm, CnnActivation, CnnChannelShuffle, CnnScale, CnnLayerScale };
    for (const cls of Object.values(classes)) tf.serialization.registerClass(cls as any);
    defined.set(tf, classes);
    return classes;
}

function poolShape(inputShape: number[], c: Config): number[] {
    const [n, h, w, ch] = inputShape;
    const size = (x: number, axis: number) => Math.floor((x + c.padding[axis][0] + c.padding[axis][1] - c.poolSize[axis]) / c.strides[axis]) + 1;
    return [n, size(h, 0), size(w, 1), ch];
}

/** Row i of PyTorch's adaptive averaging over `n` inputs into `m` outputs. */
function adaptiveMatrix(n: number, m: number): number[] {
    const matrix = new Array<number>(m * n).fill(0);
    for (let i = 0; i < m; i++) {
        const start = Math.floor((i * n) / m);
        const end = Math.ceil(((i + 1) * n) / m);
        for (let j = start; j < end; j++) matrix[i * n + j] = 1 / (end - start);
    }
    return matrix;
}
