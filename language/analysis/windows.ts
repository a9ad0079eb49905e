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
    // LANGUAGE.md §8.12: a window shorter than its stride (a 1×1 stride-2 conv) skips rows by design.
    if (effectiveKernel(axis) < axis.stride) return 0;
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

/**
 * The smallest padding, at least the current one, with which no input row at the end goes
 * unseen (`unseenAtEnd` is 0). Closed form, so a stride of 2^53 costs what a stride of 2 does.
 *
 * With a = size − kernel and p the padding, the remainder r = (a + 2p) mod s is ≤ p exactly when
 * p ≤ q·s − a for the quotient q = ⌊(a + 2p) / s⌋. Every p ≥ s − 1 qualifies, so the answer lies
 * below current + s, where 2p spans less than 2s and q takes at most three values: try each.
 */
export function padThatSeesAll(axis: AxisWindow): number {
    const current = axis.padding.kind === 'explicit' ? axis.padding.pad : 0;
    if (axis.padding.kind === 'same' || axis.ceil || effectiveKernel(axis) < axis.stride) return current;
    const s = BigInt(axis.stride);
    const a = BigInt(axis.size) - BigInt(effectiveKernel(axis));
    const c = BigInt(current);
    const first = floorDiv(a + 2n * c, s);
    for (let q = first; q <= first + 3n; q++) {
        const low = max(c, ceilDiv(q * s - a, 2n));
        const high = min(q * s - a, floorDiv((q + 1n) * s - a - 1n, 2n));
        if (low <= high) return Number(low);
    }
    return Number(max(c, s - 1n));
}

function floorDiv(n: bigint, d: bigint): bigint {
    const q = n / d;
    return n % d !== 0n && (n < 0n) !== (d < 0n) ? q - 1n : q;
}

function ceilDiv(n: bigint, d: bigint): bigint {
    return -floorDiv(-n, d);
}

const max = (x: bigint, y: bigint) => (x > y ? x : y);
const min = (x: bigint, y: bigint) => (x < y ? x : y);
