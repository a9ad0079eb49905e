/* eslint-disable @typescript-eslint/no-explicit-any */
import type { ModelSpec } from './spec-types.js';
import type { LayersModel, Tensor, Tf } from './tfjs-types.js';

export interface LayerTime {
    /** The analysis row the time belongs to (a fused node's time goes to the row it ends with). */
    row: number;
    /** The tfjs layers that computed it. */
    layers: string[];
    milliseconds: number;
}

/**
 * Measures each layer by running the model node by node on a real input, waiting for every
 * layer's result before the next starts (the lecture's point: MACs are not time; depthwise
 * layers show it). Helper nodes (padding, channel slices) count towards the next row that reads
 * them. Works on any backend, in Node and in browsers; returns rows in execution order.
 */
export async function timeLayers(tf: Tf, model: LayersModel, spec: ModelSpec, input: Tensor): Promise<LayerTime[]> {
    const values: Tensor[] = [];
    const times: LayerTime[] = [];
    let pending: { layers: string[]; milliseconds: number } = { layers: [], milliseconds: 0 };
    for (let index = 0; index < spec.nodes.length; index++) {
        const node = spec.nodes[index];
        const layer = model.getLayer(node.name) as any;
        const inputs = node.inputs.map(i => i < 0 ? input : values[i]);
        const started = performance.now();
        const output = layer.apply(inputs.length === 1 ? inputs[0] : inputs, { training: false }) as Tensor;
        await output.data();
        pending.milliseconds += performance.now() - started;
        pending.layers.push(node.name);
        values[index] = output;
        if (node.row !== undefined) {
            times.push({ row: node.row, ...pending });
            pending = { layers: [], milliseconds: 0 };
        }
    }
    tf.dispose(values);
    return times;
}
