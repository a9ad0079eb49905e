import type { JsonCount, JsonNetwork } from '../language/analysis/to-json.js';
import type { ComputeUnit } from './webview-protocol.js';

/** The formats `CNN: Export Cost Table` writes. */
export type TableFormat = 'csv' | 'markdown' | 'json';

export const TABLE_EXTENSIONS: Record<TableFormat, string> = { csv: 'csv', markdown: 'md', json: 'json' };

/**
 * One network's per-layer costs as a table, exactly as the server reported them (no arithmetic
 * beside FLOPs = 2 × MACs when that unit is chosen). Counts stay exact: JSON keeps large ones as
 * decimal strings, as the report does.
 */
export function costTable(network: JsonNetwork, format: TableFormat, unit: ComputeUnit): string {
    const computeLabel = unit === 'flops' ? 'flops' : 'macs';
    const compute = (value: JsonCount): JsonCount => unit === 'flops' ? doubled(value) : value;
    const header = ['layer', 'path', 'op', 'line', 'input', 'output', 'params', computeLabel, 'memory_bytes'];
    const rows = network.layers.map(l => [l.name, l.path, l.op, l.line, dims(l.input), dims(l.output), l.params, compute(l.macs), l.memoryBytes]);
    const totals = ['total', '', '', '', dims(network.input), network.output ? dims(network.output) : '?',
        network.totals.params, unit === 'flops' ? network.totals.flops : network.totals.macs, network.totals.memoryBytes];
    switch (format) {
        case 'csv':
            return [header, ...rows, totals].map(r => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
        case 'markdown':
            return [
                `# ${markdownCell(network.name)}`,
                '',
                `| ${header.join(' | ')} |`,
                `|${header.map((_, i) => i >= 6 ? ' ---: ' : ' --- ').join('|')}|`,
                ...[...rows, totals].map(r => `| ${r.map(c => markdownCell(String(c))).join(' | ')} |`),
                ''
            ].join('\n');
        case 'json':
            return JSON.stringify({
                network: network.name,
                unit: computeLabel,
                layers: network.layers.map(l => ({
                    name: l.name, path: l.path, op: l.op, line: l.line, input: l.input, output: l.output,
                    params: l.params, [computeLabel]: compute(l.macs), memoryBytes: l.memoryBytes
                })),
                totals: { params: network.totals.params, [computeLabel]: unit === 'flops' ? network.totals.flops : network.totals.macs, memoryBytes: network.totals.memoryBytes }
            }, null, 2) + '\n';
    }
}

function dims(shape: number[]): string {
    return shape.join('x');
}

function doubled(value: JsonCount): JsonCount {
    const result = 2n * BigInt(value);
    return result <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(result) : result.toString();
}

/** RFC 4180 quoting; a leading = + - @ is prefixed so spreadsheets never run a cell as a formula. */
function csvCell(value: string | number): string {
    let text = String(value);
    if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function markdownCell(text: string): string {
    return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}
