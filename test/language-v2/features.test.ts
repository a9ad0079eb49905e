import { describe, expect, it } from 'vitest';
import type { NetworkAnalysis } from '../../language/analysis/types.js';
import { analyzeText, markedRanges } from '../helpers.js';

// LANGUAGE.md §8.1–8.8 through the whole analysis: exact values, rows and diagnostics.

const rows = (net: NetworkAnalysis) => net.rows.map(r => `${r.path ? `${r.path}/` : ''}${r.name} ${r.output.join('x')} ${r.params}`);

describe('expressions (§8.1)', () => {
    it('computes widths exactly: make_divisible, floor, %, round, min, max, abs, decimals', () => {
        const analyzed = analyzeText(`block B(w = 1.2) {
    conv make_divisible(16 * w, 8) 1x1
    conv floor(-7 / 2) + 10 1x1
    conv -7 % 3 + 10 1x1
    conv round(2.5) + round(3.5) + round(-2.5) 1x1
    conv min(4, 2.5 * 2, 9) + max(1, abs(-3)) 1x1
    conv ceil(10 / 3) * 2 1x1
}
network N {
    input 3x8x8
    B()
    B(w = 1.0)
}`);
        expect(analyzed.all).toEqual([]);
        expect(analyzed.network().rows.map(r => r.output[0])).toEqual([24, 6, 12, 4, 7, 8, 16, 6, 12, 4, 7, 8]);
    });

    it('names the exact value that is not whole, and keeps the v1 message for a quotient of whole numbers', () => {
        const cases: Array<[string, string]> = [
            [`network N {\n    input 3x8x8\n    conv «16 * 1.2» 1x1\n}`, 'not-integer: channels 19.2 are not whole'],
            [`network N {\n    input 3x8x8\n    conv 8 kernel «10 / 4»\n}`, 'not-integer: 10 / 4 is not a whole number'],
            [`network N {\n    input 3x8x8\n    repeat «1 + C / 9» { relu }\n}`, 'not-integer: count 4/3 is not whole'],
            [`network N {\n    input 3x8x8\n    conv 8 3x3 stride «0.5 * 3»\n}`, 'not-integer: stride 1.5 is not whole'],
            [`network N {\n    input 3x8x8\n    conv «8 % (C - 3)» 1x1\n}`, 'division-by-zero: 8 % 0: division by zero'],
            [`network N {\n    input 3x8x8\n    conv 4 + «(2.5 / 0)» 1x1\n}`, 'division-by-zero: 2.5 / 0: division by zero'],
            [`network N {\n    input 3x8x8\n    conv «foo(2)» 1x1\n}`, `unknown-param: unknown function 'foo'`],
            [`network N {\n    input 3x8x8\n    conv «max(2)» 1x1\n}`, 'arg-count: max takes at least 2 arguments, got 1'],
            [`network N {\n    input 3x8x8\n    conv «floor(2, 3)» 1x1\n}`, 'arg-count: floor takes 1 argument, got 2'],
            [`network N {\n    input 3x8x8\n    conv «make_divisible(2)» 1x1\n}`, 'arg-count: make_divisible takes 2 or 3 arguments, got 1'],
            [`network N {\n    input 3x8x8\n    conv make_divisible(20, «2.5») 1x1\n}`, 'invalid-value: make_divisible: the divisor must be a positive whole number, got 2.5'],
            [`network N {\n    input 3x8x8\n    conv make_divisible(20, 8, «0») 1x1\n}`, 'invalid-value: make_divisible: the minimum must be a positive whole number, got 0'],
            [`network N {\n    input 3x8x8\n    conv «relu» 1x1\n}`, 'invalid-value: relu is an operator, not a number'],
            [`network N {\n    input 3x8x8\n    conv 4 * «(2 < 3)» 1x1\n}`, 'invalid-value: a condition is not a number']
        ];
        for (const [marked, message] of cases) {
            const { text, ranges } = markedRanges(marked);
            const analyzed = analyzeText(text);
            expect(analyzed.all.map(d => `${d.code}: ${d.message}`), text).toEqual([message]);
            expect(analyzed.all[0].range, text).toEqual(ranges[0]);
            expect(analyzed.network().output).toBeNull();
        }
    });

    it('lets parameters shadow operator names inside expressions', () => {
        const analyzed = analyzeText(`block B(relu = 3) { conv relu * 2 1x1 }\nnetwork N {\n    input 3x8x8\n    B()\n}`);
        expect(analyzed.all).toEqual([]);
        expect(analyzed.network().output).toEqual([6, 8, 8]);
    });
});

describe('labels named like anything (§8.8)', () => {
    it('takes operator names and keywords as labels, as torchvision names its modules', () => {
        const analyzed = analyzeText(`network N {
    input 3x8x8
    stage: conv 8 3x3 pad 1
    avgpool: globalavgpool
    flatten: flatten
    fc: fc 10
    if: relu
}`);
        expect(analyzed.all).toEqual([]);
        expect(analyzed.network().rows.map(r => `${r.name}:${r.op}`)).toEqual(['stage:conv', 'avgpool:globalavgpool', 'flatten:flatten', 'fc:fc', 'if:relu']);
        expect(analyzed.network().totals.params).toBe(224n + 90n);
    });
});

describe('pair windows (§8.4)', () => {
    it('takes (Eh, Ew) and DIMS for kernel, stride, dilation and pad', () => {
        const analyzed = analyzeText(`block F(c, k) { conv c kernel (1, k) pad (0, floor(k / 2)), conv c kernel (k, 1) pad (floor(k / 2), 0) }
network N {
    input 8x17x17
    F(4, 7)
    conv 4 3x3 stride 2x1 pad 1
    conv 4 kernel 3 dilation (2, 1) pad (2, 1)
    maxpool kernel (3, 1) stride (3, 1)
}`);
        expect(analyzed.all).toEqual([]);
        expect(rows(analyzed.network())).toEqual([
            'F/conv_1 4x17x17 228', 'F/conv_2 4x17x17 116', 'conv_3 4x9x17 148', 'conv_4 4x9x17 148', 'maxpool_1 4x3x17 0'
        ]);
    });

    it('reports a pair value below the minimum on that value', () => {
        const { text, ranges } = markedRanges(`network N {\n    input 3x8x8\n    conv 8 kernel (1, «0»)\n}`);
        const analyzed = analyzeText(text);
        expect(analyzed.all.map(d => [d.code, d.message, d.range])).toEqual([['invalid-value', 'kernel must be at least 1, got 0', ranges[0]]]);
    });
});

describe('new operators (§8.6)', () => {
    it('costs layernorm, gelu, layerscale, stochasticdepth and identity as the table says', () => {
        const analyzed = analyzeText(`network N {
    input 96x56x56
    layernorm
    gelu
    layerscale
    stochasticdepth 0.2 * 3 / 17
    identity -> 96x56x56
    dropout (0.25)
    flatten
    fc 10
    layernorm
    layerscale
}`);
        expect(analyzed.all).toEqual([]);
        const net = analyzed.network();
        expect(net.rows.map(r => [r.name, r.params, r.buffers, r.otherOps, r.memoryElements])).toEqual([
            ['layernorm_1', 192n, 0n, 301_056n, 301_056n],
            ['gelu_1', 0n, 0n, 301_056n, 0n],
            ['layerscale_1', 96n, 0n, 301_056n, 301_056n],
            ['stochasticdepth_1', 0n, 0n, 0n, 0n],
            ['dropout_1', 0n, 0n, 0n, 0n],
            ['flatten_1', 0n, 0n, 0n, 0n],
            ['fc_1', 3_010_570n, 0n, 0n, 10n],
            ['layernorm_2', 20n, 0n, 10n, 10n],
            ['layerscale_2', 10n, 0n, 10n, 10n]
        ]);
    });

    it('checks the probability of stochasticdepth and dropout (P)', () => {
        for (const [marked, message] of [
            [`network N {\n    input 3x8x8\n    stochasticdepth «1.5»\n}`, 'invalid-value: stochasticdepth rate must lie in [0, 1], got 1.5'],
            [`network N {\n    input 3x8x8\n    dropout («-1 / 4»)\n}`, 'invalid-value: dropout rate must lie in [0, 1], got -0.25']
        ]) {
            const { text, ranges } = markedRanges(marked);
            const analyzed = analyzeText(text);
            expect(analyzed.all.map(d => [`${d.code}: ${d.message}`, d.range])).toEqual([[message, ranges[0]]]);
        }
    });

    it('checks an annotation on identity against its input', () => {
        const { text, ranges } = markedRanges(`network N {\n    input 3x8x8\n    «identity -> 3x4x4»\n}`);
        expect(analyzeText(text).all.map(d => [d.message, d.range])).toEqual([['declared 3×4×4, but identity gives 3×8×8', ranges[0]]]);
    });
});

describe('shortcut optional, * N on composites, stage annotations (§8.5, §8.7)', () => {
    it('adds the input only when the body keeps its shape; repeats composites with numbered paths', () => {
        const analyzed = analyzeText(`network N {
    input 8x8x8
    residual { conv 8 3x3 pad 1 } shortcut optional * 2
    residual { conv 16 3x3 stride 2 pad 1 } shortcut optional
    scale { globalavgpool, conv 16 1x1, sigmoid } * 2
    concat { branch { conv 4 1x1 } branch {} } * 2
    stage s { relu } -> 24x4x4
}`);
        expect(analyzed.all).toEqual([]);
        expect(rows(analyzed.network())).toEqual([
            'residual#1/conv_1 8x8x8 584', 'residual#1/residual_1 8x8x8 0',
            'residual#2/conv_2 8x8x8 584', 'residual#2/residual_2 8x8x8 0',
            'residual#3/conv_3 16x4x4 1168',
            'scale#1/globalavgpool_1 16x1x1 0', 'scale#1/conv_4 16x1x1 272', 'scale#1/sigmoid_1 16x1x1 0', 'scale#1/scale_1 16x4x4 0',
            'scale#2/globalavgpool_2 16x1x1 0', 'scale#2/conv_5 16x1x1 272', 'scale#2/sigmoid_2 16x1x1 0', 'scale#2/scale_2 16x4x4 0',
            'concat#1/branch1/conv_6 4x4x4 68', 'concat#1/concat_1 20x4x4 0',
            'concat#2/branch1/conv_7 4x4x4 84', 'concat#2/concat_2 24x4x4 0',
            's/relu_1 24x4x4 0'
        ]);
    });

    it('reports a stage annotation that disagrees, on the stage', () => {
        const { text, ranges } = markedRanges(`network N {\n    input 3x8x8\n    «stage» s { conv 8 3x3 } -> 8x8x8\n}`);
        expect(analyzeText(text).all.map(d => [d.code, d.message, d.range])).toEqual([
            ['annotation-mismatch', 'declared 8×8×8, but stage s gives 8×6×6', ranges[0]]
        ]);
    });
});

describe('residual numbers (§8.5)', () => {
    it('a residual takes its number when it starts, with or without an add row', () => {
        const analyzed = analyzeText(`network N {
    input 8x8x8
    residual { residual { relu } }
    residual { conv 16 1x1 } shortcut optional
    residual { conv 16 1x1 }
}`);
        expect(analyzed.all).toEqual([]);
        expect(analyzed.network().rows.filter(r => r.op === 'residual').map(r => `${r.path}/${r.name}`)).toEqual([
            // §8.10: the three residual statements of the body are residual#1 … residual#3.
            'residual#1/residual/residual_2', 'residual#1/residual_1', 'residual#3/residual_4'
        ]);
    });
});
