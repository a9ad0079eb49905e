import type { NetworkAnalysis } from '../../language/analysis/types.js';

/** The sums over the rows outside every tap: what inference of the main output costs, as `cnn compare` counts it. */
export function mainPathTotals(network: NetworkAnalysis): { params: bigint; macs: bigint; memoryElements: bigint } {
    const sum = { params: 0n, macs: 0n, memoryElements: 0n };
    for (const row of network.rows) {
        if (row.tap !== undefined) continue;
        sum.params += row.params;
        sum.macs += row.macs;
        sum.memoryElements += row.memoryElements;
    }
    return sum;
}
