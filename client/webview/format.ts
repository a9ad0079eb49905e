// Number formatting for tooltips, the table and the exports. Pure (no DOM): the node tests use it too.

/** An exact count with thousands separators: 72855552n → "72,855,552". */
export function grouped(value: bigint): string {
    const negative = value < 0n;
    const digits = (negative ? -value : value).toString();
    const out = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return negative ? `-${out}` : out;
}

const BYTE_UNITS = ['KiB', 'MiB', 'GiB', 'TiB'];

/** Bytes in a binary unit with one decimal (802816 → "784.0 KiB"); exact below 1 KiB. */
export function bytesShort(value: number): string {
    if (value < 1024) return `${value} B`;
    let scaled = value / 1024;
    let unit = 0;
    while (scaled >= 1024 && unit < BYTE_UNITS.length - 1) {
        scaled /= 1024;
        unit++;
    }
    return `${scaled.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

const SI = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']] as const;

/** Bytes for an axis tick: the unit without a needless ".0" (1048576 → "1 MiB"). */
export function bytesTick(value: number): string {
    return bytesShort(value).replace(/\.0 /, ' ');
}

/** A log-axis tick: only 1, 2 and 5 times a power of ten get a label, so the axis stays readable. */
export function logTick(value: number): string {
    const mantissa = value / 10 ** Math.floor(Math.log10(value));
    return [1, 2, 5].some(m => Math.abs(mantissa - m) < 1e-9) ? countShort(value) : '';
}

/** A count in a decimal unit for axis ticks (72855552 → "72.9M"). */
export function countShort(value: number): string {
    for (const [size, suffix] of SI) {
        if (Math.abs(value) >= size) return `${trim(value / size)}${suffix}`;
    }
    return trim(value);
}

function trim(value: number): string {
    return Number.isInteger(value) ? String(value) : value.toPrecision(3).replace(/\.?0+$/, '');
}
