import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { compileToFiles } from '../../client/compile-tfjs.js';

// `CNN: Compile to TensorFlow.js` computes its files with client/compile-tfjs.ts: they must be the
// very bytes `cnn compile` writes for the same file and seed.
const folder = mkdtempSync(join(tmpdir(), 'cnn-compile-files-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const TINY = `network Tiny {
    input 3x16x16
    conv 8 3x3 pad 1
    bn
    relu
    dwconv 3x3 stride 2 pad 1
    globalavgpool
    fc 10
}
`;

describe('compileToFiles (the editor command)', () => {
    it("gives the bytes 'cnn compile' writes", async () => {
        const file = join(folder, 'tiny.cnn');
        writeFileSync(file, TINY);
        const layers = readFileSync('out/compiler/cnn-layers.js', 'utf8');
        const compiled = await compileToFiles(file, undefined, layers);
        expect(compiled.network).toBe('Tiny');
        expect(compiled.base).toBe('Tiny');
        expect(compiled.files.map(f => f.name)).toEqual(['Tiny.js', 'Tiny.d.ts', 'cnn-layers.js', 'model.json', 'weights.bin']);
        const out = join(folder, 'cli');
        execFileSync(process.execPath, ['out/cli/cnn.cjs', 'compile', file, '--out', out], { stdio: 'pipe' });
        expect(readdirSync(out).sort()).toEqual(compiled.files.map(f => f.name).sort());
        for (const f of compiled.files) {
            const expected = readFileSync(join(out, f.name));
            const actual = typeof f.data === 'string' ? Buffer.from(f.data, 'utf8') : Buffer.from(f.data);
            expect(actual.equals(expected), f.name).toBe(true);
        }
        expect(compiled.weightsBytes).toBe(readFileSync(join(out, 'weights.bin')).length);
    }, 60_000);

    it('refuses a network with errors with the compiler message', async () => {
        const file = join(folder, 'broken.cnn');
        writeFileSync(file, 'network Broken {\n    input 3x8x8\n    conv 4 9x9\n}\n');
        await expect(compileToFiles(file, undefined, '')).rejects.toThrow(/cnn: Broken has errors; nothing compiled$/);
        await expect(compileToFiles(file, 'Other', '')).rejects.toThrow(`cnn: no network 'Other' in '${file}' (networks: Broken)`);
    });
});
