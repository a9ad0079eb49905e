import { formatBytes, formatCount, formatGrouped, formatKiB } from '../../language/analysis/format.js';
import { formatShape } from '../../language/analysis/shape.js';
import type { Shape } from '../../language/analysis/types.js';

/** Small markdown helpers shared by hovers and code lenses. */

/** `307,392 (307K)`: exact and short, as every hover shows numbers. */
export function count(value: bigint): string {
    return value < 1000n ? formatGrouped(value) : `${formatGrouped(value)} (${formatCount(value)})`;
}

export function shape(value: Shape | null): string {
    return value ? formatShape(value) : '?';
}

/** Activation memory in the lecture's unit (KiB) and a larger one when it helps. */
export function memory(bytes: bigint): string {
    return bytes >= 1024n * 1024n ? `${formatKiB(bytes, 2)} KiB (${formatBytes(bytes)})` : `${formatKiB(bytes, 2)} KiB`;
}

/** `31.2%` of a total; `-` when the total is zero. */
export function share(part: bigint, whole: bigint): string {
    if (whole === 0n) return '-';
    const permille = (part * 1000n + whole / 2n) / whole;
    return `${permille / 10n}.${permille % 10n}%`;
}

/**
 * User text inside a line of hover markdown (a `meta source = "…"` string), shown literally:
 * emphasis, code, link and table characters escaped, `&`, `<`, `>` as entities so no HTML is
 * interpreted, line breaks as spaces (a hover line must stay one line).
 */
export function escapeMarkdown(text: string): string {
    return text
        .replace(/[\\`*_[\]|~]/g, ch => `\\${ch}`)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\r\n]+/g, ' ');
}

export function table(header: string[], rows: string[][]): string {
    const escape = (cell: string) => cell.replace(/\|/g, '\\|');
    return [
        `| ${header.map(escape).join(' | ')} |`,
        `|${header.map(() => ' --- ').join('|')}|`,
        ...rows.map(row => `| ${row.map(escape).join(' | ')} |`)
    ].join('\n');
}
