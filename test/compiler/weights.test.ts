import { describe, expect, it } from 'vitest';
import { importTorchWeights } from '../../compiler/weights/import-torch.js';
import { readSafetensors, writeSafetensors } from '../../compiler/weights/safetensors.js';
import { analyzeText, net } from '../helpers.js';

const rows = analyzeText(net('    stage s { conv 5 3x3 pad 1 nobias, bn, relu }\n    flatten\n    fc 2', '3x4x4')).network().rows;
const tensor = (key: string, shape: number[]) => ({ key, shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.5) });
const good = () => [
    tensor('c.weight', [5, 3, 3, 3]),
    tensor('b.weight', [5]), tensor('b.bias', [5]), tensor('b.running_mean', [5]), tensor('b.running_var', [5]),
    tensor('fc.weight', [2, 80]), tensor('fc.bias', [2])
];
const importing = (tensors: ReturnType<typeof good>) => () => importTorchWeights(rows, readSafetensors(writeSafetensors(tensors), 'w.safetensors'));

describe('importing a PyTorch state_dict', () => {
    it('gives each row with weights its module, in order', () => {
        const imported = importing(good())();
        expect([...imported.keys()]).toEqual([0, 1, 4]);
        expect([...imported.get(1)!.keys()]).toEqual(['weight', 'bias', 'running_mean', 'running_var']);
        expect(imported.get(4)!.get('weight')!.shape).toEqual([2, 80]);
    });

    it.each([
        ['a wrong shape', (t: ReturnType<typeof good>) => { t[0] = tensor('c.weight', [5, 4, 3, 3]); },
            `weights: layer conv_1 (conv at s) expects weight [5, 3, 3, 3], but 'c.weight' is [5, 4, 3, 3]`],
        ['a bias the layer does not have', (t: ReturnType<typeof good>) => { t.splice(1, 0, tensor('c.bias', [5])); },
            `weights: layer conv_1 (conv at s) has no bias, but the file has 'c.bias' [5]`],
        ['a missing running variance', (t: ReturnType<typeof good>) => { t.splice(4, 1); },
            `weights: layer bn_1 (bn at s) expects running_var [5], but module 'b' has no 'running_var' (it has 'b.weight', 'b.bias', 'b.running_mean')`],
        ['too few tensors', (t: ReturnType<typeof good>) => { t.splice(5, 2); },
            `weights: layer fc_1 (fc) expects weight [2, 80], but the file has no tensors left`],
        ['too many tensors', (t: ReturnType<typeof good>) => { t.push(tensor('extra.weight', [3])); },
            `weights: 'extra.weight' [3] is left over: every layer of the network already has its weights`]
    ])('refuses %s with one error naming layer, path, key and shapes', (_what, change, message) => {
        const tensors = good();
        change(tensors);
        expect(importing(tensors)).toThrow(message);
        try { importing(tensors)(); } catch (error) { expect((error as Error).message).toBe(message); }
    });
});

describe('importing torchvision\'s ConvNeXt layout', () => {
    it('holds a layer_scale registered before its block for the layerscale row, and reads a Linear as a 1×1 conv', () => {
        const convnext = analyzeText(net('    residual { dwconv 3x3 pad 1, conv 4 1x1, layerscale }', '4x3x3')).network().rows;
        const tensors = [tensor('b.layer_scale', [4, 1, 1]), tensor('b.block.0.weight', [4, 1, 3, 3]), tensor('b.block.0.bias', [4]),
            tensor('b.block.1.weight', [4, 4]), tensor('b.block.1.bias', [4])];
        const imported = importTorchWeights(convnext, readSafetensors(writeSafetensors(tensors)));
        expect([...imported.keys()]).toEqual([0, 1, 2]);
        expect(imported.get(1)!.get('weight')!.shape).toEqual([4, 4, 1, 1]);
        expect(imported.get(2)!.get('weight')!.shape).toEqual([4]);
    });
});

describe('reading safetensors', () => {
    const header = (json: string, data = 0) => {
        const text = new TextEncoder().encode(json);
        const bytes = new Uint8Array(8 + text.length + data);
        new DataView(bytes.buffer).setBigUint64(0, BigInt(text.length), true);
        bytes.set(text, 8);
        return bytes;
    };
    it('round-trips what it writes', () => {
        const entries = readSafetensors(writeSafetensors([{ key: 'a', shape: [2, 2], data: new Float32Array([1, -2, 3.5, 0]) }]));
        expect(entries.map(e => [e.key, e.dtype, e.shape, [...e.tensor!.data]])).toEqual([['a', 'F32', [2, 2], [1, -2, 3.5, 0]]]);
    });
    it.each([
        ['a short file', new Uint8Array(4), 'f: not a safetensors file (4 bytes, shorter than the 8-byte header length)'],
        ['a header longer than the file', (() => { const b = new Uint8Array(16); b[0] = 200; return b; })(), 'f: not a safetensors file (header length 200 exceeds the 8 bytes after it)'],
        ['a header that is not JSON', header('{nope'), 'f: not a safetensors file (its header is not JSON)'],
        ['data outside the file', header('{"a":{"dtype":"F32","shape":[10],"data_offsets":[0,40]}}', 16), `f: tensor 'a' lies outside the file (bytes 0–40 of 16)`],
        ['a size that does not fit the shape', header('{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}', 8), `f: tensor 'a' has 8 bytes, but F32 [3] needs 12`],
        ['an unknown dtype', header('{"a":{"dtype":"Q7","shape":[1],"data_offsets":[0,1]}}', 1), `f: tensor 'a' has an unknown dtype "Q7"`]
    ])('refuses %s with a clear error', (_what, bytes, message) => {
        expect(() => readSafetensors(bytes, 'f')).toThrow(message);
    });
});
