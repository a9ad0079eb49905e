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

    test('a stride and kernel near 10^12 answer at once, with the smallest such pad', () => {
        const axis: AxisWindow = { size: 1_000_000_000_000, kernel: 999_999_999_993, stride: 999_999_999_000, dilation: 1, padding: { kind: 'explicit', pad: 0 }, ceil: false };
        const start = performance.now();
        const pad = padThatSeesAll(axis);
        expect(performance.now() - start).toBeLessThan(50);
        expect(unseenAtEnd({ ...axis, padding: { kind: 'explicit', pad } })).toBe(0);
        expect(unseenAtEnd({ ...axis, padding: { kind: 'explicit', pad: pad - 1 } })).toBeGreaterThan(0);
        expect(pad).toBe(499_999_999_497);
    });

    test('the minimal files from the issue analyse within a second', () => {
        // A 3×3 window with a huge stride skips rows by design (LANGUAGE.md §8.12): no hint, no search.
        for (const stride of ['1686925530', '9007199254740991']) {
            const start = performance.now();
            const result = analyzeText(`network N {\n    input 3x32x32\n    conv 16 3x3 stride ${stride}\n}\n`);
            expect(performance.now() - start).toBeLessThan(1000);
            expect(result.all.map(d => d.code)).toEqual([]);
        }
        // A window as long as its stride: the hint, and the pad that sees every row.
        const result = analyzeText('network N {\n    input 1x1000000000x1\n    conv 1 999999937x1 stride 999999937\n}\n');
        const hint = result.all.find(d => d.code === 'inexact');
        expect(hint?.message).toBe('conv: (1000000000 − 999999937) / 999999937 is not whole: the last 63 input rows are never seen');
        expect(hint?.data).toMatchObject({ pad: [499_999_937, 0] });
    });
});
