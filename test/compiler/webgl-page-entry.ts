// Bundled by webgl.test.ts for a Chromium page: builds a compiled spec with tfjs in the browser
// (the same createModel as Node) and runs it on the backend asked for.
import * as tf from '@tensorflow/tfjs';
import { createModel, type NodeWeight } from '../../compiler/build-model.js';
import type { ModelSpec } from '../../compiler/spec-types.js';

interface Job {
    spec: ModelSpec;
    weights: Array<[number, Array<{ name: string; shape: number[]; data: number[] }>]>;
    input: { shape: number[]; data: number[] };
    backend: string;
}

(globalThis as unknown as { cnnRun(job: Job): Promise<{ backend: string; outputs: number[][] }> }).cnnRun = async job => {
    if (!(await tf.setBackend(job.backend))) throw new Error(`backend ${job.backend} unavailable`);
    await tf.ready();
    const weights = new Map<number, NodeWeight[]>(job.weights.map(([index, arrays]) => [index, arrays.map(a => ({ ...a, data: new Float32Array(a.data) }))]));
    const model = createModel(tf as never, job.spec, weights);
    const x = tf.tensor(job.input.data, job.input.shape, 'float32');
    const result = model.predict(x);
    const outputs = Array.isArray(result) ? result : [result];
    const data = await Promise.all(outputs.map(async o => Array.from(await o.data())));
    tf.dispose([x, ...outputs]);
    model.dispose();
    return { backend: tf.getBackend(), outputs: data };
};
