// `cnn report` end to end: the built CLI writes the page, and the page renders in Chromium from a
// file:// URL with no console errors and no requests beyond itself.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnn } from '../cli/run-cli.js';
import { ALEXNET_BARS } from './alexnet-bars.js';
import { chromiumMissing, launchChromium, OUTPUT_DIR } from './chart-page.js';

const dir = mkdtempSync(join(tmpdir(), 'cnn-report-'));
const page = join(dir, 'alexnet.html');

describe('cnn report', () => {
    it('writes one self-contained page and refuses to overwrite it without --force', () => {
        const first = cnn('report', 'examples/alexnet.cnn', '--html', page);
        expect(first).toEqual({ status: 0, stdout: '', stderr: '' });
        const html = readFileSync(page, 'utf8');
        expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src data:; style-src &#39;nonce-[A-Za-z0-9+/=]+&#39;; script-src &#39;nonce-[A-Za-z0-9+/=]+&#39;">/);
        expect(html).toContain('<title>alexnet.cnn — AlexNet · CNN cost chart</title>');
        expect(html).not.toMatch(/<(script|img|link|iframe)[^>]* (src|href)=/);
        expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);

        const again = cnn('report', 'examples/alexnet.cnn', '--html', page);
        expect(again).toEqual({ status: 2, stdout: '', stderr: `cnn: '${page}' exists; use --force to overwrite it\n` });
        expect(readFileSync(page, 'utf8')).toBe(html);

        const forced = cnn('report', 'examples/alexnet.cnn', '--html', page, '--force');
        expect(forced.status).toBe(0);
        // A fresh nonce each time; nothing else changes.
        expect(readFileSync(page, 'utf8').replace(/nonce-[^&]+&/g, 'N').replace(/nonce="[^"]+"/g, 'N')).toBe(html.replace(/nonce-[^&]+&/g, 'N').replace(/nonce="[^"]+"/g, 'N'));
        expect(readdirSync(dir)).toEqual(['alexnet.html']);
    });

    it('says what is wrong in one line, with exit code 2', () => {
        const out = join(dir, 'other.html');
        expect(cnn('report', 'examples/alexnet.cnn', '--html', out, '--network', 'Nope')).toEqual({ status: 2, stdout: '', stderr: "cnn: no network 'Nope' in 'examples/alexnet.cnn' (networks: AlexNet, AlexNetTorchvision)\n" });
        expect(cnn('report', 'missing.cnn', '--html', out)).toEqual({ status: 2, stdout: '', stderr: "cnn: cannot read 'missing.cnn': no such file\n" });
        expect(cnn('report', 'examples/alexnet.cnn', '--html', join(dir, 'no', 'such', 'x.html'))).toEqual({ status: 2, stdout: '', stderr: `cnn: cannot write '${join(dir, 'no', 'such', 'x.html')}': no such folder\n` });
        const missing = cnn('report', 'examples/alexnet.cnn');
        expect(missing.status).toBe(2);
        expect(missing.stderr).toBe("cnn: error: required option '--html <out>' not specified\n");
        expect(readdirSync(dir)).toEqual(['alexnet.html']);
    });

    it('writes the page for a file with errors and exits 1', () => {
        const broken = join(dir, 'broken.cnn');
        writeFileSync(broken, 'network Bad {\n    input 3x32x32\n    conv 16 3x3 pad 1\n    residual { conv 8 3x3 pad 1 }\n}\n');
        const out = join(dir, 'broken.html');
        expect(cnn('report', broken, '--html', out).status).toBe(1);
        expect(readFileSync(out, 'utf8')).toContain('residual-mismatch');
    });
});

describe.skipIf(chromiumMissing)('the cnn report page in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => { browser = await launchChromium(); }, 60_000);
    afterAll(async () => { await browser?.close(); });

    it('renders the three panels, the table and the comparison offline', async () => {
        const out = join(dir, 'resnet.html');
        expect(cnn('report', 'examples/alexnet.cnn', '--html', out, '--network', 'AlexNet').status).toBe(0);
        const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
        const tab = await context.newPage();
        const errors: string[] = [];
        const requests: string[] = [];
        tab.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
        tab.on('pageerror', e => errors.push(String(e)));
        tab.on('request', r => requests.push(r.url()));
        await tab.goto(pathToFileURL(out).toString());
        expect(await tab.locator('h1').textContent()).toBe('alexnet.cnn — AlexNet');
        expect(await tab.locator('#panel-canvas-2').getAttribute('aria-label')).toBe('MACs per bar: 11 bars');
        await tab.screenshot({ path: join(OUTPUT_DIR, 'report-layers.png'), fullPage: true });

        await tab.getByRole('tab', { name: 'Table' }).click();
        expect(await tab.locator('tbody th[scope="row"]').allTextContents()).toEqual(ALEXNET_BARS.map(([name]) => name));
        // Outside VS Code a clicked row says where the statement is.
        await tab.locator('tbody tr').nth(2).click();
        expect(await tab.locator('body > .status').textContent()).toBe('Line 16, column 5');

        // The comparison: every network of the examples with a published top-1, AlexNet among them.
        const compared = JSON.parse(cnn('compare', ...readdirSync('examples').filter(f => f.endsWith('.cnn')).map(f => join('examples', f)), '--format', 'json').stdout) as { networks: Array<{ top1?: number }> };
        const withTop1 = compared.networks.filter(n => typeof n.top1 === 'number').length;
        await tab.getByRole('tab', { name: 'Compare' }).click();
        expect(await tab.locator('#compare-canvas').getAttribute('aria-label')).toBe(`Comparing complexity: ${withTop1} networks by MACs and top-1 accuracy`);
        await tab.screenshot({ path: join(OUTPUT_DIR, 'report-compare.png'), fullPage: true });

        // Exports become downloads.
        await tab.getByRole('tab', { name: 'Layers' }).click();
        const [download] = await Promise.all([tab.waitForEvent('download'), tab.getByRole('button', { name: 'CSV' }).click()]);
        expect(download.suggestedFilename()).toBe('alexnet-AlexNet-layer.csv');
        const csv = readFileSync((await download.path())!, 'utf8');
        expect(csv.split('\r\n')[1]).toBe('conv1,,conv,64x56x56,802816,23296,72855552,13,5');

        expect(errors).toEqual([]);
        expect(requests.filter(url => !url.startsWith('blob:'))).toEqual([pathToFileURL(out).toString()]);
        await context.close();
    });
});
