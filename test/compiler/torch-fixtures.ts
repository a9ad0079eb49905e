import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createModel } from '../../compiler/build-model.js';
import { compileNetwork } from '../../compiler/compile-network.js';
import { nchwToNhwc, nhwcToNchw } from '../../compiler/layout.js';
import type { SpecOptions } from '../../compiler/model-spec.js';
import type { LayersModel, Tf } from '../../compiler/tfjs-types.js';
import { readSafetensors } from '../../compiler/weights/safetensors.js';
import type { NetworkAnalysis } from '../../language/analysis/types.js';

export const FIXTURES = 'test/fixtures/torch';

export function fixtureNames(): string[] {
    return readdirSync(FIXTURES).filter(f => f.endsWith('.io.safetensors')).map(f => f.replace('.io.safetensors', '')).sort();
}

/** The input and PyTorch's outputs of a fixture (NCHW). */
export function readIo(path: string): { input: { shape: number[]; data: Float32Array }; outputs: Array<{ shape: number[]; data: Float32Array }> } {
    const entries = readSafetensors(readFileSync(path), path);
    const input = entries.find(e => e.key === 'input')!.tensor!;
    const outputs = entries.filter(e => e.key.startsWith('output')).map(e => e.tensor!);
    return { input, outputs };
}

/** Builds the compiled model with the fixture's PyTorch weights. */
export function buildWithTorchWeights(tf: Tf, network: NetworkAnalysis, weightsPath: string, options: SpecOptions = {}): LayersModel {
    const compiled = compileNetwork(network, { safetensors: readFileSync(weightsPath), file: weightsPath }, options);
    return createModel(tf, compiled.spec, compiled.weights);
}

/** Runs a model on an NCHW input and returns the outputs in PyTorch's NCHW layout. */
export function runNchw(tf: Tf, model: LayersModel, network: NetworkAnalysis, input: { shape: number[]; data: Float32Array }): Float32Array[] {
    const [batch, ...chw] = input.shape;
    const nhwc = nchwToNhwc(input.data, batch, chw);
    const x = tf.tensor(nhwc, [batch, chw[1], chw[2], chw[0]]);
    const result = model.predict(x);
    const outputs = Array.isArray(result) ? result : [result];
    const shapes = [network.output!, ...network.taps.map(t => t.output!)];
    const data = outputs.map((o, k) => nhwcToNchw(o.dataSync() as Float32Array, batch, shapes[k]));
    tf.dispose([x, ...outputs]);
    return data;
}

/** The largest |a − b| divided by the largest |b| (the reference's largest value). */
export function relativeError(actual: Float32Array, expected: Float32Array): number {
    if (actual.length !== expected.length) return Infinity;
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < expected.length; i++) {
        diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
        scale = Math.max(scale, Math.abs(expected[i]));
    }
    return Number.isNaN(diff) ? Infinity : diff / (scale || 1);
}

export function fixturePath(name: string, suffix: string): string {
    return join(FIXTURES, `${name}${suffix}`);
}
