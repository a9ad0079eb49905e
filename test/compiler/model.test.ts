import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../../compiler/build-model.js';
import { compileNetwork } from '../../compiler/compile-network.js';
import { emitModule } from '../../compiler/emit-module.js';
import { loadModelFiles, modelFiles } from '../../compiler/model-artifacts.js';
import { timeLayers } from '../../compiler/layer-timing.js';
import { loadTf } from '../../compiler/node-backend.js';
import type { LayersModel, Tf } from '../../compiler/tfjs-types.js';
import type { NetworkAnalysis } from '../../language/analysis/types.js';
import { analyzePath, analyzeText, net } from '../helpers.js';
import { fixturePath } from './torch-fixtures.js';

let tf: Tf;
const temporary = mkdtempSync(join(tmpdir(), 'cnn-compiler-'));
beforeAll(async () => { tf = (await loadTf('wasm')).tf; });
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

const count = (weights: ReadonlyArray<{ shape: ReadonlyArray<number | null> }>) => weights.reduce((sum, w) => sum + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
const randomInput = (network: NetworkAnalysis, batch = 2) => {
    const [c, h, w] = network.input as readonly number[];
    return tf.randomUniform([batch, h, w, c], -1, 1, 'float32', 5);
};
const outputsOf = (model: LayersModel, x: ReturnType<typeof randomInput>): Float32Array[] => {
    const result = model.predict(x);
    return (Array.isArray(result) ? result : [result]).map(t => t.dataSync() as Float32Array);
};
/** Channels-first analysis shapes as tfjs's channels-last model shapes. */
const nhwc = (shape: readonly number[]) => shape.length === 3 ? [null, shape[1], shape[2], shape[0]] : [null, ...shape];

describe('compiled models against the analysis', () => {
    it.each([
        ['examples/resnet18.cnn', 'ResNet18'], ['examples/googlenet.cnn', 'GoogLeNet'], ['examples/mobilenet.cnn', 'MobileNetV3Large'],
        ['examples/shufflenet.cnn', 'ShuffleNetV2_x1_0'], ['examples/squeezenet.cnn', 'SqueezeNet1_0'], ['examples/densenet.cnn', 'DenseNet121'],
        ['examples/efficientnet.cnn', 'EfficientNetB0']
    ])('%s %s: trainable weights = params, the others = buffers, output shapes = the analysis', { timeout: 120_000 }, (file, name) => {
        const network = analyzePath(file).network(name);
        const model = createModel(tf, compileNetwork(network, { seed: 1 }).spec);
        expect(BigInt(count(model.trainableWeights))).toBe(network.totals.params);
        expect(BigInt(count(model.nonTrainableWeights))).toBe(network.totals.buffers);
        expect(model.outputs.map(o => o.shape)).toEqual([network.output!, ...network.taps.map(t => t.output!)].map(nhwc));
        model.dispose();
    });
});

describe('--optimize', () => {
    it.each([['examples/resnet18.cnn', 'ResNet18', 11], ['examples/mobilenet.cnn', 'MobileNetV3Large', 4]])(
        '%s %s gives the plain model\'s outputs to 1e-4 with fewer layers', { timeout: 120_000 }, (file, name, seed) => {
            const network = analyzePath(file).network(name);
            const plain = compileNetwork(network, { seed });
            const optimised = compileNetwork(network, { seed }, { optimize: true });
            expect(optimised.spec.nodes.length).toBeLessThan(plain.spec.nodes.length);
            expect(optimised.spec.nodes.some(n => n.className === 'BatchNormalization' || n.className === 'Dropout')).toBe(false);
            const models = [createModel(tf, plain.spec, plain.weights), createModel(tf, optimised.spec, optimised.weights)];
            const x = randomInput(network, 1);
            const [a, b] = models.map(m => outputsOf(m, x)[0]);
            let diff = 0;
            let scale = 0;
            a.forEach((v, i) => { diff = Math.max(diff, Math.abs(v - b[i])); scale = Math.max(scale, Math.abs(v)); });
            expect(scale).toBeGreaterThan(0);
            expect(diff / scale).toBeLessThan(1e-4);
            tf.dispose(x);
            models.forEach(m => m.dispose());
        });
});

describe('per-layer timing', () => {
    it('times every row that has a layer, in order, counting helper layers with the row that reads them', async () => {
        const network = analyzePath(fixturePath('split', '.cnn')).network();
        const compiled = compileNetwork(network, { seed: 3 });
        const model = createModel(tf, compiled.spec, compiled.weights);
        const x = randomInput(network);
        const times = await timeLayers(tf, model, compiled.spec, x);
        expect(times.map(t => network.rows[t.row].name)).toEqual(network.rows.map(r => r.name));
        // Channel slices count towards the row that reads them.
        expect(times.map(t => t.layers)).toEqual([
            ['input_ch4_8', 'conv_1'], ['relu_1'], ['input_ch0_4', 'split_1'], ['shuffle_1'],
            ['shuffle_1_ch2_4', 'conv_2'], ['shuffle_1_ch0_2', 'split_2'], ['shuffle_1_ch4_8', 'conv_3'], ['split_3']
        ]);
        expect(times.every(t => t.milliseconds >= 0)).toBe(true);
        tf.dispose(x);
        model.dispose();
    });
});

describe('model.json and weights.bin', () => {
    it.each(['tap', 'maxpool-ceil', 'avgpool-ceil', 'adaptive-pool', 'lrn', 'split', 'scale', 'activations', 'shuffle', 'conv-groups', 'conv-dilation', 'flatten-bn'])(
        '%s round-trips through tf.loadLayersModel with the same outputs', async name => {
            const network = analyzePath(fixturePath(name, '.cnn')).network();
            for (const optimize of [false, true]) {
                const compiled = compileNetwork(network, { seed: 4 }, { optimize });
                const model = createModel(tf, compiled.spec, compiled.weights);
                const files = await modelFiles(tf, model);
                const json = JSON.parse(files.modelJson);
                expect(json.format).toBe('layers-model');
                expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
                const loaded = await loadModelFiles(tf, files);
                const x = randomInput(network);
                expect(outputsOf(loaded, x)).toEqual(outputsOf(model, x));
                tf.dispose([x]);
                model.dispose();
                loaded.dispose();
            }
        });
});

describe('the generated ES module', () => {
    const layersModule = readFileSync('out/compiler/cnn-layers.js', 'utf8');

    async function importModule(js: string, name: string): Promise<{ createModel(tf: Tf): LayersModel; networkName: string; outputNames: string[] }> {
        const dir = mkdtempSync(join(temporary, 'module-'));
        writeFileSync(join(dir, 'cnn-layers.js'), layersModule);
        writeFileSync(join(dir, `${name}.js`), js);
        return import(pathToFileURL(join(dir, `${name}.js`)).href);
    }

    it.each(['tap', 'split', 'scale', 'residual', 'conv-groups', 'avgpool-ceil'])('%s builds the model the compiler builds', async name => {
        const network = analyzePath(fixturePath(name, '.cnn')).network();
        const compiled = compileNetwork(network, { seed: 2 });
        const reference = createModel(tf, compiled.spec, compiled.weights);
        const module = emitModule(compiled.spec, { sourceFile: `${name}.cnn`, params: network.totals.params, buffers: network.totals.buffers, macs: network.totals.macs });
        const imported = await importModule(module.js, name);
        const model = imported.createModel(tf);
        expect(model.layers.map(l => l.name)).toEqual(reference.layers.map(l => l.name));
        for (const layer of reference.layers) model.getLayer(layer.name).setWeights(layer.getWeights());
        const x = randomInput(network);
        expect(outputsOf(model, x)).toEqual(outputsOf(reference, x));
        tf.dispose(x);
        model.dispose();
        reference.dispose();
    });

    it('names its source, network and totals in the header', () => {
        const network = analyzePath('examples/resnet18.cnn').network();
        const { js, dts } = emitModule(compileNetwork(network, { seed: 0 }).spec, { sourceFile: 'examples/resnet18.cnn', params: network.totals.params, buffers: network.totals.buffers, macs: network.totals.macs });
        expect(js.split('\n').slice(0, 3)).toEqual([
            `// ResNet18.js: generated by 'cnn compile' from examples/resnet18.cnn. Do not edit; recompile.`,
            '// Network ResNet18: 11,689,512 params, 9,600 buffers, 1,814,073,344 multiply-adds.',
            '// Input [batch, 224, 224, 3] float32 (NHWC); outputs: output.'
        ]);
        expect(dts).toContain('export declare function createModel(tf: typeof tfjs): tfjs.LayersModel;');
    });

    it('cannot be made to run code by hostile file names, network names or layer names', async () => {
        const network = analyzeText(net('    conv 4 3x3\n    tap aux { flatten, fc 2 }\n    relu', '3x5x5')).network();
        const spec = compileNetwork(network, { seed: 0 }).spec;
        const evil = `x'"\`\${globalThis.cnnPwned = 1}\n*/ globalThis.cnnPwned = 2; //\u2028globalThis.cnnPwned = 3;`;
        spec.network = evil;
        spec.outputNames[1] = evil;
        spec.nodes[0].name = `conv'"); globalThis.cnnPwned = 4; ("`;
        const { js } = emitModule(spec, { sourceFile: `${evil}.cnn`, params: 0n, buffers: 0n, macs: 0n });
        expect(js.split('\n').slice(0, 4).every(line => line.startsWith('//'))).toBe(true);
        const imported = await importModule(js, 'evil');
        expect(imported.networkName).toBe(evil);
        expect(imported.outputNames).toEqual(['output', evil]);
        expect((globalThis as { cnnPwned?: number }).cnnPwned).toBeUndefined();
        // tfjs itself refuses such a layer name: the text arrives as data, never as code.
        expect(() => imported.createModel(tf)).toThrow();
        expect((globalThis as { cnnPwned?: number }).cnnPwned).toBeUndefined();
    });
});
