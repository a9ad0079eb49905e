import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createModel } from '../compiler/build-model.js';
import { compileNetwork } from '../compiler/compile-network.js';
import { emitModule } from '../compiler/emit-module.js';
import { modelFiles } from '../compiler/model-artifacts.js';
import { loadTf } from '../compiler/node-backend.js';
import { CommandError, loadNetwork, weightChoice } from './compiler-input.js';
import { writeFilesAtomically } from './write-files.js';

export interface CompileOptions {
    network?: string;
    out: string;
    weights?: string;
    seed?: number;
    optimize?: boolean;
    force?: boolean;
}

/** `cnn compile`: <Network>.js + .d.ts, cnn-layers.js, model.json and weights.bin in --out. */
export async function compileCommand(file: string, options: CompileOptions): Promise<number> {
    const { network } = loadNetwork(file, options.network);
    const compiled = compileNetwork(network, weightChoice(options.weights, options.seed), { optimize: options.optimize });
    const { tf } = await loadTf('cpu');
    const model = createModel(tf, compiled.spec, compiled.weights);
    const files = await modelFiles(tf, model);
    model.dispose();
    const module = emitModule(compiled.spec, { sourceFile: file, params: network.totals.params, buffers: network.totals.buffers, macs: network.totals.macs });
    const base = network.name.replace(/[^A-Za-z0-9_-]/g, '_');
    const written = writeFilesAtomically(options.out, [
        { name: `${base}.js`, data: module.js },
        { name: `${base}.d.ts`, data: module.dts },
        { name: 'cnn-layers.js', data: customLayersModule() },
        { name: 'model.json', data: files.modelJson },
        { name: 'weights.bin', data: files.weightsBin }
    ], options.force === true);
    const source = options.weights ? `weights from ${options.weights}` : `random weights (seed ${options.seed ?? 0})`;
    process.stdout.write(`${network.name}: wrote ${written.join(', ')} (${source}, ${(files.weightsBin.length / 2 ** 20).toFixed(1)} MiB${options.optimize ? ', optimised' : ''})\n`);
    return 0;
}

/** The custom layers as an ES module, bundled beside this file by esbuild.mjs. */
function customLayersModule(): string {
    const path = join(__dirname, '..', 'compiler', 'cnn-layers.js');
    try {
        return readFileSync(path, 'utf8');
    } catch {
        throw new CommandError(`cnn: '${path}' is missing; run 'npm run build'`, 2);
    }
}
