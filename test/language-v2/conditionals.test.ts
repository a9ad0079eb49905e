import { describe, expect, it } from 'vitest';
import { analyzeText, markedRanges } from '../helpers.js';

// LANGUAGE.md §8.2 (if/else) and §8.3 (operator-valued parameters).

describe('if / else (§8.2)', () => {
    it('runs only the chosen branch of each expansion; else if chains; and, or, not, comparisons', () => {
        const analyzed = analyzeText(`block B(e, act = relu) {
    if e == 1 { conv 8 1x1 } else if e > 3 and not (act == relu) { conv 16 1x1 } else if e >= 5 or e % 2 == 0 { conv 4 1x1 } else { conv 2 1x1 }
    if e != 1 and C < 100 { bn }
}
network N {
    input 3x8x8
    B(1)
    B(6, act = hardswish)
    B(6)
    B(3)
}`);
        expect(analyzed.all).toEqual([]);
        expect(analyzed.network().rows.map(r => `${r.path}/${r.name} ${r.output[0]}`)).toEqual([
            // §8.10: four calls of B in one body are B#1 … B#4.
            'B#1/conv_1 8', 'B#2/conv_2 16', 'B#2/bn_1 16', 'B#3/conv_3 4', 'B#3/bn_2 4', 'B#4/conv_4 2', 'B#4/bn_3 2'
        ]);
    });

    it('short-circuits: the right side of and/or is not evaluated', () => {
        const analyzed = analyzeText(`network N {\n    input 3x8x8\n    if C == 4 and 1 / 0 == 1 { relu }\n    if C == 3 or foo(1) == 1 { relu }\n}`);
        expect(analyzed.all).toEqual([]);
        expect(analyzed.network().rows.map(r => r.name)).toEqual(['relu_1']);
    });

    it('binds not looser than comparisons and tighter than and/or; unary minus tightest', () => {
        const analyzed = analyzeText(`network N {
    input 3x8x8
    if not C == 4 { relu }
    if not C == 3 or C == 3 and not C > 5 { sigmoid }
    if -C * 2 == -6 and -7 % 3 == 2 and 7 % -3 == -2 { tanh }
}`);
        expect(analyzed.all).toEqual([]);
        expect(analyzed.network().rows.map(r => r.name)).toEqual(['relu_1', 'sigmoid_1', 'tanh_1']);
    });

    it('lets if be a label and a parameter name', () => {
        const analyzed = analyzeText(`block B(if = 2) { if: conv if 1x1 }\nnetwork N {\n    input 3x8x8\n    B()\n}`);
        expect(analyzed.all).toEqual([]);
        expect(analyzed.network().rows.map(r => `${r.name} ${r.output[0]}`)).toEqual(['if 2']);
    });

    it.each([
        [`network N {\n    input 3x8x8\n    if «C» { relu }\n}`, 'invalid-value: a condition must be a comparison, got 3'],
        [`network N {\n    input 3x8x8\n    if «C == relu» { relu }\n}`, 'invalid-value: cannot compare 3 with relu: compare two numbers or two operators'],
        [`network N {\n    input 3x8x8\n    if «relu» < 2 { relu }\n}`, 'invalid-value: relu is an operator, not a number'],
        [`network N {\n    input 3x8x8\n    if «1 < C < 5» { relu }\n}`, `syntax-error: comparisons do not chain: write '<' and '<' as two comparisons joined by 'and'`]
    ])('reports a wrong condition on it: %s', (marked, message) => {
        const { text, ranges } = markedRanges(marked);
        const analyzed = analyzeText(text);
        expect(analyzed.all.map(d => [`${d.code}: ${d.message}`, d.range])).toEqual([[message, ranges[0]]]);
    });

    it('checks the text of an untaken branch but expands nothing there', () => {
        const { text, ranges } = markedRanges(`network N {\n    input 3x8x8\n    if C == 1 { conv «k» 3x3 conv 8 3x3 stride 9 } else { relu }\n}`);
        const analyzed = analyzeText(text);
        expect(analyzed.all.map(d => [d.code, d.range])).toEqual([['unknown-param', ranges[0]]]);
        expect(analyzed.network().rows.map(r => r.name)).toEqual(['relu_1']);
    });
});

describe('operator-valued parameters (§8.3)', () => {
    it('runs the operator a parameter holds, named after it, with a label and an annotation', () => {
        const analyzed = analyzeText(`block Bneck(out, act = relu, norm = bn) {
    conv out 1x1 nobias, norm, act
    last: act -> 8x8x8
}
network N {
    input 3x8x8
    Bneck(8)
    Bneck(8, act = hardswish, norm = identity)
    Bneck(8, norm = layernorm, act = gelu)
}`);
        expect(analyzed.all).toEqual([]);
        expect(analyzed.network().rows.map(r => `${r.name} ${r.op} ${r.params}`)).toEqual([
            'conv_1 conv 24', 'bn_1 bn 16', 'relu_1 relu 0', 'last relu 0',
            'conv_2 conv 64', 'hardswish_1 hardswish 0', 'last hardswish 0',
            'conv_3 conv 64', 'layernorm_1 layernorm 16', 'gelu_1 gelu 0', 'last gelu 0'
        ]);
    });

    it.each([
        [`block B(act = 3) { conv 8 1x1, «act» }\nnetwork N {\n    input 3x8x8\n    B()\n}`, 'invalid-value: act is 3, not an operator'],
        [`block B(act = relu) { conv «act» 1x1 }\nnetwork N {\n    input 3x8x8\n    B()\n}`, 'invalid-value: act is relu, an operator, not a number'],
        [`block B(act = relu) { conv 8 1x1, «actt» }`, `syntax-error: unknown operator 'actt'; did you mean 'act'?`],
        [`network N {\n    input 3x8x8\n    «relux»\n}`, `syntax-error: unknown operator 'relux'; did you mean 'relu'?`],
        [`network N {\n    input 3x8x8\n    conv 8 3x3 «strde»\n}`, `syntax-error: unknown option 'strde' of conv; did you mean 'stride'?`]
    ])('reports a wrong operator value: %s', (marked, message) => {
        const { text, ranges } = markedRanges(marked);
        const analyzed = analyzeText(text);
        expect(analyzed.all.map(d => [`${d.code}: ${d.message}`, d.range])).toEqual([[message, ranges[0]]]);
    });
});
