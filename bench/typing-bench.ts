import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EmptyFileSystem, URI } from 'langium';
import { analyzeSource } from '../language/analysis/analyze.js';
import { sourceOf } from '../language/analysis/sources.js';
import { fileDiagnostics } from '../language/analysis/syntax-errors.js';
import { createCnnCoreServices } from '../language/cnn-module.js';
import type { Model } from '../language/generated/ast.js';
import { serverMemoryOf } from '../test/fuzz/fuzz-run.js';
import { StdioLspClient } from '../test/lsp/stdio-client.js';
import { RESNET152_STAGES, resnetWrittenOut } from './resnet-text.js';

// Typing without a pause, as an editor sends it: one didChange per character, none awaited,
// into a written-out ResNet-152. What counts is when the last version's diagnostics arrive, and
// that the server neither builds a backlog nor grows its memory (issue 11).

export interface TypingResult {
    keystrokes: number;
    typingMs: number;
    /** From the last keystroke to the diagnostics of the last version. */
    lastDiagnosticsMs: number;
    /** Versions whose diagnostics were published (the rest were rightly skipped). */
    published: number;
}

/** Types the last `count` characters of `text` one at a time, `gapMs` apart (0: all at once). */
export async function typeInto(client: StdioLspClient, uri: string, text: string, count: number, gapMs = 0): Promise<TypingResult> {
    const start = text.length - count;
    let version = 1;
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'cnn', version, text: text.slice(0, start) } });
    await analysed(client, uri, 1);
    const before = client.analysisChanged.length;
    const began = performance.now();
    const sent: Array<Promise<void>> = [];
    for (let i = start; i < text.length; i++) {
        version++;
        const at = positionAt(text, i);
        sent.push(client.notify('textDocument/didChange', {
            textDocument: { uri, version },
            contentChanges: [{ range: { start: at, end: at }, text: text[i] }]
        }));
        if (gapMs > 0) await new Promise(resolve => setTimeout(resolve, gapMs));
    }
    // The last keystroke is when its message has been written to the server's stdin.
    await Promise.all(sent);
    const typed = performance.now();
    const final = version;
    await analysed(client, uri, final);
    const published = client.analysisChanged.slice(before).filter(a => a.uri === uri).length;
    return { keystrokes: count, typingMs: typed - began, lastDiagnosticsMs: performance.now() - typed, published };
}

/**
 * Waits for `cnn/analysisChanged` of a version: the server sends it in the same step as that
 * version's diagnostics (which carry no version to wait on).
 */
export async function analysed(client: StdioLspClient, uri: string, version: number): Promise<void> {
    while (!client.analysisChanged.some(a => a.uri === uri && a.version === version)) {
        await new Promise(resolve => setTimeout(resolve, 1));
    }
}

function positionAt(text: string, offset: number): { line: number; character: number } {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function median(samples: number[]): number {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

/** Parse plus analysis of a text in this process: what a validation cannot be faster than. */
function parseAndAnalysis(text: string): number {
    const { shared } = createCnnCoreServices(EmptyFileSystem);
    const samples: number[] = [];
    for (let i = 0; i < 24; i++) {
        const start = performance.now();
        const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(`${text}// ${i}\n`, URI.parse(`memory:///bench${i}.cnn`));
        const analysis = analyzeSource(sourceOf(document), () => undefined);
        fileDiagnostics(document, analysis.diagnostics);
        if (i >= 3) samples.push(performance.now() - start);
    }
    return median(samples);
}

async function timed(run: () => Promise<unknown>, repetitions: number): Promise<number> {
    for (let i = 0; i < 3; i++) await run();
    const samples: number[] = [];
    for (let i = 0; i < repetitions; i++) {
        const start = performance.now();
        await run();
        samples.push(performance.now() - start);
    }
    return median(samples);
}

async function main(): Promise<void> {
    const folder = mkdtempSync(join(tmpdir(), 'cnn-typing-bench-'));
    writeFileSync(join(folder, 'placeholder.txt'), '');
    const client = new StdioLspClient(process.argv[2]);
    await client.initialize(folder);
    const text = resnetWrittenOut(RESNET152_STAGES);
    const lines = text.split('\n');

    // didChange → diagnostics against parse + analysis of the same text, and request latencies.
    const uri = pathToFileURL(join(folder, 'resnet152-edits.cnn')).toString();
    let version = 1;
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'cnn', version, text } });
    await analysed(client, uri, version);
    const change = await timed(async () => {
        version++;
        await client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: `${text}// ${version}\n` }] });
        await analysed(client, uri, version);
    }, 21);
    const baseline = parseAndAnalysis(text);
    const layerLine = lines.findIndex(line => line.includes('conv') && line.includes('3x3'));
    const at = { line: layerLine, character: lines[layerLine].indexOf('conv') + 1 };
    const hover = await timed(() => client.request('textDocument/hover', { textDocument: { uri }, position: at }), 41);
    const hints = await timed(() => client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } }), 41);
    const completion = await timed(() => client.request('textDocument/completion', { textDocument: { uri }, position: { line: layerLine, character: 12 } }), 41);
    console.log(`ResNet-152 written out (${lines.length} lines): didChange→diagnostics ${change.toFixed(1)} ms, parse+analysis ${baseline.toFixed(1)} ms (${(change / baseline).toFixed(2)}×)`);
    console.log(`hover ${hover.toFixed(2)} ms, inlay hints (whole file) ${hints.toFixed(2)} ms, completion ${completion.toFixed(2)} ms`);

    const paced = await typeInto(client, pathToFileURL(join(folder, 'resnet152-paced.cnn')).toString(), text, 200, 20);
    console.log(`typing 200 characters 20 ms apart: last diagnostics ${paced.lastDiagnosticsMs.toFixed(1)} ms after the last keystroke (${paced.published} of 200 versions published)`);
    const burst = await typeInto(client, pathToFileURL(join(folder, 'resnet152-burst.cnn')).toString(), text, 1653);
    console.log(`typing ${burst.keystrokes} characters with no pause: last diagnostics ${burst.lastDiagnosticsMs.toFixed(0)} ms after the last keystroke (${burst.published} versions published)`);

    // Memory after 10,000 edits against after the first: type a character, delete it, again.
    const memoryUri = pathToFileURL(join(folder, 'resnet152-memory.cnn')).toString();
    let memoryVersion = 1;
    await client.notify('textDocument/didOpen', { textDocument: { uri: memoryUri, languageId: 'cnn', version: memoryVersion, text } });
    await analysed(client, memoryUri, memoryVersion);
    const spot = { line: lines.length - 2, character: 0 };
    let first: number | undefined;
    for (let round = 0; round < 20; round++) {
        for (let i = 0; i < 250; i++) {
            memoryVersion++;
            void client.notify('textDocument/didChange', { textDocument: { uri: memoryUri, version: memoryVersion }, contentChanges: [{ range: { start: spot, end: spot }, text: 'x' }] });
            memoryVersion++;
            void client.notify('textDocument/didChange', { textDocument: { uri: memoryUri, version: memoryVersion }, contentChanges: [{ range: { start: spot, end: { line: spot.line, character: 1 } }, text: '' }] });
        }
        await analysed(client, memoryUri, memoryVersion);
        if (round === 0) first = serverMemoryOf(client.pid)?.rss;
    }
    const last = serverMemoryOf(client.pid)?.rss;
    if (first !== undefined && last !== undefined) {
        console.log(`server memory after 500 edits ${(first / 2 ** 20).toFixed(0)} MiB, after 10,000 ${(last / 2 ** 20).toFixed(0)} MiB (${(((last - first) / first) * 100).toFixed(1)}%)`);
    }
    await client.close();
}

if (process.argv[1]?.endsWith('typing-bench.cjs')) void main();
