// The chart page in a real browser (Debian's Chromium through playwright-core), loaded as VS Code
// loads it: real HTML and CSP, the built bundle, a stub acquireVsCodeApi. Real analyses in, exact
// figures out (the lecture's AlexNet table, ResNet-50's stage subtotals). A screenshot per run
// lands in test-output/webview/.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartLayer, CompareEntry } from '../../client/webview-protocol.js';
import { chromiumMissing, launchChromium, openChartPage, setThemeVariables, type ChartPage } from './chart-page.js';
import { ALEXNET_BARS } from './alexnet-bars.js';
import { analysisMessage, jsonReport } from './reports.js';

const alexnet = jsonReport('examples/alexnet.cnn');
const resnet50 = jsonReport('examples/resnet50.cnn');

/** AlexNet with a residual whose body changes the channels: a residual-mismatch error. */
function brokenAlexnet() {
    const dir = mkdtempSync(join(tmpdir(), 'cnn-webview-'));
    const path = join(dir, 'alexnet.cnn');
    writeFileSync(path, readFileSync('examples/alexnet.cnn', 'utf8').replace('    flatten\n', '    add: residual { conv 8 3x3 pad 1 }\n    flatten\n'));
    return jsonReport(path);
}

/** The horizontal centre of bar `index` of `count` in a panel canvas (the y axis is 72 px wide, 8 px pad on the right). */
async function clickBar(chart: ChartPage, canvasId: string, index: number, count: number): Promise<void> {
    const box = (await chart.page.locator(`#${canvasId}`).boundingBox())!;
    const left = box.x + 72;
    const width = box.width - 72 - 8;
    await chart.page.mouse.click(left + (index + 0.5) * (width / count), box.y + box.height * 0.5);
}

async function lastPosted(chart: ChartPage, type: string): Promise<Record<string, any> | undefined> {
    return (await chart.posted()).filter(m => m.type === type).at(-1) as Record<string, any> | undefined;
}

/** Does `action` and returns the message of `type` it made the page post (Chart.js may handle a click a frame later). */
async function postedBy(chart: ChartPage, type: string, action: () => Promise<void>): Promise<Record<string, any>> {
    const count = (await chart.posted()).filter(m => m.type === type).length;
    await action();
    await chart.page.waitForFunction(([t, n]) => (globalThis as any).__posted.filter((m: { type: string }) => m.type === t).length > n, [type, count] as const);
    return (await lastPosted(chart, type))!;
}

/** The pixel at a point of a canvas, as [r, g, b]. */
async function pixel(chart: ChartPage, canvasId: string, x: number, y: number): Promise<number[]> {
    return chart.page.evaluate(([id, px, py]) => {
        const canvas = (globalThis as any).document.getElementById(id);
        return [...canvas.getContext('2d').getImageData(px, py, 1, 1).data].slice(0, 3);
    }, [canvasId, x, y] as const);
}

describe.skipIf(chromiumMissing)('the chart page in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => { browser = await launchChromium(); }, 60_000);
    afterAll(async () => { await browser?.close(); });

    it('draws the lecture AlexNet: 11 bars per panel with the exact figures, and answers queryDrawn', async () => {
        const chart = await openChartPage(browser);
        await chart.post(analysisMessage(alexnet, { fileName: 'examples/alexnet.cnn' }));
        const drawn = await chart.drawn();
        expect(drawn).toMatchObject({ type: 'drawn', tab: 'layers', network: 'AlexNet', aggregation: 'layer', scale: 'linear', bars: 11, banner: null, bubbles: 0 });
        expect(drawn.labels).toEqual(ALEXNET_BARS.map(([name]) => name));
        expect(drawn.memory).toEqual(ALEXNET_BARS.map(([, memory]) => memory));
        expect(drawn.params).toEqual(ALEXNET_BARS.map(([, , params]) => params));
        expect(drawn.compute).toEqual(ALEXNET_BARS.map(([, , , macs]) => macs));
        expect(await chart.page.locator('h1').textContent()).toBe('alexnet.cnn — AlexNet');
        expect(await chart.page.locator('.totals').textContent()).toBe('params 61,100,840 · MACs 716,767,232 · memory 2.2 MiB');
        expect((await chart.posted())[0]).toEqual({ type: 'ready' });
        await chart.screenshot('alexnet-light');
        expect(chart.consoleErrors).toEqual([]);
        expect(chart.foreignRequests).toEqual([]);
    });

    it('shows the panels in FLOPs when the settings say so', async () => {
        const chart = await openChartPage(browser);
        await chart.post(analysisMessage(alexnet, { settings: { unit: 'flops', bytesPerElement: 4, batch: 1 } }));
        const drawn = await chart.drawn();
        expect(drawn.compute).toEqual(ALEXNET_BARS.map(([, , , macs]) => 2 * macs));
        expect(await chart.page.locator('.panel-title').nth(2).textContent()).toBe('FLOPs');
    });

    it('toggles a log scale', async () => {
        const chart = await openChartPage(browser);
        await chart.post(analysisMessage(alexnet));
        const toggle = chart.page.getByRole('button', { name: 'Log scale' });
        await toggle.click();
        const drawn = await chart.drawn();
        expect(drawn.scale).toBe('log');
        expect(drawn.params).toEqual(ALEXNET_BARS.map(([, , params]) => params));
        expect(await toggle.getAttribute('aria-pressed')).toBe('true');
        expect(await chart.page.locator('#panel-canvas-1').getAttribute('aria-label')).toBe('Parameters per bar: 11 bars, log scale');
        await chart.screenshot('alexnet-log');
        await toggle.click();
        expect((await chart.drawn()).scale).toBe('linear');
    });

    it('aggregates ResNet-50 by stage (its stage subtotals) and by block call (18 calls)', async () => {
        const chart = await openChartPage(browser);
        await chart.post(analysisMessage(resnet50));
        const network = resnet50.networks[0]!;
        const select = chart.page.getByLabel('Aggregate by');
        await select.selectOption('stage');
        const stages = await chart.drawn();
        expect(stages).toMatchObject({ aggregation: 'stage', bars: 6, labels: ['stem', 'layer1', 'layer2', 'layer3', 'layer4', 'head'] });
        expect(stages.params).toEqual(network.stages.map(s => s.params));
        expect(stages.compute).toEqual(network.stages.map(s => s.macs));
        expect(stages.memory).toEqual(network.stages.map(s => s.memoryBytes));
        const live = network.layers.some(l => (l as ChartLayer).liveBytes !== undefined) ? ['live memory (peak per bar)'] : [];
        expect(await chart.page.locator('.legend > span').allTextContents()).toEqual(['stem', 'layer1', 'layer2', 'layer3', 'layer4', 'head', ...live]);
        await select.selectOption('block');
        const blocks = await chart.drawn();
        expect(blocks.bars).toBe(18);
        expect(blocks.labels.filter((l: string) => l.startsWith('layer3/'))).toEqual([1, 2, 3, 4, 5, 6].map(k => `layer3/Bottleneck#${k}`));
        expect(blocks.params.reduce((a: number, b: number) => a + b, 0)).toBe(25_557_032);
        await chart.screenshot('resnet50-blocks');
        // A block's statements are in the library it is imported from: the reveal says which file.
        expect(await postedBy(chart, 'reveal', () => clickBar(chart, 'panel-canvas-2', 1, 18))).toEqual({ type: 'reveal', line: 26, column: 9, file: 'examples/blocks/resnet.cnn' });
        await select.selectOption('layer');
        expect((await chart.drawn()).bars).toBe(network.layers.filter(l => l.params !== 0 || l.macs !== 0 || l.memoryBytes !== 0).length);
    });

    it('keeps the last good picture under a banner while the file has errors', async () => {
        const chart = await openChartPage(browser);
        await chart.post(analysisMessage(alexnet, { fileName: 'alexnet.cnn', version: 1 }));
        const broken = brokenAlexnet();
        const error = broken.diagnostics.find(d => d.severity === 'error')!;
        expect(error.code).toBe('residual-mismatch');
        await chart.post(analysisMessage(broken, { fileName: 'alexnet.cnn', version: 2 }));
        const drawn = await chart.drawn();
        expect(drawn.banner).toBe(`alexnet.cnn has 1 error (line ${error.line}: ${error.message}); showing the last good analysis (version 1).`);
        expect(drawn.bars).toBe(11);
        expect(drawn.compute).toEqual(ALEXNET_BARS.map(([, , , macs]) => macs));
        expect(await chart.page.getByRole('alert').textContent()).toBe(drawn.banner);
        await chart.screenshot('alexnet-error-banner');
        await chart.post(analysisMessage(alexnet, { fileName: 'alexnet.cnn', version: 3 }));
        expect((await chart.drawn()).banner).toBeNull();
        expect(await chart.page.getByRole('alert').isHidden()).toBe(true);
    });

    it('reveals the statement of a clicked bar and highlights the bars on the cursor line', async () => {
        const chart = await openChartPage(browser);
        await chart.post(analysisMessage(alexnet));
        await chart.drawn();
        expect(await postedBy(chart, 'reveal', () => clickBar(chart, 'panel-canvas-2', 2, 11))).toEqual({ type: 'reveal', line: 16, column: 5 });
        expect(await postedBy(chart, 'reveal', () => clickBar(chart, 'panel-canvas-0', 8, 11))).toEqual({ type: 'reveal', line: 24, column: 5 });
        await chart.post({ type: 'cursor', line: 21 });
        expect((await chart.drawn()).highlighted).toEqual([6]);
        await chart.post({ type: 'cursor', line: 14 });
        expect((await chart.drawn()).highlighted).toEqual([]);
    });

    it('sorts the table by mouse and keyboard, with aria-sort, and reveals a row', async () => {
        const chart = await openChartPage(browser);
        await chart.post(analysisMessage(alexnet));
        expect(await postedBy(chart, 'tabShown', () => chart.page.getByRole('tab', { name: 'Table' }).click())).toEqual({ type: 'tabShown', tab: 'table' });
        const names = () => chart.page.locator('tbody th[scope="row"]').allTextContents();
        expect(await names()).toEqual(ALEXNET_BARS.map(([name]) => name));
        const params = chart.page.locator('th[scope="col"]', { hasText: 'Params' });
        await params.locator('button').click();
        expect(await params.getAttribute('aria-sort')).toBe('descending');
        expect(await names()).toEqual(['fc6', 'fc7', 'fc8', 'conv4', 'conv3', 'conv5', 'conv2', 'conv1', 'pool1', 'pool2', 'pool5']);
        await params.locator('button').click();
        expect(await params.getAttribute('aria-sort')).toBe('ascending');
        expect(await names()).toEqual(['pool1', 'pool2', 'pool5', 'conv1', 'conv2', 'conv5', 'conv3', 'conv4', 'fc8', 'fc7', 'fc6']);
        const name = chart.page.locator('th[scope="col"]', { hasText: 'Name' });
        await name.locator('button').focus();
        await chart.page.keyboard.press('Enter');
        expect(await name.getAttribute('aria-sort')).toBe('ascending');
        expect(await params.getAttribute('aria-sort')).toBe('none');
        expect(await names()).toEqual(['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'fc6', 'fc7', 'fc8', 'pool1', 'pool2', 'pool5']);
        expect(await chart.page.locator('tbody tr').nth(5).locator('td').nth(5).textContent()).toBe('37,752,832');
        expect(await postedBy(chart, 'reveal', () => chart.page.locator('tbody tr').nth(5).click())).toEqual({ type: 'reveal', line: 24, column: 5 });
        await chart.page.locator('tbody tr').nth(0).focus();
        expect(await postedBy(chart, 'reveal', () => chart.page.keyboard.press('Enter'))).toEqual({ type: 'reveal', line: 13, column: 5 });
        expect((await chart.drawn()).tab).toBe('table');
        await chart.screenshot('alexnet-table');
    });

    it('follows the VS Code theme: body class and --vscode-* variables, redrawn when they change', async () => {
        const chart = await openChartPage(browser, { bodyClass: 'vscode-light', variables: { '--vscode-charts-blue': '#ff0000', '--vscode-editor-background': '#fafafa' } });
        await chart.post(analysisMessage(alexnet));
        const light = await chart.drawn();
        expect(light.theme).toMatchObject({ kind: 'light', background: '#fafafa' });
        expect(light.theme.stageColors[0]).toBe('#ff0000');
        // conv2's bar, half way up the MACs panel, is drawn in the stage colour.
        const box = (await chart.page.locator('#panel-canvas-2').boundingBox())!;
        const x = Math.round(72 + 2.5 * (box.width - 80) / 11);
        const y = Math.round(box.height * 0.55);
        expect(await pixel(chart, 'panel-canvas-2', x, y)).toEqual([255, 0, 0]);
        // VS Code switches the theme by rewriting the body's class and the root's variables.
        await setThemeVariables(chart, 'vscode-dark', { '--vscode-charts-blue': '#00ff00', '--vscode-editor-background': '#1e1e1e', '--vscode-editor-foreground': '#d4d4d4' });
        const dark = await chart.drawn();
        expect(dark.theme).toMatchObject({ kind: 'dark', background: '#1e1e1e', foreground: '#d4d4d4' });
        expect(await pixel(chart, 'panel-canvas-2', x, y)).toEqual([0, 255, 0]);
        expect(await chart.page.evaluate(() => (globalThis as any).getComputedStyle((globalThis as any).document.body).backgroundColor)).toBe('rgb(30, 30, 30)');
        await chart.screenshot('alexnet-dark');
        await setThemeVariables(chart, 'vscode-high-contrast', {});
        const contrast = await chart.drawn();
        expect(contrast.theme).toMatchObject({ kind: 'high-contrast', background: '#000000', foreground: '#ffffff' });
        await chart.screenshot('alexnet-high-contrast');
    });

    it('ignores hostile messages and shows a label with markup as text', async () => {
        const chart = await openChartPage(browser);
        await chart.post(analysisMessage(alexnet));
        for (const hostile of [
            { type: 'analysis', report: { file: 'x', networks: [{ name: 'X', layers: 'nope' }], diagnostics: [] } },
            { type: 'analysis', report: alexnet, network: null, fileName: 'a', version: 1, settings: { unit: 'macs', bytesPerElement: 4, batch: 1 }, extra: 1, __proto__: { x: 1 } },
            { type: 'eval', code: 'globalThis.__pwned = 1' }, 'analysis', null, 42, { type: 'cursor', line: 'x' }
        ]) await chart.post(hostile);
        const label = '<img src=x onerror="globalThis.__pwned=1">';
        const spoiled = JSON.parse(JSON.stringify(alexnet));
        spoiled.networks[0].layers[0].name = label;
        await chart.post(analysisMessage(spoiled, { fileName: '<svg onload="globalThis.__pwned=2">.cnn' }));
        const drawn = await chart.drawn();
        expect(drawn.labels[0]).toBe(label);
        expect(drawn.bars).toBe(11);
        await chart.page.getByRole('tab', { name: 'Table' }).click();
        expect(await chart.page.locator('tbody th[scope="row"]').first().textContent()).toBe(label);
        expect(await chart.page.locator('h1').textContent()).toBe('<svg onload="globalThis.__pwned=2">.cnn — AlexNet');
        expect(await chart.page.locator('img, svg').count()).toBe(0);
        expect(await chart.page.evaluate(() => (globalThis as any).__pwned)).toBeUndefined();
        expect(chart.consoleErrors).toEqual([]);
    });

    it('draws a network without layers, and counts past 2^53 exactly', async () => {
        const chart = await openChartPage(browser);
        const empty = JSON.parse(JSON.stringify(alexnet));
        empty.networks = [{ ...empty.networks[0], name: 'Empty', layers: [], stages: [], taps: [] }];
        await chart.post(analysisMessage(empty));
        expect(await chart.drawn()).toMatchObject({ network: 'Empty', bars: 0, labels: [] });
        const huge = JSON.parse(JSON.stringify(alexnet));
        huge.networks[0].layers[0].macs = '123456789012345678901';
        huge.networks[0].totals.macs = '123456789012345678901';
        await chart.post(analysisMessage(huge, { settings: { unit: 'flops', bytesPerElement: 4, batch: 1 } }));
        expect((await chart.drawn()).compute[0]).toBe(2 * 123456789012345678901);
        await chart.page.getByRole('tab', { name: 'Table' }).click();
        expect(await chart.page.locator('tbody tr').first().locator('td').nth(6).textContent()).toBe('246,913,578,024,691,357,802');
        expect(chart.consoleErrors).toEqual([]);
    });

    it('picks among the networks of a file', async () => {
        const chart = await openChartPage(browser);
        await chart.post(analysisMessage(alexnet));
        const picker = chart.page.getByLabel('Network');
        expect(await picker.isVisible()).toBe(true);
        await picker.selectOption('AlexNetTorchvision');
        const drawn = await chart.drawn();
        expect(drawn.network).toBe('AlexNetTorchvision');
        // At 224×224 conv1 gives 55×55 (70,276,800 MACs); the adaptive pool keeps 256×6×6.
        expect(drawn.labels.slice(0, 2)).toEqual(['conv1', 'pool1']);
        expect(drawn.compute[0]).toBe(70_276_800);
        expect(drawn.bars).toBe(12);
        // A new analysis of the same file keeps the user's pick.
        await chart.post(analysisMessage(alexnet, { version: 2 }));
        expect((await chart.drawn()).network).toBe('AlexNetTorchvision');
        await chart.post(analysisMessage(resnet50, { version: 3 }));
        expect(await picker.isHidden()).toBe(true);
    });

    it('compares networks as bubbles, marks the current one and opens a clicked one', async () => {
        // The current network is drawn in the cursor colour: magenta here, to find it on the canvas.
        const chart = await openChartPage(browser, { variables: { '--vscode-editorCursor-foreground': '#ff00ff' } });
        await chart.post(analysisMessage(alexnet));
        const entry = (name: string, params: number, macs: number, top1: number | null, current = false): CompareEntry =>
            ({ file: `examples/${name}.cnn`, uri: `file:///examples/${name}.cnn`, name, params, macs, memoryBytes: 1, top1, source: null, current });
        await chart.post({ type: 'compare', entries: [entry('AlexNet', 61_100_840, 716_767_232, 56.522, true), entry('VGG16', 138_357_544, 15_470_264_320, 71.592), entry('ResNet50', 25_557_032, 4_089_184_256, 76.13), entry('Mine', 1000, 2_000_000, null)] });
        await chart.post({ type: 'showTab', tab: 'compare' });
        const drawn = await chart.drawn();
        expect(drawn).toMatchObject({ tab: 'compare', bubbles: 3 });
        expect(await chart.page.locator('#compare-canvas').getAttribute('aria-label')).toBe('Comparing complexity: 3 networks by MACs and top-1 accuracy');
        expect(await chart.page.locator('#panel-compare .status').last().textContent()).toBe('Without a published top-1 (meta top1), not placed: Mine.');
        await chart.screenshot('compare');
        const centre = await chart.page.evaluate(() => {
            const canvas = (globalThis as any).document.getElementById('compare-canvas');
            const { data, width, height } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
            let sx = 0, sy = 0, n = 0;
            for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
                const i = 4 * (y * width + x);
                if (data[i] === 255 && data[i + 1] === 0 && data[i + 2] === 255) { sx += x; sy += y; n++; }
            }
            const box = canvas.getBoundingClientRect();
            return n === 0 ? null : { x: box.left + sx / n * box.width / width, y: box.top + sy / n * box.height / height };
        });
        expect(centre).not.toBeNull();
        expect(await postedBy(chart, 'openFile', () => chart.page.mouse.click(centre!.x, centre!.y))).toEqual({ type: 'openFile', uri: 'file:///examples/AlexNet.cnn' });

        // A current network without a top-1 cannot be placed: a vertical line marks its MACs.
        await chart.post({ type: 'compare', entries: [entry('AlexNet', 61_100_840, 716_767_232, 56.522), entry('VGG16', 138_357_544, 15_470_264_320, 71.592), entry('Mine', 1000, 2_000_000_000, null, true)] });
        expect((await chart.drawn()).bubbles).toBe(2);
        const columns = await chart.page.evaluate(() => {
            const canvas = (globalThis as any).document.getElementById('compare-canvas');
            const { data, width, height } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
            const counts = new Map<number, number>();
            for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
                const i = 4 * (y * width + x);
                if (data[i] === 255 && data[i + 1] === 0 && data[i + 2] === 255) counts.set(x, (counts.get(x) ?? 0) + 1);
            }
            return [...counts.entries()].filter(([, n]) => n > 100).map(([x]) => x);
        });
        // One dashed line, one pixel wide, more than 100 pixels of it: between AlexNet's and VGG16's bubbles.
        expect(columns).toHaveLength(1);
        await chart.screenshot('compare-marker');
    });

    it('exports CSV, SVG and PNG through save messages', async () => {
        const chart = await openChartPage(browser);
        await chart.post(analysisMessage(alexnet, { fileName: '/home/u/alexnet.cnn' }));
        await chart.drawn();
        const csv = await postedBy(chart, 'save', () => chart.page.getByRole('button', { name: 'CSV' }).click());
        expect(csv).toMatchObject({ type: 'save', format: 'csv', fileName: 'alexnet-AlexNet-layer.csv', encoding: 'utf8' });
        expect(csv.data.split('\r\n').slice(0, 2)).toEqual(['name,path,kind,output,memory_bytes,params,macs,line,column', 'conv1,,conv,64x56x56,802816,23296,72855552,13,5']);
        const svg = await postedBy(chart, 'save', () => chart.page.getByRole('button', { name: 'SVG' }).click());
        expect(svg).toMatchObject({ format: 'svg', fileName: 'alexnet-AlexNet-layer.svg', encoding: 'utf8' });
        expect(svg.data.match(/<rect x=/g)).toHaveLength(33);
        const png = await postedBy(chart, 'save', () => chart.page.getByRole('button', { name: 'PNG' }).click());
        expect(png).toMatchObject({ format: 'png', fileName: 'alexnet-AlexNet-layer.png', encoding: 'base64' });
        const bytes = Buffer.from(png.data, 'base64');
        expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        // The three panels stacked: as wide as one canvas, as high as the three.
        const heights = await chart.page.evaluate(() => [0, 1, 2].map(i => (globalThis as any).document.getElementById(`panel-canvas-${i}`).height));
        expect(bytes.readUInt32BE(20)).toBe(heights.reduce((a: number, b: number) => a + b, 0));
    });
});
