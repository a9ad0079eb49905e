import type { AxisWindow } from './windows.js';

/**
 * A layer's options as evaluated in its expansion (block parameters resolved), recorded on its
 * row so the compiler can build exactly the layer the analysis costed without a second walk
 * over the syntax tree.
 */
export interface LayerAttributes {
    /** Sliding-window ops (conv, dwconv, pools): the window along H, then W. */
    axes?: readonly AxisWindow[];
    /** conv: groups; shuffle: its groups. */
    groups?: number;
    /** dwconv: channel multiplier. */
    multiplier?: number;
    /** conv, dwconv, fc: false with `nobias`. */
    bias?: boolean;
    /** lrn: window size. */
    size?: number;
    /** dropout: its probability. */
    rate?: number;
}
