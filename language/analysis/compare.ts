import { batched, memoryBytes, type CostSettings } from './settings.js';
import { sumRows } from './totals.js';
import type { NetworkAnalysis } from './types.js';

/** One network in a comparison: its costs, its published accuracy (from `meta`), ratios to the baseline. */
export interface ComparedNetwork {
    file: string;
    name: string;
    params: bigint;
    macs: bigint;
    memoryBytes: bigint;
    /** `meta top1`: published ImageNet top-1 accuracy in percent, when the file states one. */
    top1?: number;
    source?: string;
    /** This network's params, MACs and memory divided by the baseline's. */
    ratios: { params: number; macs: number; memoryBytes: number };
    baseline: boolean;
}

export type CompareKey = 'params' | 'macs' | 'memory' | 'top1' | 'name';

/**
 * The lecture's comparison ("AlexNet vs VGG-16: 25× memory, 2.3× params, 19× MACs") for any
 * networks: the first one given is the baseline; the list comes back sorted. Everything is read
 * from the analyses and their `meta` lines, nothing from a built-in list.
 */
export function compareNetworks(networks: Array<{ file: string; network: NetworkAnalysis }>, settings: CostSettings, sortBy: CompareKey = 'macs'): ComparedNetwork[] {
    const measured = networks.map(({ file, network }) => {
        // What the network costs at inference: taps (training-only side outputs) are left out.
        const totals = sumRows(network.rows, 0, network.rows.length, row => row.tap === undefined);
        return {
            file,
            name: network.name,
            params: totals.params,
            macs: batched(totals.macs, settings),
            memoryBytes: memoryBytes(totals.memoryElements, settings),
            top1: typeof network.meta.top1 === 'number' ? network.meta.top1 : undefined,
            source: typeof network.meta.source === 'string' ? network.meta.source : undefined
        };
    });
    const base = measured[0];
    const compared = measured.map((entry, index) => ({
        ...entry,
        ratios: { params: ratio(entry.params, base?.params), macs: ratio(entry.macs, base?.macs), memoryBytes: ratio(entry.memoryBytes, base?.memoryBytes) },
        baseline: index === 0
    }));
    return compared.sort(comparator(sortBy));
}

function ratio(value: bigint, base: bigint | undefined): number {
    return base === undefined || base === 0n ? NaN : Number(value) / Number(base);
}

function comparator(key: CompareKey): (a: ComparedNetwork, b: ComparedNetwork) => number {
    switch (key) {
        case 'name': return (a, b) => a.name.localeCompare(b.name);
        // Highest accuracy first; networks without one last.
        case 'top1': return (a, b) => (b.top1 ?? -Infinity) - (a.top1 ?? -Infinity);
        case 'memory': return (a, b) => compareBig(a.memoryBytes, b.memoryBytes);
        case 'params': return (a, b) => compareBig(a.params, b.params);
        case 'macs': return (a, b) => compareBig(a.macs, b.macs);
    }
}

function compareBig(a: bigint, b: bigint): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
