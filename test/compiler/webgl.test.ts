import { existsSync, readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileNetwork } from '../../compiler/compile-network.js';
import { nchwToNhwc, nhwcToNchw } from '../../compiler/layout.js';
import { analyzePath } from '../helpers.js';
import { fixtureNames, fixturePath, readIo, relativeError } from './torch-fixtures.js';

// The compiled models in headless Chromium: webgl on SwiftShader (software) against cpu in the
// same page and against PyTorch. A lost GPU context reads back zeros quickly, so values are compared.
const CHROMIUM = '/usr/bin/chromium';
const missing = !existsSync(CHROMIUM);
if (missing) console.log(`webgl tests skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

let browser: Browser;
let page: Page;

beforeAll(async () => {
    if (missing) return;
    const bundle = await esbuild.build({
        entryPoints: ['test/compiler/webgl-page-entry.ts'], bundle: true, format: 'iife', platform: 'browser', write: false, logLevel: 'error'
    });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
            '--use-angle=swiftshader', '--enable-unsafe-swiftshader']
    });
    page = await browser.newPage();
    await page.setContent('<!doctype html><title>cnn webgl</title>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
}, 120_000);
afterAll(async () => { await browser?.close(); });

describe.skipIf(missing)('webgl in headless Chromium', () => {
    it.each(fixtureNames())('%s: webgl equals cpu and PyTorch', async name => {
        const network = analyzePath(fixturePath(name, '.cnn')).network();
        const compiled = compileNetwork(network, { safetensors: readFileSync(fixturePath(name, '.safetensors')), file: name });
        const io = readIo(fixturePath(name, '.io.safetensors'));
        const [batch, c, h, w] = io.input.shape;
        const job = {
            spec: compiled.spec,
            weights: [...compiled.weights].map(([index, arrays]) => [index, arrays.map(a => ({ name: a.name, shape: a.shape, data: Array.from(a.data) }))]),
            input: { shape: [batch, h, w, c], data: Array.from(nchwToNhwc(io.input.data, batch, [c, h, w])) }
        };
        const run = (backend: string) => page.evaluate(j => (globalThis as any).cnnRun(j), { ...job, backend }) as Promise<{ backend: string; outputs: number[][] }>;
        const webgl = await run('webgl');
        const cpu = await run('cpu');
        expect([webgl.backend, cpu.backend]).toEqual(['webgl', 'cpu']);
        const shapes = compiled.spec.outputShapes;
        webgl.outputs.forEach((output, k) => {
            const gl = nhwcToNchw(new Float32Array(output), batch, shapes[k]);
            expect(gl.some(v => v !== 0), 'webgl read back only zeros').toBe(true);
            expect(relativeError(gl, nhwcToNchw(new Float32Array(cpu.outputs[k]), batch, shapes[k])), `output ${k} vs cpu`).toBeLessThan(1e-4);
            expect(relativeError(gl, io.outputs[k].data), `output ${k} vs PyTorch`).toBeLessThan(1e-4);
        });
    }, 60_000);
});
