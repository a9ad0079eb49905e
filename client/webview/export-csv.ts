import type { Bar } from './model.js';
import type { ComputeUnit } from '../webview-protocol.js';

/** The bars as CSV (RFC 4180 quoting), exact numbers, in the order shown. */
export function barsCsv(bars: readonly Bar[], unit: ComputeUnit): string {
    const header = ['name', 'path', 'kind', 'output', 'memory_bytes', 'params', unit, 'line', 'column'];
    const lines = [header.join(',')];
    for (const bar of bars) {
        lines.push([bar.label, bar.path, bar.kind, bar.output.join('x'), bar.memory, bar.params, bar.compute, bar.line, bar.column].map(csvField).join(','));
    }
    return lines.join('\r\n') + '\r\n';
}

function csvField(value: string | number | bigint): string {
    const text = String(value);
    // A leading = + - @ would be a formula in a spreadsheet: quote it as text.
    const risky = /^[=+\-@\t\r]/.test(text);
    return /[",\r\n]/.test(text) || risky ? `"${risky ? "'" : ''}${text.replace(/"/g, '""')}"` : text;
}
