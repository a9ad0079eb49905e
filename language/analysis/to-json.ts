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
    return reportJson(file, analysis, diagnostics, settings, lineText, layers => [...layers]);
}

/**
 * The text of `JSON.stringify(toJsonReport(…), null, 2)`, written in pieces of about 1 MB: the
 * layers are made one at a time and never all held, neither as objects nor as one string
 * (issue 11: 655,000 rows made a 300 MB string and 1.6 GB at the peak).
 */
export function writeJsonReport(file: string, analysis: FileAnalysis, diagnostics: CnnDiagnostic[], settings: CostSettings, lineText: LineText,
    write: (text: string) => void): void {
    const report = reportJson(file, analysis, diagnostics, settings, lineText, layers => new LazyList(layers, layerText));
    const out = new ChunkedWriter(write);
    writePretty(report, '', out);
    out.flush();
}

/** The report, with each network's layers as `layersAs` makes them from a one-pass sequence. */
function reportJson<L>(file: string, analysis: FileAnalysis, diagnostics: CnnDiagnostic[], settings: CostSettings, lineText: LineText,
    layersAs: (layers: Iterable<JsonLayer>) => L): Omit<JsonReport, 'networks'> & { networks: Array<Omit<JsonNetwork, 'layers'> & { layers: L }> } {
    const position = (uri: string, at: Position) => ({ line: at.line + 1, column: codePointColumn(lineText(uri, at.line), at.character) });
    const fileOf = rowFile(file, analysis.uri);
    return {
        file,
        networks: analysis.networks.map(network => networkJson(network, settings, position, fileOf, layersAs)),
        diagnostics: diagnostics.map(d => {
            const start = position(d.uri, d.range.start);
            const end = position(d.uri, d.range.end);
            return { severity: d.severity, code: d.code, message: d.message, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
        })
    };
}

type PositionOf = (uri: string, at: Position) => { line: number; column: number };

function networkJson<L>(network: NetworkAnalysis, settings: CostSettings, position: PositionOf, fileOf: (uri: string) => string,
    layersAs: (layers: Iterable<JsonLayer>) => L): Omit<JsonNetwork, 'layers'> & { layers: L } {
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
        layers: layersAs(layersOf(network, settings, position, fileOf)),
        stages: network.stages.map(group),
        taps: network.taps.map(group)
    };
}

function* layersOf(network: NetworkAnalysis, settings: CostSettings, position: PositionOf, fileOf: (uri: string) => string): Generator<JsonLayer> {
    for (let index = 0; index < network.rows.length; index++) {
        const row = network.rows[index];
        const uri = rowUri(row);
        yield layerJson(row, uri, settings, position, network.liveElements[index] ?? 0n, fileOf(uri));
    }
}

function layerJson(row: LayerRow, uri: string, settings: CostSettings, position: PositionOf, liveElements: bigint, file: string): JsonLayer {
    const cst = row.node.$cstNode;
    const start = cst ? position(uri, cst.range.start) : { line: 0, column: 0 };
    return {
        name: row.name, op: row.op, path: row.path, input: [...row.input], output: [...row.output],
        params: count(row.params), macs: count(batched(row.macs, settings)),
        memoryBytes: count(memoryBytes(row.memoryElements, settings)),
        line: start.line, column: start.column,
        liveBytes: count(memoryBytes(liveElements, settings)),
        file
    };
}

/**
 * How a row's file is named: as the report's own file was given (`examples/resnet50.cnn`), an
 * imported one relative to it (`examples/blocks/resnet.cnn`); URIs stay URIs.
 */
function rowFile(file: string, rootUri: string): (uri: string) => string {
    const named = new Map<string, string>(); // one name per imported file, not one per row
    return uri => {
        if (uri === rootUri || uri === '') return file;
        if (/^[a-z][a-z0-9+.-]*:/i.test(file)) return uri;
        let name = named.get(uri);
        if (name === undefined) {
            const relative = UriUtils.relative(UriUtils.dirname(URI.parse(rootUri)), URI.parse(uri));
            name = posix.normalize(posix.join(posix.dirname(file), relative));
            named.set(uri, name);
        }
        return name;
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

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

export function count(value: bigint): JsonCount {
    return value <= MAX_EXACT && value >= -MAX_EXACT ? Number(value) : value.toString();
}

/** An array written item by item from a one-pass sequence (writeJsonReport's layers), each by `text`. */
class LazyList<T> {
    constructor(readonly items: Iterable<T>, readonly text: (item: T, indent: string) => string) {}
}

/** Gathers small writes into pieces of about 1 MB (joined once: no rope of a million strings to flatten). */
class ChunkedWriter {
    private pending: string[] = [];
    private length = 0;
    constructor(private readonly write: (text: string) => void) {}

    add(text: string): void {
        this.pending.push(text);
        this.length += text.length;
        if (this.length >= 1 << 20) this.flush();
    }

    flush(): void {
        if (this.length > 0) this.write(this.pending.join(''));
        this.pending = [];
        this.length = 0;
    }
}

/** Writes `value` as `JSON.stringify(value, null, 2)` would, at `indent`, with a LazyList as an array. */
function writePretty(value: unknown, indent: string, out: ChunkedWriter): void {
    if (value instanceof LazyList) {
        let first = true;
        for (const item of value.items) {
            out.add(`${first ? '[' : ','}\n${indent}  `);
            out.add(value.text(item, `${indent}  `));
            first = false;
        }
        out.add(first ? '[]' : `\n${indent}]`);
    } else if (!holdsLazyList(value)) {
        out.add(reindent(JSON.stringify(value, null, 2), indent));
    } else if (Array.isArray(value)) {
        value.forEach((item, index) => {
            out.add(`${index === 0 ? '[' : ','}\n${indent}  `);
            writePretty(item, `${indent}  `, out);
        });
        out.add(value.length === 0 ? '[]' : `\n${indent}]`);
    } else {
        const entries = Object.entries(value as object).filter(([, v]) => v !== undefined);
        entries.forEach(([key, item], index) => {
            out.add(`${index === 0 ? '{' : ','}\n${indent}  ${JSON.stringify(key)}: `);
            writePretty(item, `${indent}  `, out);
        });
        out.add(entries.length === 0 ? '{}' : `\n${indent}}`);
    }
}

function holdsLazyList(value: unknown): boolean {
    if (value instanceof LazyList) return true;
    if (typeof value !== 'object' || value === null) return false;
    if (Array.isArray(value)) return value.some(holdsLazyList);
    return Object.values(value).some(holdsLazyList);
}

/** `JSON.stringify(layer, null, 2)` at `indent` for a layer as layerJson makes it, key by key: the one shape written hundreds of thousands of times. */
function layerText(layer: JsonLayer, indent: string): string {
    const i = `\n${indent}  `;
    const shape = (dims: number[]) => dims.length === 0 ? '[]' : `[${i}  ${dims.join(`,${i}  `)}${i}]`;
    return `{${i}"name": ${JSON.stringify(layer.name)},${i}"op": ${JSON.stringify(layer.op)},${i}"path": ${JSON.stringify(layer.path)},` +
        `${i}"input": ${shape(layer.input)},${i}"output": ${shape(layer.output)},${i}"params": ${countText(layer.params)},` +
        `${i}"macs": ${countText(layer.macs)},${i}"memoryBytes": ${countText(layer.memoryBytes)},${i}"line": ${layer.line},` +
        `${i}"column": ${layer.column},${i}"liveBytes": ${countText(layer.liveBytes!)},${i}"file": ${JSON.stringify(layer.file)}\n${indent}}`;
}

function countText(value: JsonCount): string {
    return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function reindent(text: string, indent: string): string {
    return indent === '' ? text : text.replace(/\n/g, `\n${indent}`);
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
