import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatGrouped, formatKiB } from '../../language/analysis/format.js';
import { parseQuantity, percentOver } from '../../language/analysis/quantity.js';

describe('number formatting', () => {
    it.each([
        [0n, '0'], [999n, '999'], [23_296n, '23.3K'], [61_100_840n, '61.1M'], [716_767_232n, '717M'],
        [4_089_184_256n, '4.09G'], [999_960n, '1M'], [1_000_000n, '1M'], [15_470_264_320n, '15.5G']
    ])('formatCount(%s) = %s', (value, text) => expect(formatCount(value)).toBe(text));

    it('groups digits', () => {
        expect(formatGrouped(61_100_840n)).toBe('61,100,840');
        expect(formatGrouped(98_010_000_000_000_000_000n)).toBe('98,010,000,000,000,000,000');
        expect(formatGrouped(-1234)).toBe('-1,234');
    });

    it('formats bytes in binary or decimal units', () => {
        expect(formatBytes(2_358_432n)).toBe('2.25 MiB');
        expect(formatBytes(2_358_432n, false)).toBe('2.36 MB');
        expect(formatBytes(512n)).toBe('512 B');
    });

    it('formats KiB as the lecture does', () => {
        expect(formatKiB(2_358_432n)).toBe('2,303.2');
        expect(formatKiB(4_000n, 2)).toBe('3.91');
        expect(formatKiB(802_816n, 2)).toBe('784.00');
    });
});

describe('budget quantities', () => {
    it.each([
        ['25.6M', 256_000_000n, 10n, false, false],
        ['4.1G', 41_000_000_000n, 10n, false, false],
        ['48MiB', 48n * 1024n * 1024n, 1n, true, true],
        ['1.5KB', 15_000n, 10n, true, false],
        ['1000', 1000n, 1n, false, false]
    ])('%s', (text, numerator, denominator, bytes, binary) => {
        expect(parseQuantity(text)).toEqual({ numerator, denominator, bytes, binary });
    });

    it('computes how far past the limit a total is, to a tenth of a percent', () => {
        expect(percentOver(4_110_000_000n, parseQuantity('4G')!)).toBe('2.8');
        expect(percentOver(118_013_952n, parseQuantity('0.1G')!)).toBe('18.0');
    });
});
