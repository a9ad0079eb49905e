/**
 * A compiled network as plain, serialisable data: tfjs layers (Keras class name + config) wired
 * by index, and for each layer with weights where its values come from (an analysis row's
 * PyTorch tensors, converted to tfjs's layout). Both the model builder and the module emitter
 * read it; nothing here depends on tfjs.
 */

/** Where a node's weights come from. */
export interface WeightSource {
    /** conv: OIHW → HWIO; depthwise: [C·M, 1, kh, kw] → [kh, kw, C, M]; dense: [out, in] → [in, out]; bn: γ β mean var. */
    kind: 'conv' | 'depthwise' | 'dense' | 'bn' | 'layerscale' | 'layernorm';
    /** The analysis row holding the PyTorch tensors. */
    row: number;
    /** A batch norm row folded into this conv or dense (`--optimize`). */
    foldBn?: number;
    /** Dense after a flatten of an NHWC map: its inputs come in H×W×C order; PyTorch's are C×H×W. */
    permuteFrom?: readonly [number, number, number];
    /** Whether the tfjs layer has a bias (a folded batch norm gives one). */
    bias: boolean;
}

export interface SpecNode {
    /** The tfjs layer name: unique, `[A-Za-z0-9][A-Za-z0-9_./-]*`. */
    name: string;
    /** A tfjs layers class (`Conv2D`) or one of ours (`CnnMaxPool2D`, see custom-layers.ts). */
    className: string;
    config: Record<string, unknown>;
    /** Node indices read, in order; -1 is the model's input. */
    inputs: number[];
    weights?: WeightSource;
    /** The analysis row this node computes (the last node of a row's nodes), for naming and timing. */
    row?: number;
}

export interface ModelSpec {
    /** The network's name, as written. */
    network: string;
    /** NHWC without the batch: `[H, W, C]`. */
    inputShape: number[];
    nodes: SpecNode[];
    /** Node indices of the outputs: the main output, then one per tap. */
    outputs: number[];
    /** `output` then each tap's name. */
    outputNames: string[];
    /** PyTorch's shape of each output without the batch (C×H×W or N), for writing NCHW files. */
    outputShapes: number[][];
    optimized: boolean;
}
