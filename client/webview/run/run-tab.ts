// The chart's Run tab: runs the compiled network with TensorFlow.js in the webview and shows the
// measured time per layer against its share of MACs (the lecture's point: MACs are not time —
// depthwise layers take far more of the time than of the MACs). TensorFlow.js (out/webview/run.js)
// is loaded only when the tab first opens, by a script element carrying the page's nonce.
import { parseRunHostMessage, type RunModelMessage, type RunResultMessage, type RunWebviewMessage } from '../../run-protocol.js';
import type { WebviewMessage } from '../../webview-protocol.js';
import { el } from '../dom.js';

interface RunHost { readonly inEditor: boolean; post(message: WebviewMessage): void }
/** The Run tab's own messages travel through the chart's host (the host validates them with run-protocol.ts). */
const asMessage = (m: RunWebviewMessage) => m as unknown as WebviewMessage;
interface RunGlobal { cnnRunTab?: { run(message: RunModelMessage): Promise<RunResultMessage> } }

const TIME_COLOUR = 'var(--vscode-charts-blue, #4e79a7)';
const MACS_COLOUR = 'var(--vscode-charts-orange, #f28e2b)';

export function installRunTab(host: RunHost): void {
    const tablist = document.querySelector('[role="tablist"]');
    if (!tablist) return;
    const button = el('button', { text: 'Run', attrs: { type: 'button', role: 'tab', id: 'tab-run', 'aria-controls': 'panel-run', 'aria-selected': 'false', tabindex: '-1' } });
    const state = el('p', { class: 'status', attrs: { id: 'run-state', role: 'status', 'aria-live': 'polite' } });
    const summary = el('p', { attrs: { id: 'run-summary' } });
    const backendLine = el('p', { attrs: { id: 'run-backend' } });
    const again = el('button', { text: 'Run again', attrs: { type: 'button', id: 'run-again', hidden: '' } });
    const body = el('tbody');
    const table = el('table', { attrs: { id: 'run-table', hidden: '' } },
        el('caption', { text: 'Measured time per layer (median of the repeats) against its share of the MACs' }),
        el('thead', {}, el('tr', {}, ...['Layer', 'Time (ms)', 'Time share', 'MACs share', 'Time vs MACs'].map(t => el('th', { text: t, attrs: { scope: 'col' } })))),
        body);
    const legend = el('p', {}, swatch(TIME_COLOUR), document.createTextNode(' time share  '), swatch(MACS_COLOUR), document.createTextNode(' MACs share'));
    const panel = el('section', { attrs: { role: 'tabpanel', id: 'panel-run', 'aria-labelledby': 'tab-run', hidden: '' } }, state, summary, backendLine, again, legend, table);
    tablist.append(button);
    document.body.append(panel);

    let hiddenByRun: HTMLElement[] = [];
    let requested = false;
    let running = false;

    const open = () => {
        if (!panel.hidden) return;
        hiddenByRun = [...document.querySelectorAll<HTMLElement>('section[role="tabpanel"]')].filter(p => p !== panel && !p.hidden);
        hiddenByRun.forEach(p => { p.hidden = true; });
        for (const other of tablist.querySelectorAll<HTMLElement>('[role="tab"]')) other.setAttribute('aria-selected', String(other === button));
        panel.hidden = false;
        if (!requested) request();
    };
    const request = () => {
        requested = true;
        if (!host.inEditor) {
            state.textContent = 'Run needs the editor: open this network in VS Code and use the chart\'s Run tab.';
            return;
        }
        state.textContent = 'Compiling the network…';
        const picker = document.querySelector<HTMLSelectElement>('select[aria-label="Network"]');
        host.post(asMessage({ type: 'runRequest', network: picker?.value ? picker.value : null }));
    };
    button.addEventListener('click', open);
    again.addEventListener('click', request);
    // Another tab: give back the panels the Run tab hid before the chart lays its tabs out.
    tablist.addEventListener('click', event => {
        if (event.target === button || panel.hidden) return;
        panel.hidden = true;
        button.setAttribute('aria-selected', 'false');
        hiddenByRun.forEach(p => { p.hidden = false; });
        hiddenByRun = [];
    }, true);

    window.addEventListener('message', async event => {
        const message = parseRunHostMessage(event.data);
        if (!message) return;
        if (message.type === 'runUnavailable') {
            state.textContent = message.reason;
            return;
        }
        if (running) return;
        running = true;
        again.hidden = true;
        try {
            state.textContent = 'Loading TensorFlow.js…';
            const runner = await loadRunner(message.scriptUri);
            state.textContent = `Running ${message.network} (${message.runs} timed runs, then layer by layer)…`;
            const result = await runner.run(message);
            show(result);
            host.post(asMessage(result));
            state.textContent = `Measured ${result.network}.`;
        } catch (error) {
            state.textContent = `The run failed: ${error instanceof Error ? error.message : String(error)}`;
        } finally {
            running = false;
            again.hidden = false;
        }
    });

    function show(result: RunResultMessage): void {
        summary.textContent = `${result.network}: median ${result.medianMs.toFixed(2)} ms over ${result.runs} runs · `
            + `${result.imagesPerSecond.toFixed(1)} images/s · ${result.gmacPerSecond.toFixed(2)} GMAC/s achieved`;
        backendLine.textContent = `Backend: ${result.backend}` + (result.backendNotes.length ? ` (${result.backendNotes.join('; ')})` : ' (WebGPU)');
        const widest = Math.max(...result.layers.flatMap(l => [l.timeShare, l.macsShare]), 1e-9);
        body.replaceChildren(...result.layers.map(l => {
            const bars = el('td', { class: 'run-bars' }, bar(l.timeShare / widest, TIME_COLOUR), bar(l.macsShare / widest, MACS_COLOUR));
            return el('tr', { attrs: { 'data-row': String(l.row) } },
                el('th', { text: l.name, attrs: { scope: 'row' } }),
                el('td', { text: l.milliseconds.toFixed(3) }),
                el('td', { text: percent(l.timeShare) }),
                el('td', { text: percent(l.macsShare) }),
                bars);
        }));
        table.hidden = false;
    }
}

function percent(share: number): string {
    return `${(share * 100).toFixed(1)}%`;
}

/** A bar drawn with CSSOM (allowed by the CSP; style attributes are not). */
function bar(fraction: number, colour: string): HTMLElement {
    const div = el('div', { attrs: { 'aria-hidden': 'true' } });
    div.style.height = '6px';
    div.style.margin = '1px 0';
    div.style.minWidth = '1px';
    div.style.width = `${Math.max(0, Math.min(1, fraction)) * 240}px`;
    div.style.background = colour;
    return div;
}

function swatch(colour: string): HTMLElement {
    const span = el('span', { attrs: { 'aria-hidden': 'true' } });
    span.style.display = 'inline-block';
    span.style.width = '12px';
    span.style.height = '8px';
    span.style.background = colour;
    return span;
}

let loading: Promise<NonNullable<RunGlobal['cnnRunTab']>> | null = null;

/** Adds run.js once, with the nonce the page's own script carries (the CSP allows nothing else). */
function loadRunner(uri: string): Promise<NonNullable<RunGlobal['cnnRunTab']>> {
    loading ??= new Promise((resolve, reject) => {
        const existing = (globalThis as RunGlobal).cnnRunTab;
        if (existing) return resolve(existing);
        const script = document.createElement('script');
        script.nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '';
        script.src = uri;
        script.onload = () => {
            const runner = (globalThis as RunGlobal).cnnRunTab;
            if (runner) resolve(runner);
            else reject(new Error('run.js loaded without its runner'));
        };
        script.onerror = () => { loading = null; reject(new Error(`could not load ${uri}`)); };
        document.head.append(script);
    });
    return loading;
}
