import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { elementsOf } from '../../language/analysis/shape.js';
import { summaryLines } from '../../cli/formats/table-model.js';
import { lineReader, toJsonReport } from '../../language/analysis/to-json.js';
import type { NetworkAnalysis } from '../../language/analysis/types.js';
import { analyzePath, analyzeText } from '../helpers.js';

// Peak activation memory (LANGUAGE.md §8.9), every case checked by hand in the comments:
// elements alive while each row runs (its inputs still needed later, its own output).

const live = (net: NetworkAnalysis) => net.rows.map((row, i) => `${row.name} ${net.liveElements[i]}`);
const network = (body: string, input: string) => analyzeText(`network N {\n    input ${input}\n${body}\n}`);

describe('peak memory by hand', () => {
    it('a chain: the input is freed after conv_1, relu extends conv_1 in place', () => {
        const net = network('    conv 8 3x3 pad 1\n    relu\n    conv 4 1x1', '3x8x8').network();
        // 192 + 512; 512 (relu in place); 512 + 256
        expect(live(net)).toEqual(['conv_1 704', 'relu_1 512', 'conv_2 768']);
        expect(net.peakMemoryElements).toBe(768n);
    });

    it('a residual with the identity shortcut: the input lives until the add', () => {
        const net = network('    residual { conv 8 3x3 pad 1, relu, conv 8 3x3 pad 1 }', '8x4x4').network();
        // input 128 throughout; conv_1 128 until conv_2 reads it; add 128
        expect(live(net)).toEqual(['conv_1 256', 'relu_1 256', 'conv_2 384', 'residual_1 384']);
    });

    it('a residual with a projection: its rows run after the body, before the add', () => {
        const net = network('    residual { conv 16 3x3 stride 2 pad 1 } shortcut projection', '8x8x8').network();
        // 512 + 256; 512 + 256 + 256 (the projection reads the input for the last time); 256 × 3; 256 × 3
        expect(live(net)).toEqual(['conv_1 768', 'conv_2 1024', 'bn_1 768', 'residual_1 768']);
        expect(net.peakMemoryElements).toBe(1024n);
    });

    it('a residual whose body starts in place reads and extends the input', () => {
        const net = network('    residual { relu, conv 8 3x3 pad 1 }', '8x4x4').network();
        expect(live(net)).toEqual(['relu_1 128', 'conv_1 256', 'residual_1 384']);
    });

    it('a concat: every branch output and the input (an empty branch) until the concat', () => {
        const net = network('    concat { branch { conv 2 1x1 } branch { conv 3 1x1 } branch {} }', '4x4x4').network();
        // 64 + 32; 64 + 32 + 48; 64 + 32 + 48 + 144
        expect(live(net)).toEqual(['conv_1 96', 'conv_2 144', 'concat_1 288']);
    });

    it('a split: the input is read by each branch (its slice) and, for an empty branch, by the split', () => {
        const net = network('    split { branch { conv 4 1x1 } branch {} }', '8x4x4').network();
        expect(live(net)).toEqual(['conv_1 192', 'split_1 320']);
    });

    it('a scale: the input is read by its body and by the multiply', () => {
        const net = network('    scale { globalavgpool, conv 8 1x1, sigmoid }', '8x4x4').network();
        // 128 + 8; 128 + 8 + 8; 128 + 8 (sigmoid in place); 128 + 8 + 128
        expect(live(net)).toEqual(['globalavgpool_1 136', 'conv_1 144', 'sigmoid_1 136', 'scale_1 264']);
    });

    it('a tap: its tensors are freed after their last reader, the main path continues', () => {
        const net = network('    conv 4 1x1\n    tap aux { globalavgpool, flatten, fc 10 }\n    conv 2 1x1', '4x4x4').network();
        // 64 + 64; 64 + 4; 64 + 4 (flatten is a view); 64 + 4 + 10; 64 + 32
        expect(live(net)).toEqual(['conv_1 128', 'globalavgpool_1 68', 'flatten_1 68', 'fc_1 78', 'conv_2 96']);
        expect(net.peakMemoryElements).toBe(128n);
    });

    it('a network without rows peaks at its input; a stopped network at the rows that exist', () => {
        expect(network('    identity', '3x8x8').network().peakMemoryElements).toBe(192n);
        const stopped = network('    conv 8 3x3 pad 1\n    conv 8 9x9', '3x8x8').network();
        expect(stopped.output).toBeNull();
        expect(live(stopped)).toEqual(['conv_1 704']);
    });

    it("the lecture's AlexNet: conv1 reads 154,587 and writes 200,704 elements: 1,421,164 bytes, the peak", () => {
        const alexnet = analyzePath('examples/alexnet.cnn').network('AlexNet');
        expect(alexnet.liveElements[0] * 4n).toBe(1_421_164n);
        expect(alexnet.peakMemoryElements * 4n).toBe(1_421_164n);
    });
});

describe('peak memory in budgets and JSON', () => {
    it('checks budget peak <= like memory', () => {
        const analyzed = network('    budget peak <= 3KB, memory <= 1MiB\n    conv 8 3x3 pad 1\n    relu\n    conv 4 1x1', '3x8x8');
        expect(analyzed.all.map(d => `${d.code}: ${d.message}`)).toEqual(['budget-exceeded: peak 3.07KB exceeds the budget 3KB by 2.4%']);
    });

    it("prints the peak under cnn analyze's table, next to the sum", () => {
        const alexnet = analyzePath('examples/alexnet.cnn').network('AlexNet');
        const lines = summaryLines(alexnet, { bytesPerElement: 4, batch: 1 });
        expect(lines.slice(2, 4)).toEqual(['activation memory 2,358,432 bytes (2.25 MiB)', 'peak activation memory 1,421,164 bytes (1.36 MiB)']);
    });

    it('reports a zero limit without a percentage', () => {
        const analyzed = network('    budget peak <= 0B\n    conv 8 1x1', '3x8x8');
        expect(analyzed.all.map(d => `${d.code}: ${d.message}`)).toEqual(['budget-exceeded: peak 2.82KB exceeds the budget 0B']);
    });

    it('gives totals.peakMemoryBytes and each layer liveBytes, scaled by batch and element size', () => {
        const text = 'network N {\n    input 3x8x8\n    conv 8 3x3 pad 1\n    relu\n    conv 4 1x1\n}';
        const analyzed = analyzeText(text, {}, { bytesPerElement: 2, batch: 3 });
        const json = toJsonReport('main.cnn', analyzed, analyzed.all, { bytesPerElement: 2, batch: 3 }, lineReader(() => text));
        expect(json.networks[0].totals.peakMemoryBytes).toBe(768 * 6);
        expect(json.networks[0].layers.map(l => l.liveBytes)).toEqual([704 * 6, 512 * 6, 768 * 6]);
    });
});

describe('peak memory of every example network', () => {
    it('is reported: the largest live set of its rows, at most the input plus the sum of all tensors', () => {
        for (const file of readdirSync('examples').filter(f => f.endsWith('.cnn'))) {
            for (const net of analyzePath(`examples/${file}`).networks) {
                expect(net.liveElements, `${file} ${net.name}`).toHaveLength(net.rows.length);
                expect(net.peakMemoryElements, `${file} ${net.name}`).toBe(net.liveElements.reduce((a, b) => (b > a ? b : a), 0n));
                expect(net.peakMemoryElements <= elementsOf(net.input) + net.totals.memoryElements, `${file} ${net.name}`).toBe(true);
                expect(net.peakMemoryElements > 0n, `${file} ${net.name}`).toBe(true);
            }
        }
    });
});
