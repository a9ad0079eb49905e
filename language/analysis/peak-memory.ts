import { elementsOf } from './shape.js';
import type { LayerRow, Shape } from './types.js';

/** Peak activation memory of one network (LANGUAGE.md §8.9), in tensor elements. */
export interface PeakMemory {
    /** Per row: the elements of every tensor alive while it runs, its own output included. */
    liveElements: bigint[];
    /** The maximum of `liveElements`; the input's elements for a network without rows. */
    peakElements: bigint;
}

/**
 * Rows run in order over the dataflow graph (`LayerRow.inputs`). A tensor is allocated by the row
 * that writes it (a row with memory) and freed after the last row that reads it; in-place ops and
 * views write nothing and extend the tensor they read. The network input is allocated before the
 * first row; the output (the last main-path row's tensor, or the last row's when inference
 * stopped) is never freed.
 */
export function peakMemory(rows: readonly LayerRow[], input: Shape, complete: boolean): PeakMemory {
    const count = rows.length;
    const inputElements = elementsOf(input);
    if (count === 0) return { liveElements: [], peakElements: inputElements };
    // The tensor each row's output lives in: its own, or (in place, view) the one it read.
    const tensorOf = new Int32Array(count);
    // Tensor -1 (the input) is kept at index `count` of these arrays.
    const lastUse = new Int32Array(count + 1).fill(-1);
    const slot = (tensor: number) => (tensor < 0 ? count : tensor);
    for (let r = 0; r < count; r++) {
        const row = rows[r];
        for (const read of row.inputs) {
            const tensor = read < 0 ? -1 : tensorOf[read];
            lastUse[slot(tensor)] = r;
        }
        tensorOf[r] = row.memoryElements > 0n || row.inputs.length === 0 ? r : (row.inputs[0] < 0 ? -1 : tensorOf[row.inputs[0]]);
        if (tensorOf[r] === r) lastUse[r] = Math.max(lastUse[r], r);
    }
    const outputRow = complete ? lastMainRow(rows) : count - 1;
    const output = outputRow < 0 ? -1 : tensorOf[outputRow];
    lastUse[slot(output)] = count - 1;
    // Each tensor adds its elements from its allocation to its last use: a difference array.
    const change: bigint[] = new Array(count + 1).fill(0n);
    change[0] += inputElements;
    change[Math.max(lastUse[count], 0) + 1] -= inputElements;
    for (let r = 0; r < count; r++) {
        if (tensorOf[r] !== r) continue;
        const elements = rows[r].memoryElements;
        change[r] += elements;
        change[lastUse[r] + 1] -= elements;
    }
    const liveElements: bigint[] = [];
    let live = 0n;
    let peakElements = 0n;
    for (let r = 0; r < count; r++) {
        live += change[r];
        liveElements.push(live);
        if (live > peakElements) peakElements = live;
    }
    return { liveElements, peakElements };
}

/** The row that writes the network's output: the last row outside every tap. */
function lastMainRow(rows: readonly LayerRow[]): number {
    for (let r = rows.length - 1; r >= 0; r--) if (rows[r].tap === undefined) return r;
    return -1;
}
