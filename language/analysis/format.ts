/** Number formatting shared by the CLI, hovers and messages. Values are exact bigints until here. */

const SI_UNITS = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
const DECIMAL_BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** `61,100,840` */
export function formatGrouped(value: bigint | number): string {
    const text = BigInt(value).toString();
    const negative = text.startsWith('-');
    const digits = negative ? text.slice(1) : text;
    const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return negative ? `-${grouped}` : grouped;
}

/** `23.3K`, `61.1M`, `4.09G`: three significant digits with an SI suffix (powers of 1000). */
export function formatCount(value: bigint | number): string {
    return scaled(BigInt(value), 1000n, SI_UNITS, '');
}

/** `42.4 MiB` (binary, as the lecture's KiB) or `44.5 MB` (decimal). */
export function formatBytes(value: bigint | number, binary = true): string {
    return scaled(BigInt(value), binary ? 1024n : 1000n, binary ? BINARY_UNITS : DECIMAL_BYTE_UNITS, ' ');
}

/** `2,303.2`, `784.00`: a byte count in KiB, exactly rounded (half up) to some decimals. */
export function formatKiB(bytes: bigint, decimals = 1): string {
    const scale = 10n ** BigInt(decimals);
    const scaled = (bytes * scale + 512n) / 1024n;
    const fraction = decimals > 0 ? `.${(scaled % scale).toString().padStart(decimals, '0')}` : '';
    return `${formatGrouped(scaled / scale)}${fraction}`;
}

function scaled(value: bigint, base: bigint, units: string[], separator: string): string {
    const magnitude = value < 0n ? -value : value;
    let unit = 0;
    let divisor = 1n;
    while (unit < units.length - 1 && magnitude >= divisor * base) {
        divisor *= base;
        unit++;
    }
    if (unit === 0) return `${value}${units[0] ? separator + units[0] : ''}`;
    let ratio = Number(value) / Number(divisor);
    if (Math.abs(Number(ratio.toPrecision(3))) >= Number(base) && unit < units.length - 1) {
        ratio /= Number(base); // 999.96K reads better as 1M
        unit++;
    }
    const text = String(Number(ratio.toPrecision(3)));
    return `${text}${separator}${units[unit]}`;
}
