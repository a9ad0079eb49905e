// The chart's redraw time on ResNet-152 written out layer by layer (~600 rows), in Chromium:
//  - first draw: from posting the analysis to the frame that shows it (the page answers queryDrawn
//    in the next animation frame, so the time includes Chart.js drawing three panels and the table);
//  - per keystroke: a new analysis of the same size (one layer's width changed), same measure;
//  - the log toggle, which redraws without a new analysis;
//  - a keystroke while the Table tab shows (the table is built only while it shows).
// Timed inside the page (performance.now), median over runs. Needs /usr/bin/chromium.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeFile } from '../cli/analyze-file.js';
import { DEFAULT_SETTINGS } from '../language/analysis/settings.js';
import { toJsonReport, type JsonReport } from '../language/analysis/to-json.js';
import { chromiumMissing, launchChromium, openChartPage } from '../test/webview/chart-page.js';
import { RESNET152_STAGES, resnetWrittenOut } from './resnet-text.js';

const RUNS = 21;

function report(text: string): JsonReport {
    const dir = mkdtempSync(join(tmpdir(), 'cnn-chart-bench-'));
    const path = join(dir, 'resnet152.cnn');
    writeFileSync(path, text);
    const analyzed = analyzeFile(path, DEFAULT_SETTINGS);
    if (analyzed.diagnostics.some(d => d.severity === 'error')) throw new Error(`chart bench: ${analyzed.diagnostics[0]!.message}`);
    return toJsonReport(path, analyzed.analysis, analyzed.diagnostics, DEFAULT_SETTINGS, analyzed.lineText);
}

function median(samples: number[]): number {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
    if (chromiumMissing) {
        console.log('chart bench: skipped (no /usr/bin/chromium)');
        return;
    }
    const text = resnetWrittenOut(RESNET152_STAGES);
    const a = report(text);
    // The "keystroke": the first 3×3 of layer1 a little wider, so every later number is redrawn.
    const b = report(text.replace('conv 64 3x3 stride 1 pad 1', 'conv 65 3x3 stride 1 pad 1'));
    const rows = a.networks[0]!.layers.length;
    const browser = await launchChromium();
    try {
        const chart = await openChartPage(browser, { width: 1400 });
        const settings = { unit: 'macs', bytesPerElement: 4, batch: 1 };
        // One timed step inside the page: post the messages, resolve on the `drawn` answer.
        const step = (messages: unknown[]) => chart.page.evaluate(async list => {
            const w = globalThis as unknown as { postMessage(m: unknown, o: string): void; __onPost?: (m: { type: string }) => void; performance: { now(): number } };
            const requestId = Math.floor(Math.random() * 1e9);
            const done = new Promise<number>(resolve => {
                w.__onPost = m => { if (m.type === 'drawn') resolve(w.performance.now()); };
            });
            const start = w.performance.now();
            for (const m of list) w.postMessage(m, '*');
            w.postMessage({ type: 'queryDrawn', requestId }, '*');
            return (await done) - start;
        }, messages);
        const analysis = (r: JsonReport, version: number) => ({ type: 'analysis', report: r, network: null, fileName: 'resnet152.cnn', version, settings });

        const first = await step([analysis(a, 1)]);
        const drawn = await chart.drawn();
        const keystrokes: number[] = [];
        for (let i = 0; i < RUNS; i++) keystrokes.push(await step([analysis(i % 2 === 0 ? b : a, i + 2)]));
        // A keystroke that changes no number (a comment, a name being typed): the panels are left as they are.
        const unchanged: number[] = [];
        for (let i = 0; i < RUNS; i++) unchanged.push(await step([analysis(a, 100 + i)]));
        const toggles: number[] = [];
        for (let i = 0; i < RUNS; i++) {
            toggles.push(await chart.page.evaluate(async () => {
                const w = globalThis as unknown as { document: { querySelector(s: string): { click(): void } }; __onPost?: (m: { type: string }) => void; postMessage(m: unknown, o: string): void; performance: { now(): number } };
                const done = new Promise<number>(resolve => { w.__onPost = m => { if (m.type === 'drawn') resolve(w.performance.now()); }; });
                const start = w.performance.now();
                w.document.querySelector('button[aria-pressed]').click();
                w.postMessage({ type: 'queryDrawn', requestId: 1 }, '*');
                return (await done) - start;
            }));
        }
        // The same keystroke with the Table tab showing (363 rows × 9 cells rebuilt).
        await step([{ type: 'showTab', tab: 'table' }]);
        const tableKeystrokes: number[] = [];
        for (let i = 0; i < RUNS; i++) tableKeystrokes.push(await step([analysis(i % 2 === 0 ? b : a, RUNS + i + 2)]));
        console.log(`chart redraw, ResNet-152 written out: ${rows} rows, ${drawn.bars} bars in each of the 3 panels (Chromium ${browser.version()}, headless, no GPU)`);
        console.log(`  first draw (post → frame):            ${first.toFixed(1)} ms`);
        console.log(`  new analysis, same size (keystroke):  median ${median(keystrokes).toFixed(1)} ms, min ${Math.min(...keystrokes).toFixed(1)}, max ${Math.max(...keystrokes).toFixed(1)} over ${RUNS}`);
        console.log(`  new analysis, no number changed:     median ${median(unchanged).toFixed(1)} ms over ${RUNS}`);
        console.log(`  linear/log toggle:                    median ${median(toggles).toFixed(1)} ms over ${RUNS}`);
        console.log(`  keystroke on the Table tab:           median ${median(tableKeystrokes).toFixed(1)} ms over ${RUNS}`);
    } finally {
        await browser.close();
    }
}

main().catch(error => {
    console.error(error);
    process.exitCode = 1;
});
