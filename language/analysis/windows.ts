/**
 * Output size of a sliding window along one axis (convolution or pooling), as PyTorch computes it,
 * with TensorFlow's `same` padding (the compile target is tfjs).
 */
export type AxisPadding = { kind: 'explicit'; pad: number } | { kind: 'same' };

export interface AxisWindow {
    size: number;
    kernel: number;
    stride: number;
    dilation: number;
    padding: AxisPadding;
    ceil: boolean;
}

/** The output size, or undefined when the (padded) input is smaller than the window. */
export function windowOutput(axis: AxisWindow): number | undefined {
    if (axis.padding.kind === 'same') return Math.ceil(axis.size / axis.stride);
    const span = axis.size + 2 * axis.padding.pad - effectiveKernel(axis);
    if (span < 0) return undefined;
    if (!axis.ceil) return Math.floor(span / axis.stride) + 1;
    // PyTorch's ceil mode: one more window, unless it would start in the right-hand padding.
    let out = Math.ceil(span / axis.stride) + 1;
    if ((out - 1) * axis.stride >= axis.size + axis.padding.pad) out -= 1;
    return out;
}

export function effectiveKernel(axis: Pick<AxisWindow, 'kernel' | 'dilation'>): number {
    return axis.dilation * (axis.kernel - 1) + 1;
}

/**
 * How many real input rows (or columns) at the end no window ever covers: the remainder of the
 * span beyond what the far-side padding absorbs (LANGUAGE.md §7, the `inexact` hint).
 */
export function unseenAtEnd(axis: AxisWindow): number {
    if (axis.padding.kind === 'same' || axis.ceil) return 0;
    const span = axis.size + 2 * axis.padding.pad - effectiveKernel(axis);
    if (span < 0) return 0;
    return Math.max(0, (span % axis.stride) - axis.padding.pad);
}

/** `(56 − 3) / 2`, `(56 + 2×1 − 3) / 2`: the division the inexact hint talks about. */
export function spanExpression(axis: AxisWindow): string {
    const pad = axis.padding.kind === 'explicit' && axis.padding.pad > 0 ? ` + 2×${axis.padding.pad}` : '';
    return `(${axis.size}${pad} − ${effectiveKernel(axis)}) / ${axis.stride}`;
}

/**
 * PyTorch's adaptive pooling windows along one axis: output i reads input rows
 * [⌊i·in/out⌋, ⌈(i+1)·in/out⌉). Returns the summed window lengths.
 */
export function adaptiveWindowSum(inSize: number, outSize: number): bigint {
    let sum = 0n;
    for (let i = 0; i < outSize; i++) {
        const start = Math.floor((i * inSize) / outSize);
        const end = Math.ceil(((i + 1) * inSize) / outSize);
        sum += BigInt(end - start);
    }
    return sum;
}
