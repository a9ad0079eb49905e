import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../helpers.js';

const blocks = [...readFileSync('docs/language.md', 'utf8').matchAll(/```cnn\n([\s\S]*?)```/g)].map(match => match[1]);

describe('the tutorial of docs/language.md', () => {
    it("step 2's ResNet-50 gives torchvision's 25,557,032 params and 4,089,184,256 MACs, with no diagnostic", () => {
        const analyzed = analyzeText(blocks[1]);
        expect(analyzed.all).toEqual([]);
        const network = analyzed.network('ResNet50');
        expect([network.totals.params, network.totals.macs]).toEqual([25_557_032n, 4_089_184_256n]);
        expect(network.rows.filter(row => row.path.startsWith('layer2/')).map(row => row.path.split('/')[1]).filter((p, i, all) => all.indexOf(p) === i))
            .toEqual(['Bottleneck#1', 'Bottleneck#2', 'Bottleneck#3', 'Bottleneck#4']);
    });

    it('step 3 quotes the messages the tool gives', () => {
        const text = readFileSync('docs/language.md', 'utf8');
        const half = analyzeText('network N {\n    input 3x8x8\n    conv 64 3x\n    conv 8 3x3 strid 2\n}\n').all.map(d => d.message);
        expect(half[0]).toBe('conv needs a kernel size: conv 64 3x3');
        expect(half[1]).toMatch(/^unknown option 'strid' of conv; did you mean 'stride'\?/);
        expect(text).toContain("`conv 64 3x` says `conv needs a kernel size: conv 64 3x3`");
    });
});
