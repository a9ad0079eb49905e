// Pure figures for the Run tab: medians, shares and throughput (tested in Node).
import type { RunLayerResult, RunRow } from '../../run-protocol.js';

export function median(values: readonly number[]): number {
    if (values.length === 0) return 0;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * One row per timed analysis row: its median time over the repeats, its share of the summed
 * time and its share of the network's MACs (the server's counts; BigInt so counts past 2^53 stay exact
 * until the division).
 */
export function layerShares(repeats: ReadonlyArray<ReadonlyArray<{ row: number; milliseconds: number }>>, rows: readonly RunRow[]): RunLayerResult[] {
    const byRow = new Map(rows.map(r => [r.row, r]));
    const totalMacs = rows.reduce((sum, r) => sum + BigInt(r.macs), 0n);
    const order = repeats[0] ?? [];
    const times = order.map((_, k) => median(repeats.map(run => run[k]?.milliseconds ?? 0)));
    const totalMs = times.reduce((a, b) => a + b, 0);
    return order.map((timed, k) => {
        const row = byRow.get(timed.row);
        const macs = row ? BigInt(row.macs) : 0n;
        return {
            row: timed.row,
            name: row?.name ?? `row ${timed.row}`,
            milliseconds: times[k]!,
            timeShare: totalMs > 0 ? times[k]! / totalMs : 0,
            macsShare: totalMacs > 0n ? shareOf(macs, totalMacs) : 0
        };
    });
}

/** part / whole as a double, exact enough for counts far past 2^53. */
export function shareOf(part: bigint, whole: bigint): number {
    const scale = 10n ** 12n;
    return Number((part * scale) / whole) / 1e12;
}

export function totalMacs(rows: readonly RunRow[]): bigint {
    return rows.reduce((sum, r) => sum + BigInt(r.macs), 0n);
}

export function throughput(medianMs: number, macs: bigint): { imagesPerSecond: number; gmacPerSecond: number } {
    if (!(medianMs > 0)) return { imagesPerSecond: 0, gmacPerSecond: 0 };
    return { imagesPerSecond: 1000 / medianMs, gmacPerSecond: Number(macs) / 1e9 / (medianMs / 1000) };
}
