import type { ComparedNetwork } from '../../language/analysis/compare.js';
import { formatBytes, formatCount } from '../../language/analysis/format.js';
import { count } from '../../language/analysis/to-json.js';

const HEADER = ['network', 'file', 'params', 'MACs', 'memory', 'top-1 %', 'params ×', 'MACs ×', 'memory ×'];
const RIGHT = new Set([2, 3, 4, 5, 6, 7, 8]);

function cells(entry: ComparedNetwork): string[] {
    return [
        entry.baseline ? `${entry.name} (baseline)` : entry.name,
        entry.file,
        formatCount(entry.params),
        formatCount(entry.macs),
        formatBytes(entry.memoryBytes),
        entry.top1 === undefined ? '-' : entry.top1.toFixed(2),
        times(entry.ratios.params),
        times(entry.ratios.macs),
        times(entry.ratios.memoryBytes)
    ];
}

/** `25.6×`, `0.0412×`: three significant digits. */
export function times(ratio: number): string {
    return Number.isFinite(ratio) ? `${Number(ratio.toPrecision(3))}×` : '-';
}

/** A compared network whose taps the figures leave out, for the note under the table. */
export interface TapsLeftOut { name: string; file: string; taps: string[] }

/** What the figures say about taps, in the words `cnn analyze` uses (its totals include them). */
function tapNote(tapsLeftOut: readonly TapsLeftOut[]): string[] {
    return [
        "params, MACs and memory leave taps out (side outputs such as auxiliary classifiers), as the 'without taps' line of cnn analyze does",
        ...tapsLeftOut.map(n => `${n.name} (${n.file}): ${n.taps.length === 1 ? 'tap' : 'taps'} ${n.taps.join(', ')} left out; cnn analyze counts ${n.taps.length === 1 ? 'it' : 'them'} in its totals`)
    ];
}

export function formatCompareTable(entries: ComparedNetwork[], tapsLeftOut: readonly TapsLeftOut[] = []): string {
    const rows = [HEADER, ...entries.map(cells)];
    const widths = HEADER.map((_, c) => Math.max(...rows.map(r => r[c].length)));
    const table = rows.map(r => r.map((cell, c) => RIGHT.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n');
    return [table, '', ...tapNote(tapsLeftOut)].join('\n');
}

export function formatCompareMarkdown(entries: ComparedNetwork[], tapsLeftOut: readonly TapsLeftOut[] = []): string {
    return [
        `| ${HEADER.join(' | ')} |`,
        `|${HEADER.map((_, c) => RIGHT.has(c) ? ' ---: ' : ' --- ').join('|')}|`,
        ...entries.map(e => `| ${cells(e).map(cell => cell.replace(/\|/g, '\\|')).join(' | ')} |`),
        '',
        ...tapNote(tapsLeftOut).map(line => `- ${line}`)
    ].join('\n');
}

export function formatCompareCsv(entries: ComparedNetwork[]): string {
    const quote = (cell: string) => /[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
    return [
        'network,file,params,macs,memory_bytes,top1,source,params_ratio,macs_ratio,memory_ratio',
        ...entries.map(e => [e.name, e.file, e.params, e.macs, e.memoryBytes, e.top1 ?? '', e.source ?? '',
            e.ratios.params, e.ratios.macs, e.ratios.memoryBytes].map(v => quote(String(v))).join(','))
    ].join('\n');
}

export function compareJson(entries: ComparedNetwork[]): unknown {
    return {
        networks: entries.map(e => ({
            name: e.name, file: e.file, baseline: e.baseline,
            params: count(e.params), macs: count(e.macs), memoryBytes: count(e.memoryBytes),
            top1: e.top1 ?? null, source: e.source ?? null, ratios: e.ratios
        }))
    };
}
