import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText, messages } from '../helpers.js';

// The examples of the language reference must parse and give the numbers the text promises:
// a user who writes from the reference alone gets the published figures.
function cnnBlocks(markdown: string): string[] {
    return [...markdown.matchAll(/```cnn\n([\s\S]*?)```/g)].map(match => match[1]);
}

describe('docs/language.md', () => {
    const blocks = cnnBlocks(readFileSync('docs/language.md', 'utf8'));

    it('opens with the lecture AlexNet, which gives 61,100,840 params and 716,767,232 MACs', () => {
        const analyzed = analyzeText(blocks[0]);
        expect(messages(analyzed)).toEqual([
            'inexact: pool1: (56 − 3) / 2 is not whole: the last input row and column are never seen'
        ]);
        const network = analyzed.network('AlexNet');
        expect([network.totals.params, network.totals.macs, network.totals.memoryElements * 4n]).toEqual([61_100_840n, 716_767_232n, 2_358_432n]);
    });
});

describe('a ResNet-34 written from the reference alone, in another style', () => {
    // Explicit projection shortcuts and repeat loops instead of the example files' `auto` blocks.
    const text = `
block Pair(c, s = 1) {
    conv c 3x3 stride s pad 1 nobias
    bn
    relu
    conv c 3x3 pad 1 nobias
    bn
}
network ResNet34 {
    input 3x224x224
    conv 64 7x7 stride 2 pad 3 nobias, bn, relu, maxpool 3x3 stride 2 pad 1
    stage conv2_x { repeat 3 { residual { Pair(64) } relu } }
    stage conv3_x { residual { Pair(128, 2) } shortcut projection relu  repeat 3 { residual { Pair(128) } relu } }
    stage conv4_x { residual { Pair(256, 2) } shortcut projection relu  repeat 5 { residual { Pair(256) } relu } }
    stage conv5_x { residual { Pair(512, 2) } shortcut projection relu  repeat 2 { residual { Pair(512) } relu } }
    globalavgpool
    fc 1000
}`;

    it('gives torchvision resnet34: 21,797,672 params, 3,663,761,408 MACs', () => {
        const analyzed = analyzeText(text);
        expect(messages(analyzed)).toEqual([]);
        const network = analyzed.network();
        expect([network.totals.params, network.totals.macs]).toEqual([21_797_672n, 3_663_761_408n]);
        expect(network.stages.map(s => [s.name, s.totals.params, s.output?.join('x')])).toEqual([
            ['conv2_x', 221_952n, '64x56x56'],
            ['conv3_x', 1_116_416n, '128x28x28'],
            ['conv4_x', 6_822_400n, '256x14x14'],
            ['conv5_x', 13_114_368n, '512x7x7']
        ]);
    });
});

describe('docs/blocks.md', () => {
    it('opens with a ResNet written in a few lines from the block library', () => {
        const [example] = cnnBlocks(readFileSync('docs/blocks.md', 'utf8'));
        const analyzed = analyzeText(example, { 'blocks/resnet.cnn': readFileSync('examples/blocks/resnet.cnn', 'utf8') });
        expect(messages(analyzed)).toEqual([]);
        const network = analyzed.network('ResNet26');
        expect(network.output).toEqual([1000]);
        expect(network.stages.map(s => s.output?.join('x'))).toEqual(['64x56x56', '256x56x56', '512x28x28', '1024x14x14', '2048x7x7', '1000']);
    });
});
