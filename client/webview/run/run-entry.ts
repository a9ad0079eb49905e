// out/webview/run.js: TensorFlow.js and the compiled model, loaded only when the Run tab opens (the
// chart bundle stays small). Picks webgpu, then webgl (WebGL2), then wasm, and says why.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createModel } from '../../../compiler/build-model.js';
import { timeLayers } from '../../../compiler/layer-timing.js';
import type { LayersModel, Tensor, Tf } from '../../../compiler/tfjs-types.js';
import type { RunModelMessage, RunResultMessage } from '../../run-protocol.js';
import { layerShares, median, throughput, totalMacs } from './run-stats.js';

/** Per-layer timing repeats (after one warm-up pass): each row's median is shown. */
const LAYER_REPEATS = 3;

interface GpuNavigator { gpu?: { requestAdapter(): Promise<unknown> } }

async function pickBackend(wasmDir: string): Promise<{ backend: string; notes: string[] }> {
    const notes: string[] = [];
    const gpu = (navigator as unknown as GpuNavigator).gpu;
    if (!gpu) notes.push('webgpu: this browser has no navigator.gpu');
    else {
        const adapter = await gpu.requestAdapter().catch(() => null);
        if (!adapter) notes.push('webgpu: requestAdapter() gave no adapter');
        else if (await tf.setBackend('webgpu').catch(() => false)) return { backend: 'webgpu', notes };
        else notes.push('webgpu: an adapter, but the tfjs backend failed to start');
    }
    const webgl2 = document.createElement('canvas').getContext('webgl2');
    if (!webgl2) notes.push('webgl: WebGL2 is unavailable (no GPU, or a blocklisted driver)');
    else if (await tf.setBackend('webgl').catch(() => false)) return { backend: 'webgl', notes };
    else notes.push('webgl: WebGL2 exists, but the tfjs backend failed to start');
    setWasmPaths(wasmDir);
    if (await tf.setBackend('wasm').catch(() => false)) return { backend: 'wasm', notes };
    notes.push('wasm: the wasm files did not load');
    await tf.setBackend('cpu');
    return { backend: 'cpu', notes };
}

async function run(message: RunModelMessage): Promise<RunResultMessage> {
    const { backend, notes } = await pickBackend(message.wasmDir);
    await tf.ready();
    const ttf = tf as unknown as Tf;
    let model: LayersModel | null = null;
    const input = tf.randomUniform([1, ...message.spec.inputShape], 0, 1, 'float32', 7) as unknown as Tensor;
    try {
        // Random weights from tfjs's initialisers: timing does not depend on the values.
        model = createModel(ttf, message.spec);
        const once = async () => {
            const started = performance.now();
            const out = model!.predict(input);
            const outputs = Array.isArray(out) ? out : [out];
            await Promise.all(outputs.map(o => o.data()));
            const ms = performance.now() - started;
            tf.dispose(outputs);
            return ms;
        };
        await once(); // warm-up: shader compilation, wasm start
        const times: number[] = [];
        for (let i = 0; i < message.runs; i++) times.push(await once());
        await timeLayers(ttf, model, message.spec, input); // warm-up of the node-by-node path
        const repeats = [];
        for (let i = 0; i < LAYER_REPEATS; i++) repeats.push(await timeLayers(ttf, model, message.spec, input));
        const medianMs = median(times);
        return {
            type: 'runResult', network: message.network, backend: tf.getBackend(), backendNotes: backend === tf.getBackend() ? notes : [...notes, `${backend} was chosen but ${tf.getBackend()} ran`],
            runs: message.runs, medianMs, ...throughput(medianMs, totalMacs(message.rows)), layers: layerShares(repeats, message.rows)
        };
    } finally {
        tf.dispose(input as never);
        model?.dispose();
    }
}

(globalThis as unknown as { cnnRunTab: { run: typeof run } }).cnnRunTab = { run };
