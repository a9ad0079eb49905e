import { formatBytes, formatCount, formatGrouped, formatKiB } from '../../language/analysis/format.js';
import { batched, memoryBytes, type CostSettings } from '../../language/analysis/settings.js';
import { formatShape } from '../../language/analysis/shape.js';
import type { NetworkAnalysis, Totals } from '../../language/analysis/types.js';

/** One line of the lecture-style table: a layer, a stage subtotal, or the network total. */
export interface TableLine {
    kind: 'layer' | 'stage' | 'total';
    cells: string[];
}

export const TABLE_HEADER = ['layer', 'op', 'output', 'memory (KiB)', 'params', 'MACs', 'path'];
/** Columns aligned to the right in text and markdown (the numbers). */
export const NUMERIC_COLUMNS = new Set([3, 4, 5]);

/**
 * The rows of `cnn analyze`'s table: every layer, each stage's subtotal after its last layer
 * (innermost first), and the total. Memory in KiB with two decimals, as the lecture's table.
 */
export function tableLines(network: NetworkAnalysis, settings: CostSettings, depth?: number): TableLine[] {
    if (depth !== undefined) return collapsedLines(network, settings, depth);
    const lines: TableLine[] = [];
    const stagesEndingAt = new Map<number, typeof network.stages>();
    for (const stage of network.stages) {
        const list = stagesEndingAt.get(stage.endRow) ?? [];
        list.push(stage);
        stagesEndingAt.set(stage.endRow, list);
    }
    network.rows.forEach((row, index) => {
        lines.push({
            kind: 'layer',
            cells: [row.name, row.op, formatShape(row.output), row.memoryElements === 0n ? '-' : kib(memoryBytes(row.memoryElements, settings)),
                formatGrouped(row.params), formatGrouped(batched(row.macs, settings)), row.path]
        });
        // Stages end in the order they close: the innermost (latest started) first.
        const ending = [...(stagesEndingAt.get(index + 1) ?? [])].sort((a, b) => b.firstRow - a.firstRow);
        for (const stage of ending) {
            lines.push({ kind: 'stage', cells: [`stage ${stage.name}`, '', stage.output ? formatShape(stage.output) : '?', ...sums(stage.totals, settings), stage.path] });
        }
    });
    lines.push({ kind: 'total', cells: ['total', '', network.output ? formatShape(network.output) : '?', ...sums(network.totals, settings), ''] });
    return lines;
}

/**
 * `--depth N`, as torchinfo's depth: rows deeper than N path segments are summed into one line per
 * path prefix of N segments (a stage, a call, a composite), in execution order.
 */
function collapsedLines(network: NetworkAnalysis, settings: CostSettings, depth: number): TableLine[] {
    const lines: TableLine[] = [];
    let current: { prefix: string; name: string; rows: number; output: string; memory: bigint; params: bigint; macs: bigint } | undefined;
    const flush = () => {
        if (!current) return;
        const { name, rows, output, memory, params, macs, prefix } = current;
        lines.push({ kind: 'layer', cells: [name, `${rows} rows`, output, kib(memoryBytes(memory, settings)), formatGrouped(params), formatGrouped(batched(macs, settings)), prefix] });
        current = undefined;
    };
    for (const row of network.rows) {
        const segments = row.path === '' ? [] : row.path.split('/');
        if (segments.length < depth || depth === 0 && segments.length === 0) {
            flush();
            lines.push({
                kind: 'layer',
                cells: [row.name, row.op, formatShape(row.output), row.memoryElements === 0n ? '-' : kib(memoryBytes(row.memoryElements, settings)),
                    formatGrouped(row.params), formatGrouped(batched(row.macs, settings)), row.path]
            });
            continue;
        }
        const prefix = segments.slice(0, depth).join('/');
        if (current?.prefix !== prefix) {
            flush();
            current = { prefix, name: depth === 0 ? network.name : segments[depth - 1], rows: 0, output: '', memory: 0n, params: 0n, macs: 0n };
        }
        current.rows++;
        current.output = formatShape(row.output);
        current.memory += row.memoryElements;
        current.params += row.params;
        current.macs += row.macs;
    }
    flush();
    lines.push({ kind: 'total', cells: ['total', '', network.output ? formatShape(network.output) : '?', ...sums(network.totals, settings), ''] });
    return lines;
}

function sums(totals: Totals, settings: CostSettings): string[] {
    return [kib(memoryBytes(totals.memoryElements, settings)), formatGrouped(totals.params), formatGrouped(batched(totals.macs, settings))];
}

/** `784.00`: the lecture's memory column, KiB with two decimals. */
function kib(bytes: bigint): string {
    return formatKiB(bytes, 2);
}

/** The one-paragraph summary under the table. */
export function summaryLines(network: NetworkAnalysis, settings: CostSettings): string[] {
    const { totals } = network;
    const macs = batched(totals.macs, settings);
    const memory = memoryBytes(totals.memoryElements, settings);
    const lines = [
        `params ${formatGrouped(totals.params)} (${formatCount(totals.params)}; ${formatBytes(totals.params * BigInt(settings.bytesPerElement))})` +
        (totals.buffers > 0n ? `, buffers ${formatGrouped(totals.buffers)}` : ''),
        `MACs ${formatGrouped(macs)} (${formatCount(macs)}; FLOPs ${formatCount(2n * macs)}), other ops ${formatGrouped(batched(totals.otherOps, settings))}`,
        `activation memory ${formatGrouped(memory)} bytes (${formatBytes(memory)})` +
        (settings.batch !== 1 || settings.bytesPerElement !== 4 ? `, batch ${settings.batch}, ${settings.bytesPerElement} bytes per element` : ''),
        // LANGUAGE.md §8.9: the most bytes alive at once during inference, next to the sum above.
        `peak activation memory ${formatGrouped(memoryBytes(network.peakMemoryElements, settings))} bytes (${formatBytes(memoryBytes(network.peakMemoryElements, settings))})`
    ];
    if (network.taps.length > 0) {
        // The totals above include the taps (side outputs); what inference of the main output costs:
        const tapParams = network.taps.reduce((sum, tap) => sum + tap.totals.params, 0n);
        const tapMacs = network.taps.reduce((sum, tap) => sum + tap.totals.macs, 0n);
        const tapMemory = network.taps.reduce((sum, tap) => sum + tap.totals.memoryElements, 0n);
        lines.push(`without taps: params ${formatGrouped(totals.params - tapParams)}, MACs ${formatGrouped(batched(totals.macs - tapMacs, settings))}, ` +
            `memory ${formatBytes(memoryBytes(totals.memoryElements - tapMemory, settings))}`);
    }
    if (network.rows.some(row => row.memoryElements === 0n)) lines.push('memory - : the row writes no new tensor (an in-place activation, dropout, or a view such as flatten)');
    for (const tap of network.taps) {
        lines.push(`tap ${tap.name}: params ${formatGrouped(tap.totals.params)}, MACs ${formatGrouped(batched(tap.totals.macs, settings))}, ` +
            `memory ${formatBytes(memoryBytes(tap.totals.memoryElements, settings))} (included above)`);
    }
    return lines;
}
