import type { NetworkAnalysis } from '../language/analysis/types.js';
import type { RunRow } from '../client/run-protocol.js';
import { layerNames } from './layer-names.js';
import type { ModelSpec } from './spec-types.js';

/**
 * Every analysis row with its MACs (decimal text: counts may pass 2^53) and the name the Run tab
 * shows: the tfjs layer that computes the row where there is one, else the compiler's name for it.
 * The MACs shares the Run tab draws are these counts over their sum (= the network's total).
 */
export function runRows(network: NetworkAnalysis, spec: ModelSpec): RunRow[] {
    const names = layerNames(network.rows);
    const computed = new Map<number, string>();
    for (const node of spec.nodes) if (node.row !== undefined) computed.set(node.row, node.name);
    return network.rows.map((row, index) => ({ row: index, name: computed.get(index) ?? names[index]!, macs: row.macs.toString() }));
}
