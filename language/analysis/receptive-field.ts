/**
 * Receptive field and jump of a tensor along H and W, in input pixels: how much of the network's
 * input one output element sees, and how far apart neighbouring output elements are there.
 */
export interface Field {
    rf: [number, number];
    jump: [number, number];
}

/** A sliding window as it moves over its input: effective (dilated) kernel and stride per axis. */
export interface Window {
    kernel: [number, number];
    stride: [number, number];
}

export const INPUT_FIELD: Field = { rf: [1, 1], jump: [1, 1] };

/** rf' = rf + (K − 1)·jump, jump' = jump·S, per axis. */
export function throughWindow(field: Field, window: Window): Field {
    return {
        rf: [0, 1].map(a => field.rf[a] + (window.kernel[a] - 1) * field.jump[a]) as [number, number],
        jump: [0, 1].map(a => field.jump[a] * window.stride[a]) as [number, number]
    };
}

/** Where paths join (residual add, concat): each output element sees the union of what its inputs see. */
export function widest(fields: Field[]): Field {
    return {
        rf: [0, 1].map(a => Math.max(...fields.map(f => f.rf[a]))) as [number, number],
        jump: fields[0].jump
    };
}
