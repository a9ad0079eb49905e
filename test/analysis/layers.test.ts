import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText, messages, net } from '../helpers.js';

// One layer on a given input: output shape, params, buffers, MACs, other ops and the elements it
// writes. Expected values are worked out by hand from LANGUAGE.md §4–§5 (PyTorch's formulas).
const LAYERS: Array<[layer: string, input: string, output: string, params: number, buffers: number, macs: number, otherOps: number, written: number]> = [
    // conv: OUT·(C/G)·Kh·Kw + OUT params; OUT·H'·W'·(C/G)·Kh·Kw MACs
    ['conv 64 3x3 pad 1', '3x32x32', '64x32x32', 64 * 27 + 64, 0, 64 * 32 * 32 * 27, 0, 64 * 32 * 32],
    ['conv 64 3x3 pad 1 nobias', '3x32x32', '64x32x32', 64 * 27, 0, 64 * 32 * 32 * 27, 0, 64 * 32 * 32],
    ['conv 8 1x7 pad 0x3', '4x10x10', '8x10x10', 8 * 4 * 7 + 8, 0, 8 * 100 * 28, 0, 800],
    ['conv 128 3x3 groups 32 pad 1', '128x14x14', '128x14x14', 128 * 4 * 9 + 128, 0, 128 * 196 * 36, 0, 128 * 196],
    ['conv 16 3x3 dilation 2', '8x20x20', '16x16x16', 16 * 72 + 16, 0, 16 * 256 * 72, 0, 16 * 256],
    ['conv 16 3x3 stride 2 pad same', '8x15x15', '16x8x8', 16 * 72 + 16, 0, 16 * 64 * 72, 0, 16 * 64],
    ['conv 16 5x5 pad valid', '8x15x15', '16x11x11', 16 * 200 + 16, 0, 16 * 121 * 200, 0, 16 * 121],
    ['conv 4 kernel 1 + 2 stride 3 - 1', '2x9x9', '4x4x4', 4 * 18 + 4, 0, 4 * 16 * 18, 0, 64],
    // dwconv: groups = C, output C·M channels
    ['dwconv 3x3 stride 2 pad 1 nobias', '32x112x112', '32x56x56', 32 * 9, 0, 32 * 56 * 56 * 9, 0, 32 * 56 * 56],
    ['dwconv 3x3 multiplier 2 pad 1', '8x4x4', '16x4x4', 16 * 9 + 16, 0, 16 * 16 * 9, 0, 256],
    // pools: Kh·Kw other ops per output; stride defaults to the kernel; ceil as PyTorch
    ['maxpool 2x2', '64x224x224', '64x112x112', 0, 0, 0, 64 * 112 * 112 * 4, 64 * 112 * 112],
    ['maxpool 3x3 stride 2 pad 1', '64x112x112', '64x56x56', 0, 0, 0, 64 * 56 * 56 * 9, 64 * 56 * 56],
    ['maxpool 3x3 stride 2 ceil', '96x109x109', '96x54x54', 0, 0, 0, 96 * 54 * 54 * 9, 96 * 54 * 54],
    ['maxpool 3x3 stride 2 ceil', '64x112x112', '64x56x56', 0, 0, 0, 64 * 56 * 56 * 9, 64 * 56 * 56],
    ['maxpool 2x2 stride 2 pad 1 ceil', '1x5x5', '1x3x3', 0, 0, 0, 9 * 4, 9],
    ['avgpool 5x5 stride 3', '768x17x17', '768x5x5', 0, 0, 0, 768 * 25 * 25, 768 * 25],
    ['globalavgpool', '512x7x7', '512x1x1', 0, 0, 0, 512 * 49, 512],
    ['globalmaxpool', '512x7x7', '512x1x1', 0, 0, 0, 512 * 49, 512],
    // adaptive pooling: the exact sum of PyTorch's windows (7 → 3: windows 0-3, 2-5, 4-7: 3 + 3 + 3)
    ['adaptiveavgpool 3x3', '2x7x7', '2x3x3', 0, 0, 0, 2 * 9 * 9, 18],
    ['adaptiveavgpool 6x6', '256x13x13', '256x6x6', 0, 0, 0, 256 * 18 * 18, 256 * 36],
    ['adaptiveavgpool 4x4', '1x2x2', '1x4x4', 0, 0, 0, 16, 16],
    // fc flattens first
    ['fc 10', '4x2x2', '10', 16 * 10 + 10, 0, 160, 0, 10],
    ['fc 10 nobias in 16', '4x2x2', '10', 160, 0, 160, 0, 10],
    // elementwise
    ['bn', '64x8x8', '64x8x8', 128, 128, 0, 64 * 64, 64 * 64],
    ['relu', '64x8x8', '64x8x8', 0, 0, 0, 4096, 0],
    ['hardswish', '64x8x8', '64x8x8', 0, 0, 0, 4096, 0],
    ['softmax', '10x1x1', '10x1x1', 0, 0, 0, 10, 0],
    ['lrn size 5', '96x55x55', '96x55x55', 0, 0, 0, 96 * 55 * 55, 96 * 55 * 55],
    ['dropout', '64x8x8', '64x8x8', 0, 0, 0, 0, 0],
    ['dropout 0', '64x8x8', '64x8x8', 0, 0, 0, 0, 0],
    ['flatten', '256x6x6', '9216', 0, 0, 0, 0, 0],
    ['shuffle 2', '116x28x28', '116x28x28', 0, 0, 0, 0, 116 * 28 * 28]
];

describe('layers: shape and cost', () => {
    it.each(LAYERS)('%s on %s gives %s', (layer, input, output, params, buffers, macs, otherOps, written) => {
        const analyzed = analyzeText(net(`    ${layer}`, input));
        expect(messages(analyzed)).toEqual([]);
        const [row] = analyzed.network().rows;
        expect({
            output: row.output.join('x'), params: row.params, buffers: row.buffers, macs: row.macs, otherOps: row.otherOps, written: row.memoryElements
        }).toEqual({
            output, params: BigInt(params), buffers: BigInt(buffers), macs: BigInt(macs), otherOps: BigInt(otherOps), written: BigInt(written)
        });
    });

    it('normalises a flat tensor with BatchNorm1d: 2N params, 2N buffers', () => {
        const row = analyzeText(net('    fc 100\n    bn', '4x2x2')).network().rows[1];
        expect([row.output, row.params, row.buffers]).toEqual([[100], 200n, 200n]);
    });

    it('keeps counts exact past 2^53 (bigint)', () => {
        const analyzed = analyzeText(net('    conv 100000 99x99 pad 49\n    conv 100000 99x99 pad 49', '100000x1000x1000'));
        const macs = analyzed.network().totals.macs;
        // 2 × 100000 · 10^6 · 100000 · 99² ... the second conv dominates; check exact arithmetic.
        expect(macs).toBe(100000n * 1000n * 1000n * 100000n * 9801n * 2n);
        expect(macs > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    });
});

describe('receptive field and jump', () => {
    it('follows AlexNet to the 195-pixel field of pool5', () => {
        const rows = analyzeText(net(`
    conv1: conv 64 11x11 stride 4 pad 2, relu
    pool1: maxpool 3x3 stride 2
    conv2: conv 192 5x5 pad 2, relu
    pool2: maxpool 3x3 stride 2
    conv3: conv 384 3x3 pad 1
    conv4: conv 256 3x3 pad 1
    conv5: conv 256 3x3 pad 1
    pool5: maxpool 3x3 stride 2
    flatten
    fc6: fc 4096`, '3x227x227')).network().rows.filter(r => r.op !== 'relu');
        expect(rows.map(r => `${r.name} ${r.field.rf[0]}/${r.field.jump[0]}`)).toEqual([
            'conv1 11/4', 'pool1 19/8', 'conv2 51/8', 'pool2 67/16', 'conv3 99/16', 'conv4 131/16', 'conv5 163/16', 'pool5 195/32',
            'flatten_1 355/192', 'fc6 355/192'
        ]);
    });

    it('gives VGG-16 a 196-pixel field at conv5_3 and 212 at pool5', () => {
        const vgg = analyzeText(readFileSync('examples/vgg16.cnn', 'utf8')).network();
        const field = (name: string) => vgg.rows.find(r => r.name === name)!.field;
        expect(field('conv5_3')).toEqual({ rf: [196, 196], jump: [16, 16] });
        expect(field('pool5')).toEqual({ rf: [212, 212], jump: [32, 32] });
    });

    it('takes the wider of the two paths at a residual add, and dilation widens the kernel', () => {
        const rows = analyzeText(net('    residual { conv 8 3x3 pad 2 dilation 2 } shortcut projection', '8x8x8')).network().rows;
        expect(rows.map(r => `${r.op} ${r.field.rf.join('x')}`)).toEqual(['conv 5x5', 'conv 1x1', 'bn 1x1', 'residual 5x5']);
    });
});
