import type { JsonCount, JsonLayer, JsonNetwork, JsonReport } from '../language/analysis/to-json.js';

/**
 * A layer row as the chart reads it: `liveBytes` (the memory alive while the row runs,
 * LANGUAGE.md §8.9) may be missing from a report made before the analysis computed it.
 */
export type ChartLayer = Omit<JsonLayer, 'liveBytes'> & { liveBytes?: JsonCount };

/**
 * Every message between the extension (or the `cnn report` page) and the chart webview, typed
 * once for both sides. Each side validates what it receives with the parsers below: a message
 * that does not have exactly the expected shape is dropped (and logged), never acted on.
 * Plain data only: no functions, no HTML; the webview renders every string as text.
 */

/** What the numbers shown are counted in: multiply-adds, or FLOPs (= 2 × MACs). */
export type ComputeUnit = 'macs' | 'flops';

export interface DisplaySettings {
    unit: ComputeUnit;
    /** Bytes per activation element (4 = float32) and batch size, as the report was computed with. */
    bytesPerElement: number;
    batch: number;
}

/** One network in the "Comparing complexity" bubble chart (from `language/analysis/compare.ts`). */
export interface CompareEntry {
    /** Shown to the user; escaped wherever it is shown. */
    file: string;
    /** The URI the extension opens when the bubble is clicked. */
    uri: string;
    name: string;
    params: number;
    macs: number;
    memoryBytes: number;
    top1: number | null;
    source: string | null;
    /** The network the chart is showing. */
    current: boolean;
}

// ---- host (extension or report page) → webview ----

export interface AnalysisMessage {
    type: 'analysis';
    /** The `cnn/analysis` report of the document (the JSON of `cnn analyze --format json`). */
    report: JsonReport;
    /** The network to show (null: the first); the user can switch among `report.networks`. */
    network: string | null;
    /** The document's file name, for titles and export file names. */
    fileName: string;
    /** The document version the report belongs to. */
    version: number;
    settings: DisplaySettings;
}

/** The editor's cursor moved: highlight the bars of the rows whose statement starts on `line` (1-based). */
export interface CursorMessage { type: 'cursor'; line: number }

export interface CompareMessage { type: 'compare'; entries: CompareEntry[] }

/** Show one tab: the per-layer panels, the data table or the comparison. */
export interface ShowTabMessage { type: 'showTab'; tab: ChartTab }

/** Tests ask the webview what it drew; it answers with a `drawn` message carrying `requestId`. */
export interface QueryDrawnMessage { type: 'queryDrawn'; requestId: number }

export type ChartTab = 'layers' | 'table' | 'compare';

export type HostMessage = AnalysisMessage | CursorMessage | CompareMessage | ShowTabMessage | QueryDrawnMessage;

// ---- webview → host ----

/** The webview has loaded and listens: the host sends the current state. */
export interface ReadyMessage { type: 'ready' }

/**
 * The user clicked a bar or a table row: reveal that statement (1-based line and column). `file`
 * is there only when the statement is in another file than the report's (the row's `file` in the
 * report, as the analysis names it: a block imported from a library file); then reveal it there.
 */
export interface RevealMessage { type: 'reveal'; line: number; column: number; file?: string }

/** The user exported the chart: the host asks where to save and writes the file. */
export interface SaveMessage {
    type: 'save';
    format: 'png' | 'svg' | 'csv';
    /** Suggested file name, without a folder. */
    fileName: string;
    /** base64 for png, utf8 text for svg and csv. */
    encoding: 'base64' | 'utf8';
    data: string;
}

/**
 * The user switched tabs in the page. The host may answer a switch to 'compare' with a `compare`
 * message when it has not sent one yet (the comparison reads every example, so it is sent lazily).
 */
export interface TabShownMessage { type: 'tabShown'; tab: ChartTab }

/** The user clicked a bubble of the comparison: open that file. */
export interface OpenFileMessage { type: 'openFile'; uri: string }

/** What the chart drew, for tests (the webview's DOM is out of a test's reach). */
export interface DrawnMessage {
    type: 'drawn';
    requestId: number;
    tab: ChartTab;
    network: string | null;
    aggregation: Aggregation;
    scale: 'linear' | 'log';
    /** The number of bars in each per-layer panel. */
    bars: number;
    /** Each panel's values, bar by bar, in the units shown (bytes, params, MACs or FLOPs). */
    memory: number[];
    params: number[];
    compute: number[];
    labels: string[];
    /** The banner's text when the file has errors and the last good picture is shown; else null. */
    banner: string | null;
    /** The number of bubbles in the comparison. */
    bubbles: number;
    /** The theme the chart drew with (colours as the CSS variables gave them). */
    theme?: DrawnTheme;
    /** Indices of the bars highlighted for the editor's cursor line. */
    highlighted?: number[];
}

export interface DrawnTheme {
    kind: 'light' | 'dark' | 'high-contrast';
    foreground: string;
    background: string;
    stageColors: string[];
}

export type Aggregation = 'layer' | 'block' | 'stage';

export type WebviewMessage = ReadyMessage | RevealMessage | SaveMessage | OpenFileMessage | DrawnMessage | TabShownMessage;

// ---- validation on receipt ----
// Each parser rebuilds the message from the fields it knows, so nothing unexpected (extra keys,
// prototype tricks, functions) reaches the code that renders it. Anything malformed gives null.

type Json = Record<string, unknown>;

/** Upper bounds that keep a hostile message from making the page allocate or draw without end. */
const MAX_ITEMS = 200_000;
const MAX_STRING = 100_000;

function isObject(value: unknown): value is Json {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
    return typeof value === 'string' && value.length <= MAX_STRING;
}

function isInteger(value: unknown, min = 0): value is number {
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

function isFiniteNumber(value: unknown): value is number {
    return typeof value === 'number' && Number.isFinite(value);
}

/** A JsonCount: a non-negative safe integer, or a decimal string for larger counts. */
function isCount(value: unknown): value is number | string {
    return isInteger(value) || (typeof value === 'string' && /^[0-9]{1,400}$/.test(value));
}

function arrayOf<T>(value: unknown, item: (v: unknown) => T | null): T[] | null {
    if (!Array.isArray(value) || value.length > MAX_ITEMS) return null;
    const out: T[] = [];
    for (const v of value) {
        const parsed = item(v);
        if (parsed === null) return null;
        out.push(parsed);
    }
    return out;
}

function shape(value: unknown): number[] | null {
    return arrayOf(value, v => (isInteger(v) ? v : null));
}

function nullableShape(value: unknown): number[] | null | undefined {
    return value === null ? null : shape(value) ?? undefined;
}

function parseLayer(value: unknown): ChartLayer | null {
    if (!isObject(value)) return null;
    const { name, op, path, params, macs, memoryBytes, line, column, liveBytes } = value;
    const input = shape(value.input);
    const output = shape(value.output);
    if (!isString(name) || !isString(op) || !isString(path) || !input || !output) return null;
    if (!isCount(params) || !isCount(macs) || !isCount(memoryBytes) || !isInteger(line) || !isInteger(column)) return null;
    const layer: ChartLayer = { name, op, path, input, output, params, macs, memoryBytes, line, column };
    if (value.file !== undefined) {
        if (!isString(value.file)) return null;
        layer.file = value.file;
    }
    if (liveBytes === undefined) return layer;
    return isCount(liveBytes) ? { ...layer, liveBytes } : null;
}

function parseGroup(value: unknown): JsonReport['networks'][number]['stages'][number] | null {
    if (!isObject(value)) return null;
    const { name, params, macs, memoryBytes } = value;
    const output = nullableShape(value.output);
    if (!isString(name) || output === undefined || !isCount(params) || !isCount(macs) || !isCount(memoryBytes)) return null;
    if (value.path === undefined) return { name, output, params, macs, memoryBytes };
    return isString(value.path) ? { name, output, params, macs, memoryBytes, path: value.path } : null;
}

const TOTAL_KEYS = ['params', 'buffers', 'macs', 'flops', 'otherOps', 'memoryBytes', 'paramBytes'] as const;
/** Totals that newer analyses add (LANGUAGE.md §8.9); copied when present and well-formed. */
const OPTIONAL_TOTAL_KEYS = ['peakMemoryBytes'] as const;

function parseNetwork(value: unknown): JsonNetwork | null {
    if (!isObject(value) || !isString(value.name) || !isObject(value.totals)) return null;
    const input = shape(value.input);
    const output = nullableShape(value.output);
    const totals = value.totals;
    if (!input || output === undefined || !TOTAL_KEYS.every(key => isCount(totals[key]))) return null;
    const layers = arrayOf(value.layers, parseLayer);
    const stages = arrayOf(value.stages, parseGroup);
    const taps = arrayOf(value.taps, parseGroup);
    if (!layers || !stages || !taps) return null;
    const checkedTotals: Record<string, number | string> = {};
    for (const key of TOTAL_KEYS) checkedTotals[key] = totals[key] as number | string;
    for (const key of OPTIONAL_TOTAL_KEYS) {
        const count = totals[key];
        if (count === undefined) continue;
        if (!isCount(count)) return null;
        checkedTotals[key] = count;
    }
    // Fields that a report made before §8.9 lacks (liveBytes, peakMemoryBytes) stay absent; the chart checks.
    return { name: value.name, input, output, layers, stages, taps, totals: checkedTotals } as unknown as JsonNetwork;
}

function parseDiagnostic(value: unknown): JsonReport['diagnostics'][number] | null {
    if (!isObject(value)) return null;
    const { severity, code, message, line, column, endLine, endColumn } = value;
    if (!isString(severity) || !isString(code) || !isString(message)) return null;
    if (!isInteger(line) || !isInteger(column) || !isInteger(endLine) || !isInteger(endColumn)) return null;
    return { severity, code, message, line, column, endLine, endColumn };
}

/** A `cnn/analysis` report, checked deeply enough that rendering it cannot fail. */
export function parseJsonReport(value: unknown): JsonReport | null {
    if (!isObject(value) || !isString(value.file)) return null;
    const networks = arrayOf(value.networks, parseNetwork);
    const diagnostics = arrayOf(value.diagnostics, parseDiagnostic);
    if (!networks || !diagnostics) return null;
    return { file: value.file, networks, diagnostics };
}

function parseSettings(value: unknown): DisplaySettings | null {
    if (!isObject(value)) return null;
    const { unit, bytesPerElement, batch } = value;
    if ((unit !== 'macs' && unit !== 'flops') || !isInteger(bytesPerElement, 1) || !isInteger(batch, 1)) return null;
    return { unit, bytesPerElement, batch };
}

function parseCompareEntry(value: unknown): CompareEntry | null {
    if (!isObject(value)) return null;
    const { file, uri, name, params, macs, memoryBytes, top1, source, current } = value;
    if (!isString(file) || !isString(uri) || !isString(name) || typeof current !== 'boolean') return null;
    if (!isFiniteNumber(params) || params < 0 || !isFiniteNumber(macs) || macs < 0 || !isFiniteNumber(memoryBytes) || memoryBytes < 0) return null;
    if (top1 !== null && !isFiniteNumber(top1)) return null;
    if (source !== null && !isString(source)) return null;
    return { file, uri, name, params, macs, memoryBytes, top1, source, current };
}

const TABS: readonly string[] = ['layers', 'table', 'compare'];
const AGGREGATIONS: readonly string[] = ['layer', 'block', 'stage'];

/** What the webview accepts from its host; null for anything else. */
export function parseHostMessage(value: unknown): HostMessage | null {
    if (!isObject(value)) return null;
    switch (value.type) {
        case 'analysis': {
            const report = parseJsonReport(value.report);
            const settings = parseSettings(value.settings);
            const { network, fileName, version } = value;
            if (!report || !settings || (network !== null && !isString(network)) || !isString(fileName) || !isInteger(version, -1)) return null;
            return { type: 'analysis', report, network, fileName, version, settings };
        }
        case 'cursor':
            return isInteger(value.line) ? { type: 'cursor', line: value.line } : null;
        case 'compare': {
            const entries = arrayOf(value.entries, parseCompareEntry);
            return entries ? { type: 'compare', entries } : null;
        }
        case 'showTab':
            return typeof value.tab === 'string' && TABS.includes(value.tab) ? { type: 'showTab', tab: value.tab as ChartTab } : null;
        case 'queryDrawn':
            return isInteger(value.requestId) ? { type: 'queryDrawn', requestId: value.requestId } : null;
        default:
            return null;
    }
}

function numbers(value: unknown): number[] | null {
    return arrayOf(value, v => (isFiniteNumber(v) ? v : null));
}

/** What the host accepts from the webview; null for anything else. */
export function parseWebviewMessage(value: unknown): WebviewMessage | null {
    if (!isObject(value)) return null;
    switch (value.type) {
        case 'ready':
            return { type: 'ready' };
        case 'reveal': {
            if (!isInteger(value.line, 1) || !isInteger(value.column, 1)) return null;
            if (value.file === undefined) return { type: 'reveal', line: value.line, column: value.column };
            return isString(value.file) && value.file.length > 0 ? { type: 'reveal', line: value.line, column: value.column, file: value.file } : null;
        }
        case 'save': {
            const { format, fileName, encoding, data } = value;
            if (format !== 'png' && format !== 'svg' && format !== 'csv') return null;
            if (encoding !== 'base64' && encoding !== 'utf8') return null;
            if (encoding !== (format === 'png' ? 'base64' : 'utf8')) return null;
            // A bare file name: the host picks the folder, so no separators or parent references.
            if (!isString(fileName) || fileName.length === 0 || fileName.length > 255 || /[\\/\0]/.test(fileName) || fileName === '.' || fileName === '..') return null;
            if (typeof data !== 'string' || data.length > 64 * 1024 * 1024) return null;
            if (encoding === 'base64' && !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return null;
            return { type: 'save', format, fileName, encoding, data };
        }
        case 'openFile':
            return isString(value.uri) && value.uri.length > 0 ? { type: 'openFile', uri: value.uri } : null;
        case 'tabShown':
            return typeof value.tab === 'string' && TABS.includes(value.tab) ? { type: 'tabShown', tab: value.tab as ChartTab } : null;
        case 'drawn': {
            const { requestId, tab, network, aggregation, scale, bars, banner, bubbles } = value;
            const memory = numbers(value.memory);
            const params = numbers(value.params);
            const compute = numbers(value.compute);
            const labels = arrayOf(value.labels, v => (isString(v) ? v : null));
            if (!isInteger(requestId) || typeof tab !== 'string' || !TABS.includes(tab) || (network !== null && !isString(network))) return null;
            if (typeof aggregation !== 'string' || !AGGREGATIONS.includes(aggregation) || (scale !== 'linear' && scale !== 'log')) return null;
            if (!isInteger(bars) || !isInteger(bubbles) || (banner !== null && !isString(banner)) || !memory || !params || !compute || !labels) return null;
            const drawn: DrawnMessage = { type: 'drawn', requestId, tab: tab as ChartTab, network, aggregation: aggregation as Aggregation, scale, bars, memory, params, compute, labels, banner, bubbles };
            if (value.highlighted !== undefined) {
                const highlighted = arrayOf(value.highlighted, v => (isInteger(v) ? v : null));
                if (!highlighted) return null;
                drawn.highlighted = highlighted;
            }
            if (value.theme !== undefined) {
                const theme = value.theme;
                if (!isObject(theme) || (theme.kind !== 'light' && theme.kind !== 'dark' && theme.kind !== 'high-contrast') || !isString(theme.foreground) || !isString(theme.background)) return null;
                const stageColors = arrayOf(theme.stageColors, v => (isString(v) ? v : null));
                if (!stageColors) return null;
                drawn.theme = { kind: theme.kind, foreground: theme.foreground, background: theme.background, stageColors };
            }
            return drawn;
        }
        default:
            return null;
    }
}

// The Run tab's messages (TensorFlow.js timing): their own types and validators.
export * from './run-protocol.js';
