import type { LayerRow, Totals } from './types.js';

export function emptyTotals(): Totals {
    return { params: 0n, buffers: 0n, macs: 0n, otherOps: 0n, memoryElements: 0n };
}

function addInto(totals: Totals, part: Totals): void {
    totals.params += part.params;
    totals.buffers += part.buffers;
    totals.macs += part.macs;
    totals.otherOps += part.otherOps;
    totals.memoryElements += part.memoryElements;
}

/** Sums rows `[from, to)`, optionally only those a filter keeps. */
export function sumRows(rows: readonly LayerRow[], from = 0, to = rows.length, keep?: (row: LayerRow) => boolean): Totals {
    const totals = emptyTotals();
    for (let i = from; i < to; i++) {
        if (!keep || keep(rows[i])) addInto(totals, rows[i]);
    }
    return totals;
}

export function sumTotals(parts: readonly Totals[]): Totals {
    const totals = emptyTotals();
    for (const part of parts) addInto(totals, part);
    return totals;
}
