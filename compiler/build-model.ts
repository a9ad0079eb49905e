/* eslint-disable @typescript-eslint/no-explicit-any */
import { defineCnnLayers } from './custom-layers.js';
import type { ModelSpec } from './spec-types.js';
import type { LayersModel, Tensor, Tf } from './tfjs-types.js';

/** One tfjs weight array, in the order the layer lists its weights. */
export interface NodeWeight {
    name: string;
    shape: number[];
    data: Float32Array;
}

/**
 * Builds the model with tfjs's functional API from a spec: input `[batch, H, W, C]` (float32),
 * outputs the main output then one per tap. Pure apart from tfjs: runs in Node and browsers.
 */
export function createModel(tf: Tf, spec: ModelSpec, weights?: ReadonlyMap<number, NodeWeight[]>): LayersModel {
    defineCnnLayers(tf);
    const classes = (tf.serialization.SerializationMap as any).getMap().classNameMap as Record<string, [any, (cls: any, config: any) => any]>;
    const input = tf.input({ shape: spec.inputShape, name: 'input', dtype: 'float32' });
    const tensors: any[] = [];
    spec.nodes.forEach((node, index) => {
        const entry = classes[node.className];
        if (!entry) throw new Error(`tfjs has no layer class '${node.className}'`);
        const layer = entry[1](entry[0], { ...node.config, name: node.name });
        const inputs = node.inputs.map(i => i < 0 ? input : tensors[i]);
        tensors[index] = layer.apply(inputs.length === 1 ? inputs[0] : inputs);
    });
    const outputs = spec.outputs.map(i => i < 0 ? input : tensors[i]);
    const model = tf.model({ inputs: input, outputs: outputs.length === 1 ? outputs[0] : outputs, name: sanitizeModelName(spec.network) });
    if (weights) setWeights(tf, model, spec, weights);
    return model;
}

/** Loads weight arrays into the model's layers, checking each shape against the layer's own. */
export function setWeights(tf: Tf, model: LayersModel, spec: ModelSpec, weights: ReadonlyMap<number, NodeWeight[]>): void {
    for (const [index, arrays] of weights) {
        const layer = model.getLayer(spec.nodes[index].name);
        const own = layer.getWeights();
        if (own.length !== arrays.length) throw new Error(`${layer.name}: ${own.length} weights expected, ${arrays.length} given`);
        own.forEach((w, k) => {
            if (w.shape.join('x') !== arrays[k].shape.join('x')) {
                throw new Error(`${layer.name}: weight ${k} has shape ${w.shape.join('×')}, given ${arrays[k].shape.join('×')}`);
            }
        });
        const tensors = arrays.map(a => tf.tensor(a.data, a.shape, 'float32'));
        layer.setWeights(tensors);
        tf.dispose(tensors);
    }
}

/** Runs the model on NHWC input and returns every output as NHWC arrays. */
export async function predict(tf: Tf, model: LayersModel, input: Tensor): Promise<Float32Array[]> {
    const result = model.predict(input);
    const outputs = Array.isArray(result) ? result : [result];
    const data = await Promise.all(outputs.map(o => o.data() as Promise<Float32Array>));
    tf.dispose(outputs);
    return data;
}

function sanitizeModelName(name: string): string {
    return name.replace(/[^A-Za-z0-9_]/g, '_') || 'model';
}
