import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

async function main(): Promise<void> {
    const folder = mkdtempSync(join(tmpdir(), 'cnn-typing-bench-'));
    writeFileSync(join(folder, 'placeholder.txt'), '');
    const client = new StdioLspClient(process.argv[2]);
    await client.initialize(folder);
    const text = resnetWrittenOut(RESNET152_STAGES);
    const uri = pathToFileURL(join(folder, 'resnet152.cnn')).toString();
    const burst = await typeInto(client, uri, text, 1653);
    const paced = await typeInto(client, uri.replace('.cnn', '-paced.cnn'), text, 200, 20);
    console.log(`typing 200 characters 20 ms apart: last diagnostics ${paced.lastDiagnosticsMs.toFixed(1)} ms after the last keystroke (${paced.published} of 200 versions published)`);
    console.log(`typing ${burst.keystrokes} characters into ResNet-152 written out, no pause: last diagnostics ${burst.lastDiagnosticsMs.toFixed(0)} ms after the last keystroke (${burst.published} versions published)`);
    await client.close();
}

if (process.argv[1]?.endsWith('typing-bench.cjs')) void main();
