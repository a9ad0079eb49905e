/**
 * The dataflow graph of a network's rows: which tensors each row reads (LANGUAGE.md §8.9 and the
 * compiler both need it). A tensor is named by the index of the row that wrote it, or
 * `NETWORK_INPUT` for the network's input. In-place ops and views get their own index too: their
 * readers name them, and their `memoryElements` of 0 says they write no new tensor.
 */

/** The network's input tensor in `LayerRow.inputs`. */
export const NETWORK_INPUT = -1;

/** Channels `[start, end)` of a tensor: what a split's branch reads (nested splits compose). */
export type ChannelRange = readonly [number, number];

/** A tensor as it flows from statement to statement during expansion. */
export interface TensorRef {
    /** The row that wrote it, or `NETWORK_INPUT`. */
    source: number;
    /** Set when only these channels of `source` are read (a split's slice). */
    channels?: ChannelRange;
}

/** What a row records about its inputs, from the tensors it reads, in order. */
export function rowInputs(reads: readonly TensorRef[]): { inputs: number[]; inputChannels?: Array<ChannelRange | null> } {
    const inputs = reads.map(read => read.source);
    if (!reads.some(read => read.channels)) return { inputs };
    return { inputs, inputChannels: reads.map(read => read.channels ?? null) };
}

/** Slice `index` of `count` equal channel slices of a tensor that itself may be a slice. */
export function sliceOf(ref: TensorRef, channels: number, index: number, count: number): TensorRef {
    const size = channels / count;
    const start = (ref.channels?.[0] ?? 0) + index * size;
    return { source: ref.source, channels: [start, start + size] };
}
