import type { Network } from '../generated/ast.js';
import type { DiagnosticSink } from './diagnostics.js';
import { formatBytes, formatCount } from './format.js';
import { IssueCodes } from './issue-codes.js';
import { exceeds, parseQuantity, percentOver } from './quantity.js';
import { nodeRange, propertyRange } from './ranges.js';
import { batched, memoryBytes, type CostSettings } from './settings.js';
import type { Totals } from './types.js';

/** Checks a completed network's totals against its `budget` limits; a limit fails when strictly exceeded. */
export function checkBudgets(network: Network, totals: Totals, settings: CostSettings, sink: DiagnosticSink, peakElements = 0n): void {
    for (const budget of network.budgets) {
        for (const limit of budget.limits) {
            if (limit.amount === undefined) continue;
            const quantity = parseQuantity(limit.amount);
            if (!quantity) continue;
            const inBytes = limit.metric === 'memory' || limit.metric === 'peak';
            if (quantity.bytes && !inBytes) {
                sink.report(IssueCodes.InvalidValue, `${limit.metric} is a count: write it without a byte unit (like 25.6M)`, limit,
                    { range: propertyRange(limit, 'amount') });
                continue;
            }
            // `memory <= 1` would mean one byte: nobody means that, so a byte limit needs its unit.
            if (inBytes && !quantity.bytes) {
                sink.report(IssueCodes.InvalidValue, `${limit.metric} is in bytes: write it with a unit (B, KB, MB, GB, TB, KiB, MiB, GiB or TiB, like 48MiB)`, limit,
                    { range: propertyRange(limit, 'amount') });
                continue;
            }
            const total = metricTotal(limit.metric, totals, settings, peakElements);
            if (!exceeds(total, quantity)) continue;
            const shown = inBytes ? formatBytes(total, quantity.binary).replace(' ', '') : formatCount(total);
            // A limit of zero has no percentage to be over by.
            const by = quantity.numerator === 0n ? '' : ` by ${percentOver(total, quantity)}%`;
            sink.report(IssueCodes.BudgetExceeded,
                `${limit.metric} ${shown} exceeds the budget ${limit.amount}${by}`, limit,
                { range: nodeRange(limit), data: { metric: limit.metric, total: total.toString() } });
        }
    }
}

/** A metric's total; `peak` (LANGUAGE.md §8.9) needs the network's peak in elements. */
export function metricTotal(metric: string, totals: Totals, settings: CostSettings, peakElements = 0n): bigint {
    switch (metric) {
        case 'peak': return memoryBytes(peakElements, settings);
        case 'params': return totals.params;
        case 'macs': return batched(totals.macs, settings);
        case 'flops': return 2n * batched(totals.macs, settings);
        default: return memoryBytes(totals.memoryElements, settings);
    }
}
