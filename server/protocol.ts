import type { JsonReport } from '../language/analysis/to-json.js';
import type { CompareEntry } from '../client/webview-protocol.js';

/**
 * Custom messages between the CNN language server and its clients, typed once for both sides.
 * Plain method names and types (no runtime import), so the server and the client may use
 * different copies of the LSP libraries.
 */

export interface AnalysisParams {
    /** The document's URI. */
    uri: string;
    /** Bytes per tensor element (4 = float32) and batch size; defaults 4 and 1. */
    bytesPerElement?: number;
    batch?: number;
}

/** `cnn/analysis`: the CLI's JSON report (`cnn analyze --format json`) for an open document, or null. */
export const ANALYSIS_REQUEST = 'cnn/analysis';
export type AnalysisResult = JsonReport | null;

export interface AnalysisChangedParams {
    uri: string;
    /** The document version the new analysis belongs to. */
    version: number;
}

/** `cnn/analysisChanged`: sent after a document's analysis changed (after each validation). */
export const ANALYSIS_CHANGED_NOTIFICATION = 'cnn/analysisChanged';

/** The client command the `Show chart` code lens invokes, with the document URI and network name. */
export const SHOW_CHART_COMMAND = 'cnn.showChart';

export interface CompareParams {
    /** The document the comparison is opened from; its network is marked as the current one. */
    uri: string;
    /** The current network's name (null: the document's first network). */
    network: string | null;
    /** Further `.cnn` files to include (the extension's bundled examples), read from disk. */
    extraUris: string[];
}

/** `cnn/compare`: the networks with a `meta top1` (and the current one), costs at the editor's settings. */
export const COMPARE_REQUEST = 'cnn/compare';
export type CompareResult = CompareEntry[];

export interface ModelSpecParams {
    uri: string;
    /** null: the document's first network. */
    network: string | null;
}

/** `cnn/modelSpec`: a network compiled for TensorFlow.js (compiler/model-spec.ts) and its rows' MACs, for the Run tab. */
export const MODEL_SPEC_REQUEST = 'cnn/modelSpec';
export type ModelSpecResult = { network: string; spec: import('../compiler/spec-types.js').ModelSpec; rows: import('../client/run-protocol.js').RunRow[] } | { error: string };
