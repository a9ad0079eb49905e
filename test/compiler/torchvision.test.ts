import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf } from '../../compiler/node-backend.js';
import type { Tf } from '../../compiler/tfjs-types.js';
import { analyzePath } from '../helpers.js';
import { cnn } from '../cli/run-cli.js';
import { torchPython } from './python-torch.js';
import { buildWithTorchWeights, readIo, relativeError, runNchw } from './torch-fixtures.js';

// Every example network that torchvision has, with torchvision's own model (seeded random
// weights, random batch norm statistics) as the reference, on wasm. The weights are generated
// into a temporary folder one network at a time and deleted after (VGG-16's are 550 MB).
// Not here: torchvision's RegNet registers each block's projection before its body, so its
// state_dict is not in execution order and the importer refuses it (naming the first mismatch).
const NETWORKS: Array<[file: string, network: string, torchvision: string]> = [
    ['alexnet.cnn', 'AlexNetTorchvision', 'alexnet'],
    ['vgg16.cnn', 'VGG16', 'vgg16'],
    ['googlenet.cnn', 'GoogLeNet', 'googlenet'],
    ['inception-v3.cnn', 'InceptionV3', 'inception_v3'],
    ['resnet18.cnn', 'ResNet18', 'resnet18'],
    ['resnet50.cnn', 'ResNet50', 'resnet50'],
    ['resnext.cnn', 'ResNeXt50_32x4d', 'resnext50_32x4d'],
    ['wide-resnet.cnn', 'WideResNet50_2', 'wide_resnet50_2'],
    ['mobilenet.cnn', 'MobileNetV2', 'mobilenet_v2'],
    ['mobilenet.cnn', 'MobileNetV3Large', 'mobilenet_v3_large'],
    ['shufflenet.cnn', 'ShuffleNetV2_x1_0', 'shufflenet_v2_x1_0'],
    ['squeezenet.cnn', 'SqueezeNet1_0', 'squeezenet1_0'],
    ['densenet.cnn', 'DenseNet121', 'densenet121'],
    ['efficientnet.cnn', 'EfficientNetB0', 'efficientnet_b0'],
    ['convnext.cnn', 'ConvNeXtTiny', 'convnext_tiny'],
    ['mnasnet.cnn', 'MNASNet1_0', 'mnasnet1_0'],
    ['mobilenet-v3.cnn', 'MobileNetV3Small', 'mobilenet_v3_small']
];

const python = torchPython();
const only = process.env.CNN_TORCHVISION?.split(',');
if (!python) console.log('torchvision networks skipped: no python3 with torch and torchvision (apt-get install python3-torch python3-torchvision)');

let tf: Tf;
beforeAll(async () => { if (python) tf = (await loadTf('wasm')).tf; });

describe.skipIf(!python)('torchvision networks on wasm', () => {
    it.each(NETWORKS.filter(([, , name]) => !only || only.includes(name)))('%s %s equals torchvision %s to 1e-4', (file, name, torchvision) => {
        const dir = mkdtempSync(join(tmpdir(), 'cnn-torchvision-'));
        try {
            const made = spawnSync(python!, ['scripts/torch/make-fixtures.py', 'torchvision', torchvision, dir], { encoding: 'utf8' });
            expect(made.status, made.stderr).toBe(0);
            const network = analyzePath(join('examples', file)).network(name);
            const model = buildWithTorchWeights(tf, network, join(dir, 'weights.safetensors'));
            const io = readIo(join(dir, 'io.safetensors'));
            const outputs = runNchw(tf, model, network, io.input);
            model.dispose();
            expect(outputs.length).toBe(io.outputs.length);
            outputs.forEach((output, k) => expect(relativeError(output, io.outputs[k].data), `output ${k}`).toBeLessThan(1e-4));
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    }, 300_000);

    it.skipIf(only && !only.includes('resnet18'))('cnn run examples/resnet18.cnn --weights --input-file --output-file gives torchvision\'s logits', () => {
        const dir = mkdtempSync(join(tmpdir(), 'cnn-torchvision-'));
        try {
            const made = spawnSync(python!, ['scripts/torch/make-fixtures.py', 'torchvision', 'resnet18', dir], { encoding: 'utf8' });
            expect(made.status, made.stderr).toBe(0);
            const io = readIo(join(dir, 'io.safetensors'));
            writeFileSync(join(dir, 'x.bin'), Buffer.from(io.input.data.buffer, io.input.data.byteOffset, io.input.data.byteLength));
            const result = cnn('run', 'examples/resnet18.cnn', '--weights', join(dir, 'weights.safetensors'), '--input-file', join(dir, 'x.bin'),
                '--output-file', join(dir, 'y.bin'), '--iterations', '1', '--warmup', '0');
            expect(result.stderr).toBe('');
            expect(result.stdout).toMatch(/^ResNet18 on wasm: median /);
            const bytes = readFileSync(join(dir, 'y.bin'));
            const logits = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
            expect(logits.length).toBe(1000);
            expect(relativeError(logits, io.outputs[0].data)).toBeLessThan(1e-4);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    }, 300_000);
});
