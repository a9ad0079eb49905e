import { describe, expect, it } from 'vitest';
import { analyzeText, markedRanges } from '../helpers.js';

/**
 * Every diagnostic code with its exact message and range. «» marks the expected range; each case
 * expects exactly one diagnostic.
 */
const CASES: Array<[code: string, marked: string, message: string]> = [
    ['residual-mismatch', `network N {
    input 64x56x56
    «residual» { conv 256 1x1 }
}`, `residual: body gives 256×56×56, shortcut gives 64×56×56 (channels 256 ≠ 64); use 'shortcut projection'`],
    ['residual-mismatch', `network N {
    input 64x56x56
    «residual» { conv 64 3x3 } shortcut { conv 64 1x1 }
}`, `residual: body gives 64×54×54, shortcut gives 64×56×56 (size 54×54 ≠ 56×56)`],
    ['residual-mismatch', `network N {
    input 64x56x56
    down: «residual» { conv 64 5x5 pad 1 } shortcut projection
}`, `down: body gives 64×54×54 from 64×56×56, but no 1×1 projection with a whole stride maps the input's 56×56 to 54×54`],
    ['concat-mismatch', `network N {
    input 64x57x57
    «concat» { branch { maxpool 3x3 stride 2 } branch { conv 32 3x3 stride 2 pad 1 } }
}`, `concat: branch 2 is 29×29 but branch 1 is 28×28`],
    ['annotation-mismatch', `network N {
    input 3x224x224
    conv1: «conv 64 11x11 stride 4 pad 2 -> 64x56x56»
}`, `declared 64×56×56, but conv1 gives 64×55×55`],
    ['annotation-mismatch', `network N {
    input 3x8x8
    «flatten -> 192x1x1»
}`, `declared 192×1×1, but flatten gives 192`],
    ['in-mismatch', `network N {
    input 64x56x56
    «conv 128 3x3 pad 1 in 128»
}`, `conv expects 128 input channels, receives 64`],
    ['in-mismatch', `network N {
    input 256x4x4
    fc6: «fc 10 in 9216»
}`, `fc6 expects 9216 input features, receives 4096`],
    ['collapsed', `network N {
    input 256x2x2
    pool5: «maxpool 3x3 stride 2»
}`, `pool5: 2×2 input is smaller than the 3×3 window`],
    ['collapsed', `network N {
    input 3x4x4
    «conv 8 7x7 pad 1»
}`, `conv: 4×4 input (6×6 with padding) is smaller than the 7×7 kernel`],
    ['collapsed', `network N {
    input 3x8x8
    «conv 8 3x3 dilation 4»
}`, `conv: 8×8 input is smaller than the 9×9 kernel (3×3 dilated by 2)`.replace('dilated by 2', 'dilated by 4')],
    ['collapsed', `network N {
    input 3x8x8
    conv «8 - 8» 3x3
}`, `conv: 0 output channels: must be at least 1`],
    ['inexact', `network N {
    input 64x56x56
    pool1: «maxpool 3x3 stride 2»
}`, `pool1: (56 − 3) / 2 is not whole: the last input row and column are never seen`],
    ['inexact', `network N {
    input 3x228x227
    «conv 8 5x5 stride 4»
}`, `conv: (228 − 5) / 4 is not whole: the last 3 input rows and the last 2 input columns are never seen`],
    ['groups', `network N {
    input 30x8x8
    «conv 64 3x3 groups 4»
}`, `conv: 30 input channels are not divisible by groups 4`],
    ['groups', `network N {
    input 30x8x8
    «shuffle 4»
}`, `shuffle: 30 channels cannot be divided into 4 groups`],
    ['groups', `network N {
    input 30x8x8
    «split» { branch {} branch {} branch {} branch {} }
}`, `split: 30 channels cannot be divided among 4 branches`],
    ['not-spatial', `network N {
    input 3x8x8
    fc 10
    «maxpool 2x2»
}`, `maxpool needs a C×H×W input, but receives the flat 10`],
    ['unknown-block', `block Bottleneck(planes) { conv planes 1x1 }
network N {
    input 3x8x8
    «Bottlenek»(64)
}`, `unknown block 'Bottlenek'; did you mean 'Bottleneck'?`],
    ['arg-count', `block B(a, b) { conv a 1x1 }
network N {
    input 3x8x8
    B(1, 2, «3»)
}`, `B takes 2 arguments, got 3`],
    ['arg-count', `block B(a, b) { conv a 1x1 }
network N {
    input 3x8x8
    «B(1)»
}`, `B: missing argument 'b'`],
    ['arg-count', `block B(a, b = 1) { conv a 1x1 }
network N {
    input 3x8x8
    B(1, «a = 2»)
}`, `B: argument 'a' is given twice`],
    ['unknown-param', `block B(a, b = 1) { conv a 1x1 }
network N {
    input 3x8x8
    B(1, «c = 2»)
}`, `B has no parameter 'c'`],
    ['unknown-param', `block B(a) { conv «x» 1x1 }`, `unknown name 'x': expressions may use the block's parameters and C, H, W`],
    ['not-integer', `network N {
    input 3x8x8
    conv «C / 2» 1x1
}`, `3 / 2 is not a whole number`],
    ['division-by-zero', `network N {
    input 3x8x8
    conv «8 / (C - 3)» 1x1
}`, `8 / 0: division by zero`],
    ['budget-exceeded', `network N {
    input 3x224x224
    budget «macs <= 0.1G», params <= 1M
    conv 64 7x7 stride 2 pad 3
}`, `macs 118M exceeds the budget 0.1G by 18.0%`],
    ['budget-exceeded', `network N {
    input 3x224x224
    budget «memory <= 3MiB»
    conv 64 7x7 stride 2 pad 3
}`, `memory 3.06MiB exceeds the budget 3MiB by 2.1%`],
    ['too-large', `network N {
    input 3x8x8
    repeat «2000000» { relu }
}`, `count 2000000 is above the limit of 1,000,000`],
    ['too-large', `network N {
    input 3x8x8
    repeat 1000 { repeat 1001 { «relu» } }
}`, `the network expands to more than 1,000,000 layers`],
    ['invalid-value', `network N {
    input 3x8x8
    conv 8 3x3 stride «0»
}`, `stride must be at least 1, got 0`],
    ['invalid-value', `network N {
    input 3x8x8
    dropout «1.5»
}`, `dropout rate must lie in [0, 1], got 1.5`],
    ['scale-mismatch', `network N {
    input 32x8x8
    «scale» { globalavgpool conv 16 1x1 }
}`, `scale: body gives 16×1×1, but scaling 32×8×8 needs 32×1×1 or 32×8×8`],
    ['duplicate-name', `block A() { relu }
block «A»() { relu }`, `duplicate block 'A'`],
    ['syntax-error', `network N {
    input 3x9x9
    conv 8 3x3 «stride 2» stride 1
}`.replace('«stride 2» stride 1', 'stride 2 «stride 1»'), `option 'stride' is given twice`],
    ['syntax-error', `network N {
    input «224x224»
}`, `input needs three dimensions C×H×W, got 224x224`],
    ['unresolved-import', `import «"missing.cnn"»`, `cannot find 'missing.cnn'`]
];

describe('diagnostics: code, message and range', () => {
    it.each(CASES)('%s: %s', (code, marked, message) => {
        const { text, ranges } = markedRanges(marked);
        const analyzed = analyzeText(text);
        expect(analyzed.all.map(d => ({ code: d.code, message: d.message, range: d.range }))).toEqual([{ code, message, range: ranges[0] }]);
    });
});

describe('deep nesting', () => {
    it('reports brackets nested beyond 100 levels, blanks their contents, and still reads the rest', () => {
        const depth = 150;
        const text = `network N {\n    input 3x8x8\n    conv 8 1x1\n${'stage s {'.repeat(depth)} relu ${'}'.repeat(depth)}\n    conv 4 1x1\n}\n`;
        const analyzed = analyzeText(text);
        expect(analyzed.all.map(d => [d.code, d.message, d.range.start])).toEqual([
            ['too-large', 'brackets nest deeper than 100 levels here; their contents are not read', { line: 3, character: 99 * 9 + 8 }]
        ]);
        expect(analyzed.network().rows.map(r => r.op)).toEqual(['conv', 'conv']);
    });

    it('stops at expressions with more than 500 operators', () => {
        const analyzed = analyzeText(`network N {\n    input 3x8x8\n    conv ${Array(2000).fill('1').join(' + ')} 1x1\n}\n`);
        expect(analyzed.all[0].code).toBe('too-large');
        expect(analyzed.all[0].message).toBe('an expression with more than 500 operators; the rest of it is not read');
        const fine = analyzeText(`block B() {\n${'    conv C * 1 1x1\n'.repeat(700)}}\n`);
        expect(fine.all).toEqual([]);
    });

    it('checks a chain of 20,000 blocks for recursion and expands it without overflowing', () => {
        const blocks = Array.from({ length: 20_000 }, (_, i) => `block B${i}() { B${i + 1}() }`).join('\n');
        const analyzed = analyzeText(`${blocks}\nblock B20000() { relu }\nnetwork N {\n    input 3x8x8\n    B0()\n}\n`);
        // The JavaScript stack gives out (near 2,000 calls deep) before the 10,000-level bound.
        expect(analyzed.all.map(d => d.code)).toEqual(['too-large']);
        expect(analyzed.all[0].message).toMatch(/^N: blocks and statements nest too deeply to expand$|^nesting deeper than 10,000 levels$/);
    });

    it('guards deep expressions the same way', () => {
        const analyzed = analyzeText(`network N {\n    input 3x8x8\n    conv ${'('.repeat(300)}1${')'.repeat(300)} 1x1\n}\n`);
        expect(analyzed.all.map(d => d.code)).toEqual(['too-large', 'syntax-error']);
    });
});
