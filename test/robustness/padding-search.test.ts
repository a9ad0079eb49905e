import { describe, expect, test } from 'vitest';
import { padThatSeesAll, unseenAtEnd, type AxisWindow } from '../../language/analysis/windows.js';
import { analyzeText } from '../helpers.js';

// Issue 11: the inexact hint's suggested padding was a search over every pad below the stride,
// so `stride 1686925530` took minutes and `stride 9007199254740991` never ended.

/** The search it replaced, as the reference for small values. */
function searched(axis: AxisWindow): number | undefined {
    const current = axis.padding.kind === 'explicit' ? axis.padding.pad : 0;
    for (let pad = current; pad < current + axis.stride; pad++) {
        if (unseenAtEnd({ ...axis, padding: { kind: 'explicit', pad } }) === 0) return pad;
    }
    return undefined;
}

describe('the padding that sees every input pixel', () => {
    test('equals the exhaustive search for every small size, kernel, stride, dilation and pad', () => {
        let compared = 0;
        for (let size = 1; size <= 24; size++) {
            for (let kernel = 1; kernel <= 7; kernel++) {
                for (let stride = 1; stride <= 9; stride++) {
                    for (const dilation of [1, 2]) {
                        for (let pad = 0; pad <= 4; pad++) {
                            const axis: AxisWindow = { size, kernel, stride, dilation, padding: { kind: 'explicit', pad }, ceil: false };
                            if (size + 2 * pad < dilation * (kernel - 1) + 1) continue; // collapsed: never asked
                            expect(padThatSeesAll(axis), JSON.stringify(axis)).toBe(searched(axis));
                            compared++;
                        }
                    }
                }
            }
        }
        expect(compared).toBe(13_824);
    });

    test('a stride of 2^53 − 1 answers at once', () => {
        const axis: AxisWindow = { size: 56, kernel: 3, stride: 9007199254740991, dilation: 1, padding: { kind: 'explicit', pad: 0 }, ceil: false };
        // (56 − 3 + 2p) must pass the stride and leave a remainder of at most p: p = ⌈(2^53 − 1 − 53) / 2⌉.
        expect(padThatSeesAll(axis)).toBe(4503599627370469);
    });

    test('the minimal file from the issue analyses within a second, with the hint and its pad', () => {
        for (const [stride, pad] of [['1686925530', 843462751], ['9007199254740991', 4503599627370481]] as const) {
            const start = performance.now();
            const result = analyzeText(`network N {\n    input 3x32x32\n    conv 16 3x3 stride ${stride}\n}\n`);
            expect(performance.now() - start).toBeLessThan(1000);
            const hint = result.all.find(d => d.code === 'inexact');
            expect(hint?.message).toBe(`conv: (32 − 3) / ${stride} is not whole: the last 29 input rows and columns are never seen`);
            expect(hint?.data).toMatchObject({ pad: [pad, pad] });
        }
    });
});
