import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf } from '../../compiler/node-backend.js';
import type { Tf } from '../../compiler/tfjs-types.js';
import { analyzePath } from '../helpers.js';
import { buildWithTorchWeights, fixtureNames, fixturePath, readIo, relativeError, runNchw } from './torch-fixtures.js';

// Every operator and option against PyTorch 1.13's outputs (fixtures made by
// scripts/torch/make-fixtures.py, committed so this runs without PyTorch), on the wasm backend.
let tf: Tf;
beforeAll(async () => {
    const loaded = await loadTf('wasm');
    expect(loaded.backend).toBe('wasm');
    tf = loaded.tf;
});

describe.each([false, true])('compiled with optimize = %s', optimize => {
    it.each(fixtureNames())('%s gives PyTorch\'s outputs to 1e-4', name => {
        const network = analyzePath(fixturePath(name, '.cnn')).network();
        const io = readIo(fixturePath(name, '.io.safetensors'));
        const model = buildWithTorchWeights(tf, network, fixturePath(name, '.safetensors'), { optimize });
        const outputs = runNchw(tf, model, network, io.input);
        model.dispose();
        expect(outputs.length).toBe(io.outputs.length);
        outputs.forEach((output, k) => expect(relativeError(output, io.outputs[k].data), `output ${k}`).toBeLessThan(1e-4));
    });
});
