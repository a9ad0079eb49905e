import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../../language/analysis/analyze.js';
import { analyzeText, markedRanges, messages, net } from '../helpers.js';

describe('block calls', () => {
    it('binds positional, named and default arguments; defaults may use C and earlier parameters', () => {
        const analyzed = analyzeText(`
block Expand(t, out = C * t, k = 1) { conv out kernel k pad (k - 1) / 2 }
${net('    Expand(6)\n    Expand(2, k = 3)\n    Expand(1, 10)', '16x8x8')}`);
        expect(messages(analyzed)).toEqual([]);
        expect(analyzed.network().rows.map(r => r.output.join('x'))).toEqual(['96x8x8', '192x8x8', '10x8x8']);
    });

    it('evaluates C, H, W per repetition of X(...) * N, and in the network body as the network input', () => {
        const analyzed = analyzeText(`
block Double() { conv C * 2 1x1 }
${net('    Double() * 3\n    fc C * H', '4x5x5')}`);
        const rows = analyzed.network().rows;
        expect(rows.map(r => r.output.join('x'))).toEqual(['8x5x5', '16x5x5', '32x5x5', '20']);
        expect(rows.map(r => r.path)).toEqual(['Double#1', 'Double#2', 'Double#3', '']);
    });

    it('lets a parameter named C shadow the input channels, and keywords serve as parameter names', () => {
        const analyzed = analyzeText(`
block B(C, stride = 1, kernel = 3) { conv C kernel kernel stride stride pad 1 }
${net('    B(7, stride = 2)', '4x8x8')}`);
        expect(messages(analyzed)).toEqual([]);
        expect(analyzed.network().rows[0].output).toEqual([7, 4, 4]);
    });

    it('treats X * 0 and repeat 0 as the identity', () => {
        const analyzed = analyzeText(`block B() { conv 5 1x1 }\n${net('    B() * 0\n    repeat 0 { relu }\n    relu', '4x8x8')}`);
        expect(analyzed.network().rows.map(r => r.op)).toEqual(['relu']);
        expect(analyzed.network().output).toEqual([4, 8, 8]);
    });

    it('reports an error inside a block of this file once, inside the block, with each call as related information', () => {
        const { text, ranges } = markedRanges(`block B() { «conv 4 3x3 pad 1 in 2» }
network N {
    input 4x8x8
    «B()»
    «B()»
}`);
        const analyzed = analyzeText(text);
        expect(analyzed.all).toHaveLength(1);
        const [diagnostic] = analyzed.all;
        expect(diagnostic.message).toBe('conv expects 2 input channels, receives 4');
        expect(diagnostic.range).toEqual(ranges[0]);
        expect(diagnostic.related.map(r => [r.message, r.range])).toEqual([['in this call of B', ranges[1]], ['in this call of B', ranges[2]]]);
    });

    it('reports recursion on the text, even in blocks never called', () => {
        const { text, ranges } = markedRanges(`block A() { «B()» }
block B() { relu «A()» }
block Self(n) { «Self(n)» }`);
        expect(analyzeText(text).all.map(d => [d.code, d.message, d.range])).toEqual([
            ['recursive-block', `block 'A' calls itself: A → B → A`, ranges[0]],
            ['recursive-block', `block 'B' calls itself: B → A → B`, ranges[1]],
            ['recursive-block', `block 'Self' calls itself: Self → Self`, ranges[2]]
        ]);
    });

    it('stops a network that calls a recursive block instead of expanding forever', () => {
        const analyzed = analyzeText(`block A() { relu A() }\n${net('    A()')}`);
        expect(analyzed.all.map(d => d.code)).toEqual(['recursive-block']);
        expect(analyzed.network().output).toBeNull();
    });

    it('checks calls and names in blocks that are never called', () => {
        const analyzed = analyzeText('block Unused(a) { Missing(a) conv b 1x1 }');
        expect(messages(analyzed)).toEqual([
            `unknown-block: unknown block 'Missing'`,
            `unknown-param: unknown name 'b': expressions may use the block's parameters and C, H, W`
        ]);
    });

    it('lets a default use only earlier parameters', () => {
        const analyzed = analyzeText('block B(a = b, b = 1) { conv a 1x1 }');
        expect(messages(analyzed)).toEqual([`unknown-param: unknown name 'b': expressions may use the block's parameters and C, H, W`]);
    });

    it('rejects a positional argument after a named one', () => {
        const analyzed = analyzeText(`block B(a, b) { conv a 1x1 }\n${net('    B(a = 1, 2)')}`);
        expect(messages(analyzed)).toEqual(['syntax-error: a positional argument cannot follow a named one', `arg-count: B: missing argument 'b'`]);
    });
});

describe('the analysed file itself', () => {
    it('finds its own blocks even when the lookup does not know the file (an unsaved editor buffer)', () => {
        const main = analyzeText(`block B() { relu }\n${net('    B()')}`);
        const source = { uri: main.uri, model: main.network().node.$container as never, hasSyntaxErrors: false };
        const analysis = analyzeSource(source, () => undefined);
        expect(analysis.diagnostics).toEqual([]);
        expect(analysis.networks[0].rows.map(r => r.op)).toEqual(['relu']);
    });
});

describe('imports', () => {
    const blocks = 'block Stem(width = 64) { conv width 7x7 stride 2 pad 3 nobias, bn, relu }\nnetwork Ignored { input 1x1x1 }';

    it('resolves blocks relative to the importing file, transitively, ignoring imported networks', () => {
        const analyzed = analyzeText(`import "lib/all.cnn"\n${net('    Stem(32)')}`, {
            'lib/all.cnn': 'import "stem.cnn"',
            'lib/stem.cnn': blocks
        });
        expect(messages(analyzed)).toEqual([]);
        expect(analyzed.networks.map(n => n.name)).toEqual(['N']);
        expect(analyzed.network().rows[0].output).toEqual([32, 112, 112]);
    });

    it("prefers the file's own blocks over imported ones", () => {
        const analyzed = analyzeText(`import "stem.cnn"\nblock Stem() { relu }\n${net('    Stem()')}`, { 'stem.cnn': blocks });
        expect(analyzed.network().rows.map(r => r.op)).toEqual(['relu']);
    });

    it('reports an imported file with syntax errors on the path', () => {
        const { text, ranges } = markedRanges('import «"broken.cnn"»');
        const analyzed = analyzeText(text, { 'broken.cnn': 'block B( {' });
        expect(analyzed.all.map(d => [d.code, d.message, d.range])).toEqual([['import-error', `'broken.cnn' has syntax errors`, ranges[0]]]);
    });

    it('reports an error inside an imported block at the call', () => {
        const { text, ranges } = markedRanges(`import "big.cnn"\nnetwork N {\n    input 3x4x4\n    «Big()»\n}`);
        const analyzed = analyzeText(text, { 'big.cnn': 'block Big() {\n    relu\n    conv 8 7x7\n}' });
        expect(analyzed.all.map(d => [d.code, d.message, d.range])).toEqual([
            ['collapsed', 'in Big: conv: 4×4 input is smaller than the 7×7 kernel', ranges[0]]
        ]);
        expect(analyzed.all[0].related.map(r => [r.uri, r.range.start.line])).toEqual([['file:///work/big.cnn', 2]]);
    });

    it('survives import cycles', () => {
        const analyzed = analyzeText(`import "a.cnn"\n${net('    A()')}`, {
            'a.cnn': 'import "b.cnn"\nblock A() { B() }',
            'b.cnn': 'import "a.cnn"\nblock B() { relu }'
        });
        expect(messages(analyzed)).toEqual([]);
        expect(analyzed.network().rows.map(r => r.op)).toEqual(['relu']);
    });
});

describe('the inexact hint', () => {
    it('comes once per statement, from the first expansion that shows it', () => {
        const { text, ranges } = markedRanges(`block Down() { «conv C 3x3 stride 2» }
network N {
    input 8x56x56
    Down() * 3
}`);
        const analyzed = analyzeText(text);
        expect(analyzed.all.map(d => [d.code, d.message, d.range])).toEqual([
            ['inexact', 'conv: (56 − 3) / 2 is not whole: the last input row and column are never seen', ranges[0]]
        ]);
    });
});
