import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzePath, analyzeText, messages } from '../helpers.js';

// docs/language-v2.md: every example parses and gives the numbers the page promises.
const blocks = [...readFileSync('docs/language-v2.md', 'utf8').matchAll(/```cnn\n([\s\S]*?)```/g)].map(match => match[1]);

describe('docs/language-v2.md', () => {
    it('has the EfficientNet family, the bneck, the factorised block and the peak budget', () => {
        expect(blocks).toHaveLength(4);
    });

    it('EfficientNet: B0 gives 5,288,548 params and 385,814,752 MACs; B7 66,347,960 and 37,745,884,192', () => {
        const analyzed = analyzeText(blocks[0]);
        expect(messages(analyzed)).toEqual([]);
        const totals = (name: string) => [analyzed.network(name).totals.params, analyzed.network(name).totals.macs];
        expect(totals('EfficientNetB0')).toEqual([5_288_548n, 385_814_752n]);
        expect(totals('EfficientNetB7')).toEqual([66_347_960n, 37_745_884_192n]);
    });

    it('the bneck and the factorised block run without errors to the shapes shown', () => {
        for (const text of [blocks[1], blocks[2]]) expect(messages(analyzeText(text))).toEqual([]);
        expect(analyzeText(blocks[1]).network().output).toEqual([40, 28, 28]);
    });

    it("peak memory: the lecture AlexNet's conv1 moment, 1,421,164 bytes, within a 1.5MB budget; B0 peaks at 9,633,792 bytes", () => {
        const analyzed = analyzeText(blocks[3]);
        expect(messages(analyzed)).toEqual([]);
        expect(analyzed.network().peakMemoryElements * 4n).toBe(1_421_164n);
        const b0 = analyzePath('examples/efficientnet.cnn').network('EfficientNetB0');
        expect(b0.peakMemoryElements * 4n).toBe(9_633_792n);
        expect(b0.totals.memoryElements * 4n).toBe(64_050_448n);
    });
});
