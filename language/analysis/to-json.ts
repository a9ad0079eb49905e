import { batched, memoryBytes, type CostSettings } from './settings.js';
import type { CnnDiagnostic, FileAnalysis, Group, LayerRow, NetworkAnalysis, Position, Shape } from './types.js';

/** A count as JSON: a number while exact (below 2^53), else a decimal string. */
export type JsonCount = number | string;

export interface JsonGroup { name: string; output: number[] | null; params: JsonCount; macs: JsonCount; memoryBytes: JsonCount }

export interface JsonLayer {
    name: string; op: string; path: string; input: number[]; output: number[];
    params: JsonCount; macs: JsonCount; memoryBytes: JsonCount; line: number; column: number;
    /** Bytes of every tensor alive while the row runs (LANGUAGE.md §8.9). */
    liveBytes?: JsonCount;
}

export interface JsonNetwork {
    name: string;
    input: number[];
    output: number[] | null;
    totals: {
        params: JsonCount; buffers: JsonCount; macs: JsonCount; flops: JsonCount; otherOps: JsonCount; memoryBytes: JsonCount; paramBytes: JsonCount;
        /** Peak activation memory (LANGUAGE.md §8.9). */
        peakMemoryBytes?: JsonCount;
    };
    layers: JsonLayer[];
    stages: JsonGroup[];
    taps: JsonGroup[];
}

export interface JsonDiagnostic {
    severity: string; code: string; message: string; line: number; column: number; endLine: number; endColumn: number;
}

export interface JsonReport { file: string; networks: JsonNetwork[]; diagnostics: JsonDiagnostic[] }

/** Returns the text of a line of a file (0-based), to count columns in code points. */
export type LineText = (uri: string, line: number) => string;

/** A LineText over whole texts (undefined: unknown file), splitting each text once. */
export function lineReader(textOf: (uri: string) => string | undefined): LineText {
    const lines = new Map<string, string[]>();
    return (uri, line) => {
        let fileLines = lines.get(uri);
        if (!fileLines) {
            fileLines = (textOf(uri) ?? '').split(/\r?\n/);
            lines.set(uri, fileLines);
        }
        return fileLines[line] ?? '';
    };
}

/**
 * The stable JSON schema of `cnn analyze --format json` and the `cnn/analysis` request:
 * 1-based lines, columns in code points, shapes as arrays, counts exact.
 */
export function toJsonReport(file: string, analysis: FileAnalysis, diagnostics: CnnDiagnostic[], settings: CostSettings, lineText: LineText): JsonReport {
    const position = (uri: string, at: Position) => ({ line: at.line + 1, column: codePointColumn(lineText(uri, at.line), at.character) });
    return {
        file,
        networks: analysis.networks.map(network => networkJson(network, settings, position)),
        diagnostics: diagnostics.map(d => {
            const start = position(d.uri, d.range.start);
            const end = position(d.uri, d.range.end);
            return { severity: d.severity, code: d.code, message: d.message, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
        })
    };
}

type PositionOf = (uri: string, at: Position) => { line: number; column: number };

function networkJson(network: NetworkAnalysis, settings: CostSettings, position: PositionOf): JsonNetwork {
    const { totals } = network;
    const group = (g: Group): JsonGroup => ({
        name: g.name, output: shapeJson(g.output), params: count(g.totals.params),
        macs: count(batched(g.totals.macs, settings)), memoryBytes: count(memoryBytes(g.totals.memoryElements, settings))
    });
    return {
        name: network.name,
        input: [...network.input],
        output: shapeJson(network.output),
        totals: {
            params: count(totals.params),
            buffers: count(totals.buffers),
            macs: count(batched(totals.macs, settings)),
            flops: count(2n * batched(totals.macs, settings)),
            otherOps: count(batched(totals.otherOps, settings)),
            memoryBytes: count(memoryBytes(totals.memoryElements, settings)),
            paramBytes: count(totals.params * BigInt(settings.bytesPerElement)),
            peakMemoryBytes: count(memoryBytes(network.peakMemoryElements, settings))
        },
        layers: network.rows.map((row, index) => layerJson(row, settings, position, network.liveElements[index] ?? 0n)),
        stages: network.stages.map(group),
        taps: network.taps.map(group)
    };
}

function layerJson(row: LayerRow, settings: CostSettings, position: PositionOf, liveElements: bigint): JsonLayer {
    const cst = row.node.$cstNode;
    const start = cst ? position(rowUri(row), cst.range.start) : { line: 0, column: 0 };
    return {
        name: row.name, op: row.op, path: row.path, input: [...row.input], output: [...row.output],
        params: count(row.params), macs: count(batched(row.macs, settings)),
        memoryBytes: count(memoryBytes(row.memoryElements, settings)),
        line: start.line, column: start.column,
        liveBytes: count(memoryBytes(liveElements, settings))
    };
}

function rowUri(row: LayerRow): string {
    let node = row.node;
    while (node.$container) node = node.$container;
    return node.$document?.uri.toString() ?? '';
}

function shapeJson(shape: Shape | null): number[] | null {
    return shape === null ? null : [...shape];
}

export function count(value: bigint): JsonCount {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

/** 1-based column in code points, from a 0-based UTF-16 offset. */
export function codePointColumn(lineText: string, utf16: number): number {
    return [...lineText.slice(0, utf16)].length + 1;
}
