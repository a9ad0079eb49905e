import { parseHostMessage, type Aggregation, type AnalysisMessage, type ChartTab, type CompareEntry, type DrawnMessage, type HostMessage } from '../webview-protocol.js';
import type { JsonNetwork } from '../../language/analysis/to-json.js';
import { Chart } from './charts.js';
import { CompareChart } from './compare-chart.js';
import { CostTable, type SortState } from './cost-table.js';
import { el } from './dom.js';
import { barsCsv } from './export-csv.js';
import { barsSvg } from './export-svg.js';
import { bytesShort, grouped } from './format.js';
import { connectHost } from './host.js';
import { LayerPanels, panelSpecs, type Scale } from './layer-panels.js';
import { barColours, buildBars, type Bar } from './model.js';
import { followSystemTheme, readTheme, watchTheme, type Theme } from './theme.js';
import { installRunTab } from './run/run-tab.js';
import { isRunMessageType } from '../run-protocol.js';

/** What survives a reload of the panel (VS Code's getState/setState). */
interface ViewState { tab: ChartTab; aggregation: Aggregation; scale: Scale; network: string | null; sort: SortState | null }

const TABS: Array<[ChartTab, string]> = [['layers', 'Layers'], ['table', 'Table'], ['compare', 'Compare']];
const AGGREGATIONS: Array<[Aggregation, string]> = [['layer', 'Layer'], ['block', 'Block call'], ['stage', 'Stage']];

const status = el('div', { class: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
const host = connectHost(text => { status.textContent = text; });

if (!host.inEditor && !/\bvscode-/.test(document.body.className)) followSystemTheme(document.body);

const saved = host.getState() as Partial<ViewState> | undefined;
const view: ViewState = {
    tab: TABS.some(([t]) => t === saved?.tab) ? saved!.tab! : 'layers',
    aggregation: AGGREGATIONS.some(([a]) => a === saved?.aggregation) ? saved!.aggregation! : 'layer',
    scale: saved?.scale === 'log' ? 'log' : 'linear',
    network: typeof saved?.network === 'string' ? saved.network : null,
    sort: null
};

/** The analysis drawn (the last good one while the file has errors), and what the host asked for. */
let shown: AnalysisMessage | null = null;
let requestedNetwork: string | null = null;
let banner: string | null = null;
let entries: CompareEntry[] = [];
let cursorLine: number | null = null;
let bars: Bar[] = [];
let colours: string[] = [];
let tableStale = true;
/** The panelsKey of the picture on the layer panels. */
let drawnKey = '';
let highlighted = new Set<number>();
let theme: Theme = readTheme(document.body);

// ---- the page ----
const title = el('h1', { text: 'Cost chart' });
const totals = el('span', { class: 'totals' });
const picker = el('select', { attrs: { 'aria-label': 'Network' } });
const aggregation = el('select', { attrs: { 'aria-label': 'Aggregate by' } }, ...AGGREGATIONS.map(([value, text]) => el('option', { text, attrs: { value } })));
const logToggle = el('button', { text: 'Log scale', attrs: { type: 'button', 'aria-pressed': 'false' } });
const exports = (['png', 'svg', 'csv'] as const).map(format => {
    const button = el('button', { text: format.toUpperCase(), attrs: { type: 'button', title: `Export ${format.toUpperCase()}` } });
    button.addEventListener('click', () => exportAs(format));
    return button;
});
const tabButtons = TABS.map(([tab, text]) => el('button', { text, attrs: { type: 'button', role: 'tab', id: `tab-${tab}`, 'aria-controls': `panel-${tab}` } }));
const bannerBox = el('div', { class: 'banner', attrs: { role: 'alert', hidden: '' } });
const legend = el('div', { class: 'legend', attrs: { 'aria-label': 'Stages' } });
const empty = el('div', { class: 'empty', text: 'Waiting for the analysis…' });

const specs = panelSpecs('macs');
const panelTitles = specs.map(spec => el('h2', { class: 'panel-title', text: spec.title }));
const canvases = specs.map((_, i) => el('canvas', { attrs: { role: 'img', id: `panel-canvas-${i}` } }));
const layersPanel = el('section', { attrs: { role: 'tabpanel', id: 'panel-layers', 'aria-labelledby': 'tab-layers' } }, legend,
    ...specs.flatMap((_, i) => [panelTitles[i]!, el('div', { class: i === specs.length - 1 ? 'panel last' : 'panel' }, canvases[i]!)]));
const table = new CostTable(index => reveal(index), sort => { view.sort = sort; persist(); });
// A narrow panel beside the editor scrolls the table sideways, not the whole page.
const tablePanel = el('section', { attrs: { role: 'tabpanel', id: 'panel-table', 'aria-labelledby': 'tab-table' } }, el('div', { class: 'table-scroll' }, table.element));
const compareCanvas = el('canvas', { attrs: { role: 'img', id: 'compare-canvas' } });
const compareNote = el('p', { class: 'status' });
const comparePanel = el('section', { attrs: { role: 'tabpanel', id: 'panel-compare', 'aria-labelledby': 'tab-compare' } },
    el('div', { class: 'compare' }, compareCanvas),
    el('p', { class: 'status', text: 'Bubble area in proportion to the parameters; the network shown is drawn in the cursor colour. Click a bubble to open its file.' }),
    compareNote);

document.body.append(
    el('header', {}, title, totals, picker, el('div', { class: 'controls' }, aggregation, logToggle, ...exports), el('div', { attrs: { role: 'tablist', 'aria-label': 'Views' } }, ...tabButtons)),
    bannerBox, status, empty, layersPanel, tablePanel, comparePanel
);
// The Run tab (TensorFlow.js timing, issue 8) adds its own tab and panel: client/webview/run/.
installRunTab(host);

Chart.defaults.color = theme.foreground;
Chart.defaults.font.family = theme.font;
const panels = new LayerPanels(canvases, index => reveal(index));
const compare = new CompareChart(compareCanvas, entry => host.post({ type: 'openFile', uri: entry.uri }));

// ---- controls ----
picker.addEventListener('change', () => { view.network = picker.value; persist(); render(); });
aggregation.addEventListener('change', () => { view.aggregation = aggregation.value as Aggregation; persist(); render(); });
logToggle.addEventListener('click', () => { view.scale = view.scale === 'log' ? 'linear' : 'log'; persist(); render(); });
tabButtons.forEach((button, i) => {
    button.addEventListener('click', () => userShowsTab(TABS[i]![0]));
    button.addEventListener('keydown', event => {
        const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
        if (step === 0) return;
        const next = (i + step + TABS.length) % TABS.length;
        userShowsTab(TABS[next]![0]);
        tabButtons[next]!.focus();
    });
});

function persist(): void {
    host.setState(view);
}

/** A tab the user picked: the host hears of it (it sends the comparison when Compare first shows). */
function userShowsTab(tab: ChartTab): void {
    if (tab === view.tab) return;
    showTab(tab);
    host.post({ type: 'tabShown', tab });
}

function showTab(tab: ChartTab): void {
    view.tab = tab;
    persist();
    layoutTabs();
    // A chart sized while hidden has no size: draw it again now that it shows.
    drawnKey = '';
    render();
}

function layoutTabs(): void {
    const ready = shown !== null;
    empty.hidden = ready;
    TABS.forEach(([tab], i) => {
        const selected = tab === view.tab;
        tabButtons[i]!.setAttribute('aria-selected', String(selected));
        tabButtons[i]!.tabIndex = selected ? 0 : -1;
    });
    layersPanel.hidden = !ready || view.tab !== 'layers';
    // PNG is a picture of a chart: the Layers or the Compare tab.
    exports[0]!.disabled = view.tab === 'table';
    tablePanel.hidden = !ready || view.tab !== 'table';
    comparePanel.hidden = view.tab !== 'compare' || (!ready && entries.length === 0);
}

function currentNetwork(): JsonNetwork | null {
    const networks = shown?.report.networks ?? [];
    return networks.find(n => n.name === view.network) ?? networks[0] ?? null;
}

function reveal(index: number): void {
    const bar = bars[index];
    if (!bar || bar.line < 1 || bar.column < 1) return;
    // The file only when it is another one (a block imported from a library file).
    const elsewhere = bar.file !== null && bar.file !== shown?.report.file;
    host.post(elsewhere ? { type: 'reveal', line: bar.line, column: bar.column, file: bar.file! } : { type: 'reveal', line: bar.line, column: bar.column });
}

// ---- messages ----
function receive(message: HostMessage): void {
    switch (message.type) {
        case 'analysis': return analysis(message);
        case 'cursor':
            cursorLine = message.line;
            updateHighlight();
            return;
        case 'compare':
            entries = message.entries;
            layoutTabs();
            drawCompare();
            return;
        case 'showTab': return showTab(message.tab);
        case 'queryDrawn': return answerDrawn(message.requestId);
    }
}

function analysis(message: AnalysisMessage): void {
    if (message.network !== requestedNetwork) {
        // The host asked for another network (a lens was clicked): follow it; otherwise keep the user's pick.
        requestedNetwork = message.network;
        if (message.network !== null) view.network = message.network;
    }
    const errors = message.report.diagnostics.filter(d => d.severity === 'error');
    const networks = message.report.networks;
    const network = networks.find(n => n.name === view.network) ?? networks[0];
    const broken = errors.length > 0 || (network !== undefined && network.output === null);
    if (!broken) {
        shown = message;
        banner = null;
    } else {
        const first = errors[0];
        const what = first ? `${errors.length} error${errors.length === 1 ? '' : 's'} (line ${first.line}: ${first.message})` : `no output for network ${network?.name ?? ''}`;
        banner = shown === null
            ? `${message.fileName} has ${what}; the chart shows the analysis as far as it goes.`
            : `${message.fileName} has ${what}; showing the last good analysis (version ${shown.version}).`;
        // With no good picture yet, show what there is rather than nothing.
        if (shown === null) shown = message;
    }
    render();
}

function render(): void {
    layoutTabs();
    bannerBox.hidden = banner === null;
    bannerBox.textContent = banner ?? '';
    const network = currentNetwork();
    if (!shown || !network) {
        bars = [];
        drawCompare();
        return;
    }
    const { settings, fileName } = shown;
    const networks = shown.report.networks;
    picker.hidden = networks.length < 2;
    picker.replaceChildren(...networks.map(n => el('option', { text: n.name, attrs: { value: n.name } })));
    picker.value = network.name;
    aggregation.value = view.aggregation;
    logToggle.setAttribute('aria-pressed', String(view.scale === 'log'));
    title.textContent = `${baseName(fileName)} — ${network.name}`;
    const computeName = settings.unit === 'flops' ? 'FLOPs' : 'MACs';
    const computeTotal = settings.unit === 'flops' ? network.totals.flops : network.totals.macs;
    totals.textContent = `params ${grouped(BigInt(network.totals.params))} · ${computeName} ${grouped(BigInt(computeTotal))} · memory ${bytesShort(Number(network.totals.memoryBytes))}` +
        (settings.batch !== 1 ? ` · batch ${settings.batch}` : '');
    bars = buildBars(network, view.aggregation, settings.unit);
    colours = barColours(bars, network.stages.length, theme.stageColors, theme.outside);
    highlighted = highlightedBars();
    panelTitles[2]!.textContent = computeName;
    drawLegend(network);
    if (view.tab === 'layers') {
        // Most keystrokes (a name, a comment, half a word) change no number: then nothing is redrawn.
        const key = panelsKey(settings.unit);
        if (key !== drawnKey) panels.draw(bars, colours, settings.unit, view.scale, theme, highlighted);
        drawnKey = key;
    }
    // The table is built only while it shows: thousands of cells per keystroke otherwise.
    tableStale = true;
    if (view.tab === 'table') drawTable(computeName);
    drawCompare();
}

/** Everything the panels show, as one string: equal keys draw equal pictures. */
function panelsKey(unit: string): string {
    const head = [unit, view.scale, theme.kind, theme.foreground, theme.grid, theme.highlight, theme.font, ...colours, ...highlighted].join('|');
    return head + '\n' + bars.map(b => `${b.label}\t${b.path}\t${b.memory}\t${b.params}\t${b.compute}\t${b.live}`).join('\n');
}

function drawTable(computeName: string): void {
    if (!tableStale) return;
    tableStale = false;
    if (view.sort) table.sort = view.sort;
    table.draw(bars, computeName);
    table.highlight(highlighted);
}

function drawLegend(network: JsonNetwork): void {
    const items = network.stages.map((stage, i) => [stage.name, theme.stageColors[i % theme.stageColors.length]!] as const);
    if (bars.some(bar => bar.stage < 0) && items.length > 0) items.push(['outside stages', theme.outside] as const);
    const entries = items.map(([name, colour]) => {
        const swatch = el('span', { class: 'swatch' });
        swatch.style.background = colour;
        return el('span', {}, swatch, document.createTextNode(name));
    });
    if (bars.some(bar => bar.live !== null)) entries.push(el('span', { class: 'live' }, el('span', { class: 'swatch line' }), document.createTextNode('live memory (peak per bar)')));
    legend.replaceChildren(...entries);
}

function drawCompare(): void {
    if (view.tab !== 'compare') return;
    compare.draw(entries, shown?.settings.unit ?? 'macs', theme);
    const missing = entries.filter(e => e.top1 === null).map(e => e.name);
    compareNote.textContent = entries.length === 0 ? 'No networks to compare yet.'
        : missing.length > 0 ? `Without a published top-1 (meta top1), not placed: ${missing.join(', ')}.` : '';
}

function highlightedBars(): Set<number> {
    const set = new Set<number>();
    if (cursorLine !== null) bars.forEach((bar, i) => { if (bar.lines.includes(cursorLine!)) set.add(i); });
    return set;
}

function updateHighlight(): void {
    highlighted = highlightedBars();
    drawnKey = '';
    if (view.tab === 'layers') panels.highlight(theme, highlighted);
    table.highlight(highlighted);
}

/** Answers after the next frame, so what it reports is on the screen. */
function answerDrawn(requestId: number): void {
    let sent = false;
    const send = (): void => {
        if (sent) return;
        sent = true;
        const network = currentNetwork();
        const message: DrawnMessage = {
            type: 'drawn', requestId, tab: view.tab, network: network?.name ?? null, aggregation: view.aggregation, scale: view.scale,
            bars: bars.length,
            memory: bars.map(b => Number(b.memory)),
            params: bars.map(b => Number(b.params)),
            compute: bars.map(b => Number(b.compute)),
            labels: bars.map(b => b.label),
            banner,
            bubbles: compare.bubbles,
            theme: { kind: theme.kind, foreground: theme.foreground, background: theme.background, stageColors: theme.stageColors },
            highlighted: [...highlighted]
        };
        host.post(message);
    };
    requestAnimationFrame(send);
    // A hidden webview gets no animation frames.
    setTimeout(send, 100);
}

// ---- exports ----
function exportName(extension: string): string {
    const network = currentNetwork()?.name ?? 'chart';
    const stem = baseName(shown?.fileName ?? 'chart').replace(/\.cnn$/i, '');
    return `${stem}-${network}-${view.aggregation}.${extension}`.replace(/[^A-Za-z0-9._-]+/g, '_');
}

function exportAs(format: 'png' | 'svg' | 'csv'): void {
    if (!shown) return;
    if (format === 'csv') {
        host.post({ type: 'save', format, fileName: exportName('csv'), encoding: 'utf8', data: barsCsv(bars, shown.settings.unit) });
    } else if (format === 'svg') {
        const titles = panelSpecs(shown.settings.unit).map(s => s.title) as [string, string, string];
        const svg = barsSvg(bars, { background: theme.background, foreground: theme.foreground, grid: theme.grid, colours, scale: view.scale, titles });
        host.post({ type: 'save', format, fileName: exportName('svg'), encoding: 'utf8', data: svg });
    } else {
        const url = view.tab === 'compare' ? compositePng([compareCanvas]) : compositePng(canvases);
        host.post({ type: 'save', format, fileName: exportName('png'), encoding: 'base64', data: url.slice(url.indexOf(',') + 1) });
    }
}

/** The canvases stacked on the theme's background, as a PNG data URL. */
function compositePng(sources: readonly HTMLCanvasElement[]): string {
    const width = Math.max(...sources.map(c => c.width), 1);
    const height = sources.reduce((sum, c) => sum + c.height, 0) || 1;
    const out = document.createElement('canvas');
    out.width = width;
    out.height = height;
    const ctx = out.getContext('2d')!;
    ctx.fillStyle = theme.background || '#ffffff';
    ctx.fillRect(0, 0, width, height);
    let y = 0;
    for (const canvas of sources) {
        ctx.drawImage(canvas, 0, y);
        y += canvas.height;
    }
    return out.toDataURL('image/png');
}

function baseName(path: string): string {
    return path.split(/[\\/]/).pop() || path;
}

// ---- theme ----
watchTheme(document.body, () => {
    theme = readTheme(document.body);
    Chart.defaults.color = theme.foreground;
    Chart.defaults.font.family = theme.font;
    render();
});

window.addEventListener('message', event => {
    if (isRunMessageType(event.data)) return; // the Run tab's own listener
    const message = parseHostMessage(event.data);
    if (message === null) {
        console.warn('cnn chart: ignored a malformed message');
        return;
    }
    receive(message);
});

// The `cnn report` page carries its messages in the page itself, checked like any other.
const initial = document.getElementById('cnn-initial-messages');
if (initial?.textContent) {
    let messages: unknown = [];
    try {
        messages = JSON.parse(initial.textContent);
    } catch {
        console.warn('cnn chart: the embedded messages are not JSON');
    }
    for (const value of Array.isArray(messages) ? messages : []) {
        const message = parseHostMessage(value);
        if (message) receive(message);
        else console.warn('cnn chart: ignored a malformed embedded message');
    }
}
layoutTabs();
host.post({ type: 'ready' });
