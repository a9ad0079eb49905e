import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, missingTool, packageVsix, startSession, testUrl, workspaceUrl, type Session } from './code-server-harness.js';

/**
 * The extension suite (test/extension/suite/) inside code-server's extension host, against the
 * packaged .vsix installed with --install-extension, then two screenshots of the real window.
 * Skipped, with the reason printed, where code-server or Chromium is missing.
 */
const missing = missingTool();
if (missing) console.log(`[skip] real-editor tests: ${missing}`);

const SUITE = resolve('out/test/extension/suite/index.cjs');
const OUTPUT = resolve('test-output');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

describe.skipIf(missing !== undefined)('the extension in code-server', () => {
    let session: Session;
    let browser: Browser;
    let scratch: string;

    beforeAll(async () => {
        scratch = mkdtempSync(join(tmpdir(), 'cnn-vsix-'));
        session = await startSession(packageVsix(scratch));
        browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
        mkdirSync(OUTPUT, { recursive: true });
    }, 180_000);

    afterAll(async () => {
        await browser?.close();
        session?.stop();
        if (scratch) rmSync(scratch, { recursive: true, force: true });
        if (session) rmSync(session.root, { recursive: true, force: true });
    });

    it('passes the extension-host suite', async () => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        const lines: string[] = [];
        let exit: (code: number) => void = () => undefined;
        const exited = new Promise<number>(r => { exit = r; });
        await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
            // Mocha logs printf-style: the first argument is the format.
            lines.push(format(...args));
        });
        await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
        await page.goto(testUrl(session, SUITE));
        const code = await Promise.race([exited, new Promise<number>(r => setTimeout(() => r(-1), 240_000))]);
        await page.close();
        const output = lines.join('\n');
        writeFileSync(join(OUTPUT, 'extension-suite.log'), output);
        for (const line of lines.filter(l => l.startsWith('[cnn]'))) console.log(line);
        expect(code, output).toBe(0);
        expect(output).toMatch(/9 passing/);
    }, 300_000);

    it('shows the chart beside the editor and a hover (screenshots)', async () => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
        await page.goto(workspaceUrl(session));
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        await openFile(page, 'resnet50.cnn');
        await page.locator('.view-lines .view-line').filter({ hasText: 'network ResNet50' }).waitFor({ timeout: 30_000 });
        await runCommand(page, 'CNN: Show Cost Chart');
        const chart = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
        await chart.locator('canvas').first().waitFor({ timeout: 60_000 });
        // Let the first frame of the canvas paint (the chart draws without animation).
        await page.waitForTimeout(1000);
        await page.screenshot({ path: join(OUTPUT, 'chart-beside-editor.png') });

        await openFile(page, 'alexnet.cnn');
        const line = page.locator('.view-lines .view-line').filter({ hasText: 'conv1: conv 64 11x11 stride 4 pad 2' }).first();
        await line.waitFor({ timeout: 30_000 });
        const word = line.locator('span > span', { hasText: /^conv1$/ }).first();
        // The cursor on the word, then the editor's own Show Hover (Ctrl+K Ctrl+I).
        await word.click();
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents').first();
        try {
            await hover.waitFor({ timeout: 30_000 });
        } catch (error) {
            await page.screenshot({ path: join(OUTPUT, 'hover-failed.png') });
            throw error;
        }
        await expect.poll(() => hover.innerText()).toContain('72,855,552');
        await page.screenshot({ path: join(OUTPUT, 'hover.png') });
        await page.close();
    }, 180_000);
});

async function runCommand(page: Page, title: string): Promise<void> {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
}

async function openFile(page: Page, name: string): Promise<void> {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    // Without the '>' the palette is Quick Open.
    await input.fill(name);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: name }).waitFor();
}
