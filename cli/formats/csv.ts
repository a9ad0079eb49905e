import { batched, memoryBytes, type CostSettings } from '../../language/analysis/settings.js';
import type { NetworkAnalysis } from '../../language/analysis/types.js';

const HEADER = ['network', 'name', 'op', 'path', 'input', 'output', 'params', 'buffers', 'macs', 'other_ops', 'memory_bytes', 'tap'];

/** One CSV row per layer (RFC 4180 quoting), exact integers, shapes as `64x56x56`. */
export function formatCsv(networks: NetworkAnalysis[], settings: CostSettings): string {
    const lines = [HEADER.join(',')];
    for (const network of networks) {
        for (const row of network.rows) {
            lines.push([
                network.name, row.name, row.op, row.path, row.input.join('x'), row.output.join('x'),
                row.params, row.buffers, batched(row.macs, settings), batched(row.otherOps, settings),
                memoryBytes(row.memoryElements, settings), row.tap ?? ''
            ].map(cell => csvCell(String(cell))).join(','));
        }
    }
    return lines.join('\n');
}

function csvCell(cell: string): string {
    return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
