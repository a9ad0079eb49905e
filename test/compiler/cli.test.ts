import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cnn } from '../cli/run-cli.js';
import { fixturePath, readIo, relativeError } from './torch-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'cnn-cli-compiler-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const raw = (data: Float32Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

describe('cnn run', () => {
    it('gives PyTorch\'s outputs from --input-file in --output-file (main output, then each tap)', () => {
        const io = readIo(fixturePath('tap', '.io.safetensors'));
        writeFileSync(join(dir, 'x.bin'), raw(io.input.data));
        const result = cnn('run', fixturePath('tap', '.cnn'), '--weights', fixturePath('tap', '.safetensors'), '--batch', '2',
            '--input-file', join(dir, 'x.bin'), '--output-file', join(dir, 'y.bin'), '--iterations', '2', '--warmup', '1');
        expect(result.stderr).toBe('');
        expect(result.stdout).toMatch(/^Op on wasm: median \d+\.\d\d ms over 2 runs \(batch 2\), \d+\.\d\d images\/s, \d+\.\d\d GMAC\/s\n$/);
        const bytes = readFileSync(join(dir, 'y.bin'));
        const y = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
        const expected = new Float32Array(io.outputs.flatMap(o => [...o.data]));
        expect(y.length).toBe(expected.length);
        expect(relativeError(y, expected)).toBeLessThan(1e-4);
    });

    it('falls back from a browser backend with a clear message, and refuses an input of the wrong size', () => {
        writeFileSync(join(dir, 'short.bin'), Buffer.alloc(12));
        const result = cnn('run', fixturePath('tap', '.cnn'), '--backend', 'webgl', '--input-file', join(dir, 'short.bin'));
        expect(result.status).toBe(2);
        expect(result.stderr).toBe(`cnn: backend 'webgl' needs a browser's GPU (the editor's Run view); Node uses wasm\n` +
            `cnn: input '${join(dir, 'short.bin')}' has 12 bytes, but 1×4×6×6 float32 values need 576\n`);
    });

    it('names the layer, key and both shapes when the weights do not fit', () => {
        const result = cnn('run', fixturePath('tap', '.cnn'), '--weights', fixturePath('bn', '.safetensors'));
        expect(result.status).toBe(1);
        expect(result.stderr).toBe(`cnn: weights: layer conv_1 (conv) expects weight [8, 4, 3, 3], but 'chain.items.0.weight' is [5, 5, 3, 3]\n`);
    });
});

describe('cnn compile', () => {
    it('writes the module, its types, the custom layers, model.json and weights.bin, and never overwrites without --force', () => {
        const out = join(dir, 'out');
        const first = cnn('compile', fixturePath('split', '.cnn'), '--out', out, '--seed', '3');
        expect(first.stderr).toBe('');
        expect(first.status).toBe(0);
        expect(readdirSync(out).sort()).toEqual(['Op.d.ts', 'Op.js', 'cnn-layers.js', 'model.json', 'weights.bin']);
        const again = cnn('compile', fixturePath('split', '.cnn'), '--out', out);
        expect(again.status).toBe(2);
        expect(again.stderr).toContain(`'${join(out, 'Op.js')}'`);
        expect(again.stderr).toMatch(/exist; use --force to overwrite\n$/);
        expect(cnn('compile', fixturePath('split', '.cnn'), '--out', out, '--force', '--optimize').status).toBe(0);
        expect(existsSync(join(out, 'Op.js.tmp'))).toBe(false);
    });

    it('refuses a file with errors, printing them', () => {
        writeFileSync(join(dir, 'bad.cnn'), 'network Bad {\n    input 3x8x8\n    residual { conv 4 1x1 }\n}\n');
        const result = cnn('compile', join(dir, 'bad.cnn'), '--out', join(dir, 'bad'));
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(/residual-mismatch.*\ncnn: Bad has errors; nothing compiled\n$/s);
        expect(existsSync(join(dir, 'bad'))).toBe(false);
    });
});
