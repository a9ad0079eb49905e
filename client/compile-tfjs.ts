// out/client/compile-tfjs.cjs: `CNN: Compile to TensorFlow.js`'s work, required by the extension
// only when the command runs, so extension.cjs never carries TensorFlow.js. The same steps as
// `cnn compile` (cli/compile-command.ts) on the saved file, without writing: the command writes.
import * as tf from '@tensorflow/tfjs';
import { createModel } from '../compiler/build-model.js';
import { compileNetwork } from '../compiler/compile-network.js';
import { emitModule } from '../compiler/emit-module.js';
import { modelFiles } from '../compiler/model-artifacts.js';
import type { Tf } from '../compiler/tfjs-types.js';
import { loadNetwork } from '../cli/compiler-input.js';

export interface CompiledFiles {
    network: string;
    /** The folder name for the network (`<Network>` with only safe characters). */
    base: string;
    files: Array<{ name: string; data: string | Uint8Array }>;
    weightsBytes: number;
}

/** Compiles `network` (undefined: the file's only one) of a saved .cnn file with seeded random weights. */
export async function compileToFiles(file: string, network: string | undefined, customLayers: string, seed = 0): Promise<CompiledFiles> {
    const { network: analysis } = loadNetwork(file, network);
    const compiled = compileNetwork(analysis, { seed });
    await tf.setBackend('cpu');
    const ttf = tf as unknown as Tf;
    const model = createModel(ttf, compiled.spec, compiled.weights);
    try {
        const files = await modelFiles(ttf, model);
        const module = emitModule(compiled.spec, { sourceFile: file, params: analysis.totals.params, buffers: analysis.totals.buffers, macs: analysis.totals.macs });
        const base = analysis.name.replace(/[^A-Za-z0-9_-]/g, '_');
        return {
            network: analysis.name, base, weightsBytes: files.weightsBin.length,
            files: [
                { name: `${base}.js`, data: module.js },
                { name: `${base}.d.ts`, data: module.dts },
                { name: 'cnn-layers.js', data: customLayers },
                { name: 'model.json', data: files.modelJson },
                { name: 'weights.bin', data: files.weightsBin }
            ]
        };
    } finally {
        model.dispose();
    }
}
