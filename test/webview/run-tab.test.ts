// The chart's Run tab in Debian's Chromium: the real page (chartHtml with the wasm CSP), the stub
// VS Code host answering `runRequest` with what the extension sends (the compiled spec and the rows'
// MACs), and the real out/webview/run.js timing MobileNet v1 layer by layer. Headless Chromium has
// no WebGPU adapter; WebGL2 runs on SwiftShader; with WebGL2 taken away (a blocklisted driver) the
// page must fall back to wasm, loading its .wasm files under the CSP, and say why.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunModelMessage } from '../../client/run-protocol.js';
import { modelSpec } from '../../compiler/model-spec.js';
import { runRows } from '../../compiler/run-rows.js';
import { analyzePath } from '../helpers.js';
import { chromiumMissing, launchChromium, openChartPage, ORIGIN, type ChartPage } from './chart-page.js';
import { analysisMessage, jsonReport } from './reports.js';

const FILE = 'examples/mobilenet.cnn';

let browser: Browser;
beforeAll(async () => { if (!chromiumMissing) browser = await launchChromium(); }, 60_000);
afterAll(async () => { await browser?.close(); });

const openRunPage = (options: { noWebgl2?: boolean } = {}) => openChartPage(browser, { wasm: true, ...options });

const waitPosted = (chart: ChartPage, type: string) => chart.page.waitForFunction(
    t => (globalThis as unknown as { __posted: Array<Record<string, unknown>> }).__posted.find(m => m.type === t), type, { timeout: 120_000 }
).then(handle => handle.jsonValue() as Promise<Record<string, any>>);

describe.skipIf(chromiumMissing)('Run tab in headless Chromium', () => {
    const NO_WEBGPU = 'webgpu: requestAdapter() gave no adapter';
    const NO_WEBGL2 = 'webgl: WebGL2 is unavailable (no GPU, or a blocklisted driver)';
    it.each([
        { backend: 'webgl', notes: [NO_WEBGPU], noWebgl2: false },
        { backend: 'wasm', notes: [NO_WEBGPU, NO_WEBGL2], noWebgl2: true }
    ])('times MobileNet v1 layer by layer on $backend, names the backend and shows MACs against time', async ({ backend, notes, noWebgl2 }) => {
        const network = analyzePath(FILE).network('MobileNetV1');
        const spec = modelSpec(network);
        const rows = runRows(network, spec);
        const chart = await openRunPage({ noWebgl2 });
        await chart.post(analysisMessage(jsonReport(FILE), { network: 'MobileNetV1' }));
        await chart.page.click('#tab-run');
        expect(await chart.page.isHidden('#panel-layers')).toBe(true);
        expect(await chart.page.getAttribute('#tab-run', 'aria-selected')).toBe('true');
        const request = await waitPosted(chart, 'runRequest');
        expect(request).toEqual({ type: 'runRequest', network: 'MobileNetV1' });
        // No TensorFlow.js before the tab asked for it.
        expect(await chart.page.evaluate(() => 'cnnRunTab' in globalThis)).toBe(false);
        const message: RunModelMessage = { type: 'runModel', network: 'MobileNetV1', spec, rows, scriptUri: `${ORIGIN}/out/webview/run.js`, wasmDir: `${ORIGIN}/out/webview/`, runs: 5 };
        await chart.post(message);
        const result = await waitPosted(chart, 'runResult');

        expect(result.backend).toBe(backend);
        expect(result.backendNotes).toEqual(notes);
        expect(result.runs).toBe(5);
        expect(result.medianMs).toBeGreaterThan(0);
        expect(result.imagesPerSecond).toBeCloseTo(1000 / result.medianMs, 6);
        expect(result.gmacPerSecond).toBeCloseTo(Number(network.totals.macs) / 1e9 / (result.medianMs / 1000), 6);
        // One timed row per compiled row, in order, under the compiled layer's name.
        const compiled = spec.nodes.filter(n => n.row !== undefined);
        expect(result.layers.map((l: any) => [l.row, l.name])).toEqual(compiled.map(n => [n.row, n.name]));
        expect(result.layers.every((l: any) => l.milliseconds >= 0)).toBe(true);
        const timeSum = result.layers.reduce((s: number, l: any) => s + l.timeShare, 0);
        expect(timeSum).toBeCloseTo(1, 9);
        for (const l of result.layers) expect(l.macsShare).toBeCloseTo(Number(network.rows[l.row]!.macs) / Number(network.totals.macs), 9);
        expect(result.layers.reduce((s: number, l: any) => s + l.macsShare, 0)).toBeCloseTo(1, 9);

        // The page shows it: the backend, the summary and one table row per layer.
        expect(await chart.page.textContent('#run-backend')).toBe(`Backend: ${backend} (${notes.join('; ')})`);
        expect(await chart.page.textContent('#run-summary')).toMatch(/^MobileNetV1: median \d+\.\d\d ms over 5 runs · \d+\.\d images\/s · \d+\.\d\d GMAC\/s achieved$/);
        expect(await chart.page.locator('#run-table tbody tr').count()).toBe(compiled.length);
        expect(await chart.page.textContent('#run-table tbody tr:first-child th')).toBe(compiled[0]!.name);
        // The lecture's point, measured: the depthwise convolutions' share of the time exceeds their share of the MACs.
        const depthwise = result.layers.filter((l: any) => spec.nodes.find(n => n.row === l.row)!.className === 'DepthwiseConv2D');
        expect(depthwise.length).toBe(13);
        const dwTime = depthwise.reduce((s: number, l: any) => s + l.timeShare, 0);
        const dwMacs = depthwise.reduce((s: number, l: any) => s + l.macsShare, 0);
        console.log(`run tab: MobileNetV1 on ${backend}, median ${result.medianMs.toFixed(1)} ms, ${result.gmacPerSecond.toFixed(2)} GMAC/s; depthwise ${(dwTime * 100).toFixed(1)}% of the time, ${(dwMacs * 100).toFixed(1)}% of the MACs`);
        expect(dwTime).toBeGreaterThan(dwMacs);
        expect(chart.consoleErrors).toEqual([]);
        expect(chart.foreignRequests).toEqual([]);
        await chart.screenshot(`run-tab-mobilenet-${backend}`);
        // Back to the Layers tab: the chart shows again and the Run panel hides.
        await chart.page.click('#tab-layers');
        expect(await chart.page.isHidden('#panel-run')).toBe(true);
        expect(await chart.page.isVisible('#panel-layers')).toBe(true);
    }, 180_000);

    it('says why it cannot run when the host refuses (an untrusted workspace)', async () => {
        const chart = await openRunPage();
        await chart.page.click('#tab-run');
        await waitPosted(chart, 'runRequest');
        await chart.post({ type: 'runUnavailable', reason: 'Run is off in an untrusted workspace: trust it to run networks.' });
        await chart.page.waitForFunction(() => (globalThis as any).document.getElementById('run-state').textContent.startsWith('Run is off'));
        expect(await chart.page.evaluate(() => 'cnnRunTab' in globalThis)).toBe(false);
        expect(chart.consoleErrors).toEqual([]);
    }, 60_000);
});
