/* eslint-disable @typescript-eslint/no-explicit-any */
import type { LayersModel, Tf } from '../compiler/tfjs-types.js';

/**
 * ResNet-18, ResNet-50 and MobileNetV2 written by hand with tfjs layers the way a tfjs user
 * would (torchvision's layout: 'same' padding where it equals PyTorch's, zero padding before
 * strided convs, bias-free convs before batch norm): the baseline the compiled models are timed
 * against.
 */
export function handWrittenModel(tf: Tf, name: 'ResNet18' | 'ResNet50' | 'MobileNetV2'): LayersModel {
    const L = tf.layers;
    const input = tf.input({ shape: [224, 224, 3] });
    const bn = (x: any) => L.batchNormalization({ epsilon: 1e-5 }).apply(x);
    const relu = (x: any) => L.reLU().apply(x);
    const relu6 = (x: any) => L.reLU({ maxValue: 6 }).apply(x);
    const conv = (x: any, filters: number, k: number, stride = 1) => {
        const pad = (k - 1) / 2;
        if (stride > 1 && pad > 0) x = L.zeroPadding2d({ padding: pad }).apply(x);
        return L.conv2d({ filters, kernelSize: k, strides: stride, padding: stride > 1 ? 'valid' : 'same', useBias: false }).apply(x);
    };
    const dw = (x: any, stride: number) => {
        if (stride > 1) x = L.zeroPadding2d({ padding: 1 }).apply(x);
        return L.depthwiseConv2d({ kernelSize: 3, strides: stride, padding: stride > 1 ? 'valid' : 'same', useBias: false }).apply(x);
    };
    let x: any;
    if (name === 'MobileNetV2') {
        x = relu6(bn(conv(input, 32, 3, 2)));
        const settings = [[1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1]];
        let channels = 32;
        for (const [t, c, n, s] of settings) {
            for (let i = 0; i < n; i++) {
                const stride = i === 0 ? s : 1;
                let y = x;
                if (t !== 1) y = relu6(bn(conv(y, channels * t, 1)));
                y = relu6(bn(dw(y, stride)));
                y = bn(conv(y, c, 1));
                x = stride === 1 && channels === c ? L.add().apply([x, y]) : y;
                channels = c;
            }
        }
        x = relu6(bn(conv(x, 1280, 1)));
        x = L.globalAveragePooling2d({}).apply(x);
        x = L.dropout({ rate: 0.2 }).apply(x);
    } else {
        x = relu(bn(conv(input, 64, 7, 2)));
        x = L.zeroPadding2d({ padding: 1 }).apply(x);
        x = L.maxPooling2d({ poolSize: 3, strides: 2 }).apply(x);
        const bottleneck = name === 'ResNet50';
        const blocks = bottleneck ? [3, 4, 6, 3] : [2, 2, 2, 2];
        let channels = 64;
        blocks.forEach((count, stage) => {
            const planes = 64 * 2 ** stage;
            const out = bottleneck ? planes * 4 : planes;
            for (let i = 0; i < count; i++) {
                const stride = i === 0 && stage > 0 ? 2 : 1;
                let y: any;
                if (bottleneck) {
                    y = relu(bn(conv(x, planes, 1)));
                    y = relu(bn(conv(y, planes, 3, stride)));
                    y = bn(conv(y, out, 1));
                } else {
                    y = relu(bn(conv(x, planes, 3, stride)));
                    y = bn(conv(y, planes, 3));
                }
                const shortcut = stride > 1 || channels !== out ? bn(L.conv2d({ filters: out, kernelSize: 1, strides: stride, useBias: false }).apply(x)) : x;
                x = relu(L.add().apply([y, shortcut]));
                channels = out;
            }
        });
        x = L.globalAveragePooling2d({}).apply(x);
    }
    const output = L.dense({ units: 1000 }).apply(x) as any;
    return tf.model({ inputs: input, outputs: output });
}
