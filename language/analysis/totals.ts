import type { LayerRow, Totals } from './types.js';

export function emptyTotals(): Totals {
    return { params: 0n, buffers: 0n, macs: 0n, otherOps: 0n, memoryElements: 0n };
}

/** Sums rows `[from, to)`, optionally only those a filter keeps. */
export function sumRows(rows: readonly LayerRow[], from = 0, to = rows.length, keep?: (row: LayerRow) => boolean): Totals {
    const totals = emptyTotals();
    for (let i = from; i < to; i++) {
        const row = rows[i];
        if (keep && !keep(row)) continue;
        totals.params += row.params;
        totals.buffers += row.buffers;
        totals.macs += row.macs;
        totals.otherOps += row.otherOps;
        totals.memoryElements += row.memoryElements;
    }
    return totals;
}
