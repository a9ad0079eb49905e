import type { JsonReport } from '../language/analysis/to-json.js';

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

/** The user clicked a bar or a table row: reveal that statement (1-based line and column). */
export interface RevealMessage { type: 'reveal'; line: number; column: number }

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
}

export type Aggregation = 'layer' | 'block' | 'stage';

export type WebviewMessage = ReadyMessage | RevealMessage | SaveMessage | OpenFileMessage | DrawnMessage;
