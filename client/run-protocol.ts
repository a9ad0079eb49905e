/**
 * The Run tab's messages (issue 8, item 6), re-exported by webview-protocol.ts. Kept apart from the
 * chart's messages so the chart's parsers stay as they are; validated the same way: anything
 * malformed gives null and never reaches the code that renders it.
 *
 * host → webview: `runModel` (a compiled spec, the rows' MACs from the server and the URIs of the
 * run bundle and the wasm files) or `runUnavailable` (why the tab cannot run: an untrusted
 * workspace, a network with errors).
 * webview → host: `runRequest` (the user opened the Run tab or pressed Run) and `runResult`.
 */
import type { ModelSpec } from '../compiler/spec-types.js';

/** One analysis row the compiled model computes, with the server's MACs (decimal, may pass 2^53). */
export interface RunRow { row: number; name: string; macs: string }

export interface RunModelMessage {
    type: 'runModel';
    network: string;
    spec: ModelSpec;
    rows: RunRow[];
    /** asWebviewUri of out/webview/run.js and of the out/webview folder (ends with '/'). */
    scriptUri: string;
    wasmDir: string;
    /** Timed runs after one warm-up. */
    runs: number;
}

export interface RunUnavailableMessage { type: 'runUnavailable'; reason: string }

export type RunHostMessage = RunModelMessage | RunUnavailableMessage;

export interface RunRequestMessage { type: 'runRequest'; network: string | null }

export interface RunLayerResult { row: number; name: string; milliseconds: number; timeShare: number; macsShare: number }

export interface RunResultMessage {
    type: 'runResult';
    network: string;
    backend: string;
    /** Why each faster backend was not used (empty when webgpu ran). */
    backendNotes: string[];
    runs: number;
    medianMs: number;
    imagesPerSecond: number;
    gmacPerSecond: number;
    layers: RunLayerResult[];
}

export type RunWebviewMessage = RunRequestMessage | RunResultMessage;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const MAX_NODES = 20_000;

/** True for the message types this file owns (the chart's listener leaves them to the Run tab). */
export function isRunMessageType(value: unknown): boolean {
    return isObject(value) && typeof value.type === 'string' && ['runModel', 'runUnavailable', 'runRequest', 'runResult'].includes(value.type);
}

/** The spec's shape as createModel reads it; configs are plain JSON objects. */
function parseSpec(value: unknown): ModelSpec | null {
    if (!isObject(value) || !isString(value.network) || !Array.isArray(value.inputShape) || !value.inputShape.every(isCount)) return null;
    if (!Array.isArray(value.nodes) || value.nodes.length > MAX_NODES || !Array.isArray(value.outputs) || !value.outputs.every(i => Number.isInteger(i))) return null;
    for (const node of value.nodes) {
        if (!isObject(node) || !isString(node.name) || !isString(node.className) || !isObject(node.config)) return null;
        if (!Array.isArray(node.inputs) || !node.inputs.every(i => Number.isInteger(i) && (i as number) >= -1)) return null;
        if (node.row !== undefined && !isCount(node.row)) return null;
    }
    if (!Array.isArray(value.outputNames) || !value.outputNames.every(isString) || !Array.isArray(value.outputShapes)) return null;
    return JSON.parse(JSON.stringify(value)) as ModelSpec;
}

export function parseRunHostMessage(value: unknown): RunHostMessage | null {
    if (!isObject(value)) return null;
    if (value.type === 'runUnavailable') return isString(value.reason) ? { type: 'runUnavailable', reason: value.reason } : null;
    if (value.type !== 'runModel' || !isString(value.network) || !isString(value.scriptUri) || !isString(value.wasmDir) || !isCount(value.runs)) return null;
    const spec = parseSpec(value.spec);
    if (!spec || !Array.isArray(value.rows)) return null;
    const rows: RunRow[] = [];
    for (const row of value.rows) {
        if (!isObject(row) || !isCount(row.row) || !isString(row.name) || !isString(row.macs) || !/^\d+$/.test(row.macs)) return null;
        rows.push({ row: row.row, name: row.name, macs: row.macs });
    }
    return { type: 'runModel', network: value.network, spec, rows, scriptUri: value.scriptUri, wasmDir: value.wasmDir, runs: Math.max(1, Math.min(value.runs, 1000)) };
}

export function parseRunWebviewMessage(value: unknown): RunWebviewMessage | null {
    if (!isObject(value)) return null;
    if (value.type === 'runRequest') {
        return value.network === null || isString(value.network) ? { type: 'runRequest', network: value.network as string | null } : null;
    }
    if (value.type !== 'runResult' || !isString(value.network) || !isString(value.backend) || !Array.isArray(value.backendNotes) || !value.backendNotes.every(isString)) return null;
    if (!isCount(value.runs) || !isFinite(value.medianMs) || !isFinite(value.imagesPerSecond) || !isFinite(value.gmacPerSecond) || !Array.isArray(value.layers)) return null;
    const layers: RunLayerResult[] = [];
    for (const l of value.layers) {
        if (!isObject(l) || !isCount(l.row) || !isString(l.name) || !isFinite(l.milliseconds) || !isFinite(l.timeShare) || !isFinite(l.macsShare)) return null;
        layers.push({ row: l.row, name: l.name, milliseconds: l.milliseconds, timeShare: l.timeShare, macsShare: l.macsShare });
    }
    return {
        type: 'runResult', network: value.network, backend: value.backend, backendNotes: value.backendNotes as string[], runs: value.runs,
        medianMs: value.medianMs, imagesPerSecond: value.imagesPerSecond, gmacPerSecond: value.gmacPerSecond, layers
    };
}
