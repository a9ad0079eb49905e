import { formatBytes, formatCount, formatGrouped } from '../../language/analysis/format.js';
import { batched, memoryBytes, type CostSettings } from '../../language/analysis/settings.js';
import type { NetworkAnalysis } from '../../language/analysis/types.js';
import { mainPathTotals } from './main-path.js';

/** What taps do to the totals, in the words `cnn compare` uses too (it leaves them out). */
export const TAPS_COUNTED = "the totals include the taps (side outputs such as auxiliary classifiers); cnn compare leaves them out, as the 'without taps' line does";

/** The summary under the table: exact totals, the peak, the taps, and what the table's marks mean. */
export function summaryLines(network: NetworkAnalysis, settings: CostSettings): string[] {
    const { totals } = network;
    const macs = batched(totals.macs, settings);
    const memory = memoryBytes(totals.memoryElements, settings);
    const peak = memoryBytes(network.peakMemoryElements, settings);
    const lines = [
        `params ${formatGrouped(totals.params)} (${formatCount(totals.params)}; ${formatBytes(totals.params * BigInt(settings.bytesPerElement))})` +
        (totals.buffers > 0n ? `, buffers ${formatGrouped(totals.buffers)}` : ''),
        `MACs ${formatGrouped(macs)} (${formatCount(macs)}; FLOPs ${formatCount(2n * macs)}), other ops ${formatGrouped(batched(totals.otherOps, settings))}`,
        `activation memory ${formatGrouped(memory)} bytes (${formatBytes(memory)})` +
        (settings.batch !== 1 || settings.bytesPerElement !== 4 ? `, batch ${settings.batch}, ${settings.bytesPerElement} bytes per element` : ''),
        // LANGUAGE.md §8.9: the most bytes alive at once during inference, next to the sum above.
        `peak activation memory ${formatGrouped(peak)} bytes (${formatBytes(peak)})`
    ];
    if (network.taps.length > 0) {
        const main = mainPathTotals(network);
        lines.push(`without taps: params ${formatGrouped(main.params)}, MACs ${formatGrouped(batched(main.macs, settings))}, ` +
            `memory ${formatBytes(memoryBytes(main.memoryElements, settings))}`);
        lines.push(TAPS_COUNTED);
        for (const tap of network.taps) {
            lines.push(`tap ${tap.name}: params ${formatGrouped(tap.totals.params)}, MACs ${formatGrouped(batched(tap.totals.macs, settings))}, ` +
                `memory ${formatBytes(memoryBytes(tap.totals.memoryElements, settings))} (included above)`);
        }
    }
    if (network.rows.some(row => row.memoryElements === 0n)) lines.push('memory - : no new tensor (an in-place activation, dropout, or a view: flatten)');
    lines.push("% : share of the network's total; live: the bytes alive while the row runs");
    return lines;
}
