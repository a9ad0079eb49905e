import { URI, UriUtils } from 'langium';
import { posix } from 'node:path';
import { batched, memoryBytes, type CostSettings } from './settings.js';
import type { CnnDiagnostic, FileAnalysis, Group, LayerRow, NetworkAnalysis, Position, Shape } from './types.js';

/** A count as JSON: a number while exact (below 2^53), else a decimal string. */
export type JsonCount = number | string;

export interface JsonGroup {
    name: string; output: number[] | null; params: JsonCount; macs: JsonCount; memoryBytes: JsonCount;
    /** Its path (LANGUAGE.md §8.10), ending in its own segment. */
    path?: string;
}

export interface JsonLayer {
    name: string; op: string; path: string; input: number[]; output: number[];
    params: JsonCount; macs: JsonCount; memoryBytes: JsonCount; line: number; column: number;
    /** The file `line` and `column` are in: the report's file, or the imported file a block comes from. */
    file?: string;
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
        networks: analysis.networks.map(network => networkJson(network, settings, position, rowFile(file, analysis.uri))),
        diagnostics: diagnostics.map(d => {
            const start = position(d.uri, d.range.start);
            const end = position(d.uri, d.range.end);
            return { severity: d.severity, code: d.code, message: d.message, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
        })
    };
}

type PositionOf = (uri: string, at: Position) => { line: number; column: number };

function networkJson(network: NetworkAnalysis, settings: CostSettings, position: PositionOf, fileOf: (uri: string) => string): JsonNetwork {
    const { totals } = network;
    const group = (g: Group): JsonGroup => ({
        name: g.name, output: shapeJson(g.output), params: count(g.totals.params),
        macs: count(batched(g.totals.macs, settings)), memoryBytes: count(memoryBytes(g.totals.memoryElements, settings)), path: g.path
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
        layers: network.rows.map((row, index) => ({ ...layerJson(row, settings, position, network.liveElements[index] ?? 0n), file: fileOf(rowUri(row)) })),
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

/**
 * How a row's file is named: as the report's own file was given (`examples/resnet50.cnn`), an
 * imported one relative to it (`examples/blocks/resnet.cnn`); URIs stay URIs.
 */
function rowFile(file: string, rootUri: string): (uri: string) => string {
    return uri => {
        if (uri === rootUri || uri === '') return file;
        if (/^[a-z][a-z0-9+.-]*:/i.test(file)) return uri;
        const relative = UriUtils.relative(UriUtils.dirname(URI.parse(rootUri)), URI.parse(uri));
        return posix.normalize(posix.join(posix.dirname(file), relative));
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

/**
 * 1-based column in code points, from a 0-based UTF-16 offset. Each line's astral characters
 * (surrogate pairs) are found once and remembered, so a million columns on one 1 MB line cost
 * a binary search each instead of a copy of the line each (issue 11: 400 KB took 87 s).
 */
export function codePointColumn(lineText: string, utf16: number): number {
    utf16 = Math.max(0, Math.min(utf16, lineText.length));
    const pairs = pairsOf(lineText);
    let low = 0;
    let high = pairs.length;
    while (low < high) {
        const mid = (low + high) >>> 1;
        // A pair counts once the offset is past its high surrogate (as [...slice] would split it).
        if (pairs[mid] + 1 < utf16) low = mid + 1;
        else high = mid;
    }
    return utf16 - low + 1;
}

const PAIRS_CACHE = new Map<string, number[]>();

/** The UTF-16 offsets of the high surrogates that start a pair in a line. */
function pairsOf(lineText: string): number[] {
    let pairs = PAIRS_CACHE.get(lineText);
    if (pairs) return pairs;
    pairs = [];
    for (const match of lineText.matchAll(/[\ud800-\udbff][\udc00-\udfff]/g)) pairs.push(match.index);
    // A few recent lines are enough: positions come line by line.
    if (PAIRS_CACHE.size > 64) PAIRS_CACHE.clear();
    PAIRS_CACHE.set(lineText, pairs);
    return pairs;
}
