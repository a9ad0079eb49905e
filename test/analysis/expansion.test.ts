import { describe, expect, it } from 'vitest';
import { analyzeText, messages, net } from '../helpers.js';

const rowsOf = (text: string) => analyzeText(text).network().rows.map(r => `${r.path ? r.path + '/' : ''}${r.name} ${r.op} ${r.output.join('x')}`);

describe('rows, names and paths', () => {
    it('names a row by its label, else <op>_<n> counting every row of that op in the network', () => {
        expect(rowsOf(net('    conv1: conv 8 3x3 pad 1\n    relu\n    conv 8 3x3 pad 1, relu', '3x8x8'))).toEqual([
            'conv1 conv 8x8x8', 'relu_1 relu 8x8x8', 'conv_2 conv 8x8x8', 'relu_2 relu 8x8x8'
        ]);
    });

    it('adds a projection as conv and bn rows under shortcut, then the residual add', () => {
        expect(rowsOf(net('    stage s { down: residual { conv 16 3x3 stride 2 pad 1 } shortcut projection }', '8x8x8'))).toEqual([
            's/down/conv_1 conv 16x4x4',
            's/down/shortcut/conv_2 conv 16x4x4',
            's/down/shortcut/bn_1 bn 16x4x4',
            's/down/down residual 16x4x4'
        ]);
    });

    it('uses identity for auto when the body keeps the shape, projection otherwise', () => {
        const analyzed = analyzeText(net('    residual { relu } shortcut auto\n    residual { conv 16 1x1 } shortcut auto', '8x4x4'));
        expect(analyzed.network().rows.map(r => r.op)).toEqual(['relu', 'residual', 'conv', 'conv', 'bn', 'residual']);
        const projection = analyzed.network().rows[3];
        expect([projection.params, projection.macs]).toEqual([128n, 128n * 16n]);
    });

    it('names branches, repeats them with * N, and concatenates channels', () => {
        expect(rowsOf(net('    concat { branch {} branch grow { conv 4 3x3 pad 1 } * 2 }', '8x5x5'))).toEqual([
            'concat/grow#1/conv_1 conv 4x5x5',
            'concat/grow#2/conv_2 conv 4x5x5',
            'concat/concat_1 concat 16x5x5'
        ]);
    });

    it('splits channels equally among branches (ShuffleNetV2 unit)', () => {
        const analyzed = analyzeText(net('    split { branch {} branch { conv 8 1x1 } }\n    shuffle 2', '16x4x4'));
        expect(analyzed.network().rows.map(r => `${r.op} ${r.input.join('x')} -> ${r.output.join('x')}`)).toEqual([
            'conv 8x4x4 -> 8x4x4', 'split 16x4x4 -> 16x4x4', 'shuffle 16x4x4 -> 16x4x4'
        ]);
    });

    it('scales by a C×1×1 squeeze-and-excitation body', () => {
        const analyzed = analyzeText(net('    se: scale { globalavgpool conv 4 1x1, relu conv 16 1x1, hardsigmoid }', '16x7x7'));
        const scale = analyzed.network().rows.at(-1)!;
        expect([scale.name, scale.output, scale.otherOps, scale.memoryElements]).toEqual(['se', [16, 7, 7], 784n, 784n]);
        expect(analyzed.network().totals.macs).toBe(16n * 4n + 4n * 16n);
    });

    it('numbers repetitions of calls with #k and keeps one call group per repetition', () => {
        const analyzed = analyzeText(`block B() { relu }\n${net('    stage s { B() * 2 }\n    b: B()')}`);
        expect(analyzed.network().rows.map(r => r.path)).toEqual(['s/B#1', 's/B#2', 'b']);
        expect(analyzed.network().calls.map(c => c.path)).toEqual(['s/B#1', 's/B#2', 'b']);
    });
});

describe('stages and taps', () => {
    it('records one entry per executed stage, with the stage output and subtotals', () => {
        const analyzed = analyzeText(`block B() { stage inner { conv 4 1x1 } }\n${net('    stage outer { B() * 3 }', '4x2x2')}`);
        const stages = analyzed.network().stages;
        expect(stages.map(s => [s.path, s.output?.join('x'), s.totals.params])).toEqual([
            ['outer/B#1/inner', '4x2x2', 20n],
            ['outer/B#2/inner', '4x2x2', 20n],
            ['outer/B#3/inner', '4x2x2', 20n],
            ['outer', '4x2x2', 60n]
        ]);
    });

    it('counts a tap in the totals, continues the main path unchanged, and lists it', () => {
        const analyzed = analyzeText(net('    conv 8 1x1\n    tap aux { globalavgpool flatten fc 10 }\n    conv 2 1x1', '4x4x4'));
        const network = analyzed.network();
        expect(network.output).toEqual([2, 4, 4]);
        expect(network.taps.map(t => [t.name, t.output, t.totals.params])).toEqual([['aux', [10], 90n]]);
        expect(network.totals.params).toBe(40n + 90n + 18n);
        expect(network.rows.filter(r => r.tap === 'aux').map(r => r.op)).toEqual(['globalavgpool', 'flatten', 'fc']);
    });

    it('stops only the tap when the tap has an error', () => {
        const analyzed = analyzeText(net('    tap aux { fc 10 conv 3 1x1 }\n    conv 2 1x1', '4x4x4'));
        expect(analyzed.all.map(d => d.code)).toEqual(['not-spatial']);
        expect(analyzed.network().output).toEqual([2, 4, 4]);
        expect(analyzed.network().taps[0].output).toBeNull();
    });
});

describe('error recovery', () => {
    it('stops inference below an error but keeps everything above it', () => {
        const analyzed = analyzeText(net('    conv 8 3x3 pad 1\n    fc 10\n    conv 8 3x3\n    relu', '3x8x8'));
        expect(analyzed.network().rows.map(r => r.op)).toEqual(['conv', 'fc']);
        expect(analyzed.network().output).toBeNull();
    });

    it('continues after an assertion (annotation, in) with the inferred shape', () => {
        const analyzed = analyzeText(net('    conv 8 3x3 in 5 -> 8x9x9\n    relu', '3x8x8'));
        expect(analyzed.all.map(d => d.code)).toEqual(['in-mismatch', 'annotation-mismatch']);
        expect(analyzed.network().output).toEqual([8, 6, 6]);
    });

    it('still infers the other branches of a failed concat and the shortcut of a failed residual', () => {
        const analyzed = analyzeText(net(
            '    concat { branch { fc 3 conv 1 1x1 } branch { conv 2 1x1 } }',
            '4x4x4'));
        expect(analyzed.network().rows.map(r => r.op)).toEqual(['fc', 'conv']);
        const residual = analyzeText(net('    residual { fc 3 conv 1 1x1 } shortcut { conv 5 1x1 }', '4x4x4'));
        expect(residual.network().rows.map(r => r.path + ':' + r.op)).toEqual(['residual:fc', 'residual/shortcut:conv']);
    });

    it('checks budgets only when inference completed, and only strictly exceeded limits', () => {
        const failed = analyzeText(net('    budget params <= 1\n    conv 8 1x1\n    fc 2\n    conv 1 1x1', '3x2x2'));
        expect(failed.all.map(d => d.code)).toEqual(['not-spatial']);
        const exact = analyzeText(net('    budget params <= 32, macs <= 96, flops <= 192, memory <= 128B\n    conv 8 1x1', '3x2x2'));
        expect(messages(exact)).toEqual([]);
        const over = analyzeText(net('    budget flops <= 191\n    conv 8 1x1', '3x2x2'));
        expect(messages(over)).toEqual(['budget-exceeded: flops 192 exceeds the budget 191 by 0.5%']);
    });

    it('recovers from a syntax error and analyses the network up to it', () => {
        const analyzed = analyzeText(net('    conv 8 3x3 pad 1\n    relu\n    conv 8 3x3 strid 2', '3x8x8') + '\nblock B() { relu }');
        expect(analyzed.all.map(d => d.code)).toContain('syntax-error');
        expect(analyzed.network().rows.slice(0, 2).map(r => r.op)).toEqual(['conv', 'relu']);
    });
});

describe('parsing', () => {
    it('lets option words be labels of the next statement and repeat(…) without { be a call', () => {
        const analyzed = analyzeText(`block repeat(n) { conv n 1x1 }\n${net('    conv 8 1x1\n    stride: relu\n    repeat(3)\n    repeat (2) { relu }', '3x2x2')}`);
        expect(messages(analyzed)).toEqual([]);
        expect(analyzed.network().rows.map(r => `${r.name}:${r.output.join('x')}`)).toEqual([
            'conv_1:8x2x2', 'stride:8x2x2', 'conv_2:3x2x2', 'relu_2:3x2x2', 'relu_3:3x2x2'
        ]);
    });

    it('reads meta entries', () => {
        const analyzed = analyzeText(net('    meta top1 = 76.13, source = "torchvision IMAGENET1K_V1", year = 2015\n    relu'));
        expect(analyzed.network().meta).toEqual({ top1: 76.13, source: 'torchvision IMAGENET1K_V1', year: 2015 });
    });

    it('accepts budget and meta in either order, once each', () => {
        expect(messages(analyzeText(net('    budget params <= 1M\n    meta top1 = 1\n    relu')))).toEqual([]);
        expect(messages(analyzeText(net('    meta a = 1\n    meta b = 2\n    relu')))).toEqual([`syntax-error: 'meta' may appear only once`]);
    });

    it('rejects an option the op does not take', () => {
        const analyzed = analyzeText(net('    maxpool 2x2 groups 2', '3x4x4'));
        expect(messages(analyzed)[0]).toBe("syntax-error: maxpool has no option 'groups' (maxpool takes stride, pad, ceil)");
    });

    it('rejects an operator name as a block name', () => {
        expect(analyzeText('block conv() { relu }').all.map(d => d.code)).toContain('syntax-error');
    });
});
