import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { createModel } from '../compiler/build-model.js';
import { compileNetwork } from '../compiler/compile-network.js';
import { nchwToNhwc, nhwcToNchw } from '../compiler/layout.js';
import { timeLayers, type LayerTime } from '../compiler/layer-timing.js';
import { loadTf, type BackendName } from '../compiler/node-backend.js';
import type { NetworkAnalysis } from '../language/analysis/types.js';
import { CommandError, loadNetwork, weightChoice } from './compiler-input.js';

export interface RunOptions {
    network?: string;
    weights?: string;
    seed?: number;
    backend: BackendName;
    batch: number;
    iterations: number;
    warmup: number;
    inputFile?: string;
    outputFile?: string;
    optimize?: boolean;
    /** Also time each layer and print it against its share of the MACs. */
    layers?: boolean;
}

/**
 * `cnn run`: builds the model, runs `warmup` untimed and `iterations` timed forward passes
 * (predict + reading the outputs back), and prints the median latency, images/s and GMAC/s
 * with the backend that actually ran.
 */
export async function runCommand(file: string, options: RunOptions): Promise<number> {
    const { network } = loadNetwork(file, options.network);
    const compiled = compileNetwork(network, weightChoice(options.weights, options.seed), { optimize: options.optimize });
    const { tf, backend, fallback } = await loadTf(options.backend);
    if (fallback) process.stderr.write(`cnn: ${fallback}\n`);
    const model = createModel(tf, compiled.spec, compiled.weights);
    const [c, h, w] = network.input as readonly number[];
    const batch = options.batch;
    const elements = batch * c * h * w;
    const nchw = options.inputFile ? readInput(options.inputFile, elements, `${batch}×${c}×${h}×${w}`) : seededInput(elements);
    const input = tf.tensor(nchwToNhwc(nchw, batch, [c, h, w]), [batch, h, w, c]);
    const forward = async (): Promise<Float32Array[]> => {
        const result = model.predict(input);
        const outputs = Array.isArray(result) ? result : [result];
        const data = await Promise.all(outputs.map(o => o.data() as Promise<Float32Array>));
        tf.dispose(outputs);
        return data;
    };
    let last: Float32Array[] = [];
    for (let i = 0; i < options.warmup; i++) last = await forward();
    const times: number[] = [];
    const started = performance.now();
    for (let i = 0; i < options.iterations; i++) {
        const t0 = performance.now();
        last = await forward();
        times.push(performance.now() - t0);
        if (performance.now() - started > 5000 && process.stderr.isTTY) process.stderr.write(`\rcnn: run ${i + 1}/${options.iterations}`);
    }
    if (performance.now() - started > 5000 && process.stderr.isTTY) process.stderr.write('\n');
    if (options.outputFile) writeOutputs(options.outputFile, last, compiled.spec.outputShapes, batch);
    if (options.layers) process.stdout.write(layerTable(network, await timeLayers(tf, model, compiled.spec, input)));
    tf.dispose(input);
    model.dispose();
    times.sort((a, b) => a - b);
    const median = times.length === 0 ? NaN : times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
    const gmacs = Number(network.totals.macs) * batch / (median / 1000) / 1e9;
    process.stdout.write(`${network.name} on ${backend}: median ${median.toFixed(2)} ms over ${times.length} runs (batch ${batch}), ` +
        `${(batch * 1000 / median).toFixed(2)} images/s, ${gmacs.toFixed(2)} GMAC/s\n`);
    return 0;
}

function readInput(path: string, elements: number, shape: string): Float32Array {
    let bytes: Buffer;
    try {
        bytes = readFileSync(path);
    } catch (error) {
        throw new CommandError(`cnn: cannot read input '${path}': ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, 2);
    }
    if (bytes.length !== elements * 4) {
        throw new CommandError(`cnn: input '${path}' has ${bytes.length} bytes, but ${shape} float32 values need ${elements * 4}`, 2);
    }
    const data = new Float32Array(elements);
    for (let i = 0; i < elements; i++) data[i] = bytes.readFloatLE(4 * i);
    return data;
}

/** A fixed input in [−1, 1) so runs are comparable. */
function seededInput(elements: number): Float32Array {
    const data = new Float32Array(elements);
    let state = 12345;
    for (let i = 0; i < elements; i++) {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        data[i] = state / 2 ** 31 - 1;
    }
    return data;
}

/** Raw little-endian float32 in PyTorch's layout: the main output first, then each tap's. */
function writeOutputs(path: string, outputs: Float32Array[], shapes: number[][], batch: number): void {
    const parts = outputs.map((data, k) => nhwcToNchw(data, batch, shapes[k]));
    const total = parts.reduce((sum, p) => sum + p.length, 0);
    const bytes = Buffer.alloc(total * 4);
    let at = 0;
    for (const part of parts) for (let i = 0; i < part.length; i++, at += 4) bytes.writeFloatLE(part[i], at);
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
}

/** Each row's measured time beside its share of the network's MACs (MACs are not time). */
function layerTable(network: NetworkAnalysis, times: LayerTime[]): string {
    const total = times.reduce((sum, t) => sum + t.milliseconds, 0);
    const macs = Number(network.totals.macs) || 1;
    const lines = ['layer                          op               ms   time %   MACs %'];
    for (const t of times) {
        const row = network.rows[t.row];
        lines.push(`${row.name.padEnd(30).slice(0, 30)} ${row.op.padEnd(12)} ${t.milliseconds.toFixed(2).padStart(8)} ${(100 * t.milliseconds / total).toFixed(1).padStart(8)} ${(100 * Number(row.macs) / macs).toFixed(1).padStart(8)}`);
    }
    lines.push(`total (one pass, layer by layer)            ${total.toFixed(2).padStart(8)}`);
    return lines.join('\n') + '\n';
}
