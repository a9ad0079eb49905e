import { describe, expect, it } from 'vitest';
import { formatKiB } from '../../language/analysis/format.js';
import { memoryBytes, DEFAULT_SETTINGS } from '../../language/analysis/settings.js';
import { analyzePath } from '../helpers.js';

// The lecture's AlexNet table (../shared/reference/REFERENCE-NUMBERS.md): input 3×227×227,
// memory = output elements × 4 bytes in KiB, "flop" = multiply-adds; pooling rows have no MACs
// (their last column, output × K², is our "other ops").
const LECTURE_TABLE: Array<[name: string, output: number[], memoryKiB: number, params: number, macs: number, otherOps: number]> = [
    ['conv1', [64, 56, 56], 784.00, 23_296, 72_855_552, 0],
    ['pool1', [64, 27, 27], 182.25, 0, 0, 419_904],
    ['conv2', [192, 27, 27], 546.75, 307_392, 223_948_800, 0],
    ['pool2', [192, 13, 13], 126.75, 0, 0, 292_032],
    ['conv3', [384, 13, 13], 253.50, 663_936, 112_140_288, 0],
    ['conv4', [256, 13, 13], 169.00, 884_992, 149_520_384, 0],
    ['conv5', [256, 13, 13], 169.00, 590_080, 99_680_256, 0],
    ['pool5', [256, 6, 6], 36.00, 0, 0, 82_944],
    ['fc6', [4096], 16.00, 37_752_832, 37_748_736, 0],
    ['fc7', [4096], 16.00, 16_781_312, 16_777_216, 0],
    ['fc8', [1000], 3.90625, 4_097_000, 4_096_000, 0]
];

describe('examples/alexnet.cnn reproduces the lecture table', () => {
    const alexnet = analyzePath('examples/alexnet.cnn').network('AlexNet');
    const row = (name: string) => alexnet.rows.find(r => r.name === name)!;

    it.each(LECTURE_TABLE)('%s', (name, output, memoryKiB, params, macs, otherOps) => {
        const r = row(name);
        expect([...r.output]).toEqual(output);
        expect(Number(memoryBytes(r.memoryElements, DEFAULT_SETTINGS)) / 1024).toBe(memoryKiB);
        expect(r.params).toBe(BigInt(params));
        expect(r.macs).toBe(BigInt(macs));
        expect(r.otherOps).toBe(BigInt(otherOps));
    });

    it('flattens 256×6×6 into 9,216 features, as a view (no memory)', () => {
        const flatten = alexnet.rows.find(r => r.op === 'flatten')!;
        expect([...flatten.output]).toEqual([9216]);
        expect(flatten.memoryElements).toBe(0n);
    });

    it('totals: 61,100,840 params, 716,767,232 MACs, 2,303.2 KiB', () => {
        expect(alexnet.totals.params).toBe(61_100_840n);
        expect(alexnet.totals.macs).toBe(716_767_232n);
        expect(alexnet.totals.macs + alexnet.totals.otherOps - reluOps(alexnet.rows)).toBe(717_562_112n); // "flop incl. pool"
        expect(formatKiB(memoryBytes(alexnet.totals.memoryElements, DEFAULT_SETTINGS))).toBe('2,303.2');
        expect([...alexnet.output!]).toEqual([1000]);
    });
});

function reluOps(rows: ReadonlyArray<{ op: string; otherOps: bigint }>): bigint {
    return rows.filter(r => r.op === 'relu').reduce((sum, r) => sum + r.otherOps, 0n);
}
