import { describe, expect, it } from 'vitest';
import {
    ceilOf, div, floorOf, formatRational, makeDivisible, mod, parseLiteral, rational, roundOf, type Rational
} from '../../language/analysis/rational.js';

// Exact rationals (LANGUAGE.md §8.1), checked against what Python 3 computes for the same values.
const r = (text: string): Rational => {
    const [num, den = '1'] = text.split('/');
    return rational(BigInt(num), BigInt(den));
};

describe('exact rational arithmetic as Python computes it', () => {
    it.each([
        ['-7', '3', '2'], ['7', '-3', '-2'], ['-7', '-3', '-1'], ['7', '3', '1'], ['15/2', '2', '3/2'], ['-15/2', '2', '1/2']
    ])('%s %% %s = %s (the sign of the divisor)', (a, b, expected) => {
        expect(mod(r(a), r(b))).toEqual(r(expected));
    });

    it.each([
        ['-7/2', -4n, -3n], ['7/2', 3n, 4n], ['-4', -4n, -4n], ['96/5', 19n, 20n], ['-1/3', -1n, 0n]
    ])('floor and ceil of %s are %i and %i', (a, floor, ceil) => {
        expect([floorOf(r(a)), ceilOf(r(a))]).toEqual([floor, ceil]);
    });

    it.each([
        ['5/2', 2n], ['7/2', 4n], ['-5/2', -2n], ['-7/2', -4n], ['1/2', 0n], ['3/2', 2n], ['13/5', 3n], ['-13/5', -3n], ['12/5', 2n]
    ])('round(%s) = %i (halves to even)', (a, expected) => {
        expect(roundOf(r(a))).toBe(expected);
    });

    it('reads decimal literals exactly: 1.2 is 6/5 and 16 × 1.2 is 96/5', () => {
        expect(parseLiteral('1.2')).toEqual(r('6/5'));
        expect(parseLiteral('0.25')).toEqual(r('1/4'));
        expect(parseLiteral('007')).toEqual(r('7'));
        expect(div(parseLiteral('19.2'), r('1'))).toEqual(r('96/5'));
    });

    it.each([
        ['96/5', '19.2'], ['-5/2', '-2.5'], ['10/3', '10/3'], ['1/8', '0.125'], ['-1/8', '-0.125'], ['24', '24'], ['-3', '-3'], ['1/40', '0.025']
    ])('shows %s as %s', (a, shown) => {
        expect(formatRational(r(a))).toBe(shown);
    });
});

describe("make_divisible is torchvision's _make_divisible", () => {
    // Each expected value from Python: _make_divisible(v, d, m) in torchvision/models/_utils.py.
    it.each([
        ['96/5', 8n, undefined, 24n], // 16 × 1.2: 16 is more than 10% below 19.2, so 24
        ['16', 8n, undefined, 16n],
        ['3', 8n, undefined, 8n], // never below the minimum
        ['11', 8n, undefined, 16n], // 8 < 0.9 × 11
        ['12', 8n, undefined, 16n], // 12 + 4 = 16: halves go up
        ['20', 8n, 32n, 32n],
        ['60', 8n, undefined, 64n],
        ['1184/5', 8n, undefined, 240n], // 40 × 1.2 × … as EfficientNet-B3 widths come out
        ['36', 8n, undefined, 40n],
        ['37', 8n, undefined, 40n],
        ['139/4', 8n, undefined, 32n] // 34.75: 30.75 floors to 32; 32 ≥ 31.275
    ])('make_divisible(%s, %i, %s) = %i', (v, d, m, expected) => {
        expect(makeDivisible(r(v), d, m)).toBe(expected);
    });
});
