import { batched, memoryBytes, type CostSettings } from '../../language/analysis/settings.js';
import type { NetworkAnalysis } from '../../language/analysis/types.js';
import { share } from './table-cells.js';

/** The columns of the first release, then the ones added since (appended, so old readers keep working). */
const HEADER = ['network', 'name', 'op', 'path', 'input', 'output', 'params', 'buffers', 'macs', 'other_ops', 'memory_bytes', 'tap',
    'live_bytes', 'params_pct', 'macs_pct', 'memory_pct'];

/**
 * One CSV row per layer (RFC 4180 quoting), every column always: exact integers, shapes as
 * `64x56x56`, the live bytes of §8.9 and each row's share of the network's totals (taps included)
 * in percent with two decimals.
 */
export function formatCsv(networks: NetworkAnalysis[], settings: CostSettings): string {
    const lines = [HEADER.join(',')];
    for (const network of networks) {
        const { totals } = network;
        network.rows.forEach((row, index) => {
            lines.push([
                network.name, row.name, row.op, row.path, row.input.join('x'), row.output.join('x'),
                row.params, row.buffers, batched(row.macs, settings), batched(row.otherOps, settings),
                memoryBytes(row.memoryElements, settings), row.tap ?? '',
                memoryBytes(network.liveElements[index] ?? 0n, settings),
                share(row.params, totals.params, 2), share(row.macs, totals.macs, 2), share(row.memoryElements, totals.memoryElements, 2)
            ].map(cell => csvCell(String(cell))).join(','));
        });
    }
    return lines.join('\n');
}

function csvCell(cell: string): string {
    return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
