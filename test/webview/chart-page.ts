// Loads the chart page in Debian's Chromium (playwright-core) the way VS Code hosts it: the real
// HTML from chartHtml, its CSP, the built bundle from out/webview, and a stub acquireVsCodeApi that
// collects what the page posts. Every request is answered locally: nothing leaves the machine.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chartHtml } from '../../client/webview-html.js';
import type { HostMessage } from '../../client/webview-protocol.js';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing) console.log(`test/webview: skipped: ${CHROMIUM} is missing (CI installs Debian's chromium; see scripts/ci/webview.sh)`);

export const ORIGIN = 'https://cnn-webview.test';
export const OUTPUT_DIR = 'test-output/webview';

export async function launchChromium(): Promise<Browser> {
    const { chromium } = await import('playwright-core');
    return chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    });
}

export interface ChartPage {
    page: Page;
    /** Everything the page posted to the host, in order. */
    posted(): Promise<Array<Record<string, unknown>>>;
    post(message: HostMessage | unknown): Promise<void>;
    /** Posts queryDrawn and waits for the page's answer. */
    drawn(): Promise<Record<string, any>>;
    consoleErrors: string[];
    /** Requests that were not to the page's own origin. */
    foreignRequests: string[];
    screenshot(name: string): Promise<void>;
}

let requestIds = 1;
const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY3OA==';

/** The page's window as these callbacks use it (the tests are type-checked without the DOM library). */
interface Poster { postMessage(message: unknown, targetOrigin: string): void }

/** How to open the page: its theme, its width, and the Run tab's needs. */
export interface ChartPageOptions {
    bodyClass?: string;
    variables?: Record<string, string>;
    width?: number;
    /** The CSP of a panel that may run TensorFlow.js's wasm backend (the Run tab). */
    wasm?: boolean;
    /** Take WebGL2 away, as a blocklisted driver does. */
    noWebgl2?: boolean;
}

const CONTENT_TYPES: Record<string, string> = { js: 'text/javascript', css: 'text/css', wasm: 'application/wasm' };

/**
 * Opens the page as the extension's panel does (`cspSource` = the test origin), serving the built
 * files of out/webview (chart, Run tab, wasm).
 *
 * `variables` are set as VS Code sets its --vscode-* theme variables: on the root element's style,
 * from script (an inline style attribute would be refused by the CSP).
 */
export async function openChartPage(browser: Browser, options: ChartPageOptions = {}): Promise<ChartPage> {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1100, height: 900 } });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    const foreignRequests: string[] = [];
    page.on('console', message => { if (message.type() === 'error') consoleErrors.push(message.text()); });
    page.on('pageerror', error => consoleErrors.push(String(error)));
    const html = chartHtml({ cspSource: ORIGIN, nonce: NONCE, scriptUri: `${ORIGIN}/out/webview/chart.js`, styleUri: `${ORIGIN}/out/webview/chart.css`, wasm: options.wasm })
        .replace('<body>', `<body class="${options.bodyClass ?? 'vscode-light'}">`)
        // VS Code's own script sets the theme variables on the root element before the page runs.
        .replace('</head>', `<script nonce="${NONCE}">for (const [k, v] of Object.entries(${JSON.stringify(options.variables ?? {})})) document.documentElement.style.setProperty(k, v);</script>\n</head>`);
    await context.route('**/*', async route => {
        const url = route.request().url();
        if (!url.startsWith(ORIGIN + '/')) {
            foreignRequests.push(url);
            return route.abort();
        }
        const path = url.slice(ORIGIN.length + 1);
        if (path === 'index.html') return route.fulfill({ contentType: 'text/html', body: html });
        const built = /^out\/webview\/[a-z0-9-]+\.(js|css|wasm)$/.exec(path);
        if (built) return route.fulfill({ contentType: CONTENT_TYPES[built[1]!]!, body: readFileSync(path) });
        return route.fulfill({ status: 404, body: '' });
    });
    await page.addInitScript(() => {
        const w = globalThis as unknown as { __posted: unknown[]; __onPost?: (m: unknown) => void; acquireVsCodeApi: () => unknown };
        w.__posted = [];
        let state: unknown;
        w.acquireVsCodeApi = () => ({
            postMessage: (m: unknown) => { w.__posted.push(JSON.parse(JSON.stringify(m))); w.__onPost?.(m); },
            getState: () => state,
            setState: (s: unknown) => { state = s; }
        });
    });
    if (options.noWebgl2) {
        await page.addInitScript(() => {
            const proto = (globalThis as any).HTMLCanvasElement.prototype;
            const original = proto.getContext;
            proto.getContext = function (this: unknown, kind: string, ...rest: unknown[]) { return kind === 'webgl2' ? null : original.call(this, kind, ...rest); };
        });
    }
    await page.goto(`${ORIGIN}/index.html`);
    await page.waitForFunction(() => (globalThis as unknown as { __posted: Array<{ type: string }> }).__posted.some(m => m.type === 'ready'));
    return wrap(page, consoleErrors, foreignRequests);
}

/** Sets theme variables the way VS Code does when the user switches the theme. */
export async function setThemeVariables(chart: ChartPage, bodyClass: string, variables: Record<string, string>): Promise<void> {
    await chart.page.evaluate(([cls, vars]) => {
        const doc = (globalThis as unknown as { document: { body: { className: string }; documentElement: { style: { cssText: string; setProperty(k: string, v: string): void } } } }).document;
        doc.documentElement.style.cssText = '';
        for (const [name, value] of Object.entries(vars)) doc.documentElement.style.setProperty(name, value);
        doc.body.className = cls;
    }, [bodyClass, variables] as const);
}

export function wrap(page: Page, consoleErrors: string[], foreignRequests: string[]): ChartPage {
    const posted = () => page.evaluate(() => (globalThis as unknown as { __posted: Array<Record<string, unknown>> }).__posted);
    return {
        page, consoleErrors, foreignRequests, posted,
        post: message => page.evaluate(m => (globalThis as unknown as Poster).postMessage(m, '*'), message as object),
        async drawn() {
            const requestId = requestIds++;
            await page.evaluate(id => (globalThis as unknown as Poster).postMessage({ type: 'queryDrawn', requestId: id }, '*'), requestId);
            const handle = await page.waitForFunction(id => (globalThis as unknown as { __posted: Array<Record<string, unknown>> }).__posted.find(m => m.type === 'drawn' && m.requestId === id), requestId);
            return (await handle.jsonValue()) as Record<string, any>;
        },
        async screenshot(name) {
            mkdirSync(OUTPUT_DIR, { recursive: true });
            await page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), fullPage: true });
        }
    };
}
