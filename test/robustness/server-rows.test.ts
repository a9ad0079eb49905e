import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { typeInto } from '../../bench/typing-bench.js';
import { RESNET152_STAGES, resnetWrittenOut } from '../../bench/resnet-text.js';
import type { Block } from '../../language/generated/ast.js';
import { blockSignature, parameterTexts } from '../../server/lsp/block-signature.js';
import { StdioLspClient } from '../lsp/stdio-client.js';

const FULL_TOKENS = 872;
const RANGE_TOKENS = 170;

/** Encoded semantic tokens as absolute `line:character:length:type` strings. */
function absolute(data: number[]): string[] {
    const out: string[] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < data.length; i += 5) {
        line += data[i];
        character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
        out.push(`${line}:${character}:${data[i + 2]}:${data[i + 3]}`);
    }
    return out;
}


// Issue 11's table, row by row, each from its minimal file, through the built server over stdio.

describe('the language server holds on the rows of issue 11', () => {
    const folder = mkdtempSync(join(tmpdir(), 'cnn-rows-'));
    let client: StdioLspClient;
    let count = 0;

    beforeAll(async () => {
        writeFileSync(join(folder, 'placeholder.txt'), '');
        client = new StdioLspClient();
        await client.initialize(folder);
    });

    afterAll(async () => {
        expect(await client.close()).toBe(0);
    });

    /** Opens a document and waits for its first analysis. */
    async function openDocument(text: string, uri = pathToFileURL(join(folder, `doc${++count}.cnn`)).toString()): Promise<string> {
        await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'cnn', version: 1, text } });
        await client.analysed(uri, 1);
        return uri;
    }

    const hoverText = async (uri: string, line: number, character: number) => {
        const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
        return hover?.contents.value;
    };

    test('semantic tokens full and range in flight together answer as each does alone', async () => {
        // Large enough that Langium's provider yields while it walks the tree (every 10 ms).
        const uri = await openDocument(resnetWrittenOut(RESNET152_STAGES));
        const range = { start: { line: 100, character: 0 }, end: { line: 160, character: 0 } };
        const full = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
        const ranged = await client.request<{ data: number[] }>('textDocument/semanticTokens/range', { textDocument: { uri }, range });
        expect(full.data.length).toBe(FULL_TOKENS * 5);
        expect(ranged.data.length).toBe(RANGE_TOKENS * 5);
        // Langium's own range walk answered nothing for a range that does not start at the top.
        expect(absolute(ranged.data)).toEqual(absolute(full.data).filter(t => Number(t.split(':')[0]) >= 100 && Number(t.split(':')[0]) < 160));
        for (let i = 0; i < 40; i++) {
            const [a, b] = await Promise.all([
                client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } }),
                client.request<{ data: number[] }>('textDocument/semanticTokens/range', { textDocument: { uri }, range })
            ]);
            expect(a.data).toEqual(full.data);
            expect(b.data).toEqual(ranged.data);
        }
    });

    test('hover on a flat annotation (`flatten -> 192`)', async () => {
        const uri = await openDocument('network N {\n    input 3x8x8\n    flatten -> 192\n}\n');
        expect(await hoverText(uri, 2, 16)).toBe('**declared** 192 · **inferred** 192 ✓');
    });

    test('meta text is shown literally in the hover', async () => {
        const uri = await openDocument('network N {\n    input 3x8x8\n    meta source = "<img src=x> **bold** [link](http://x) `code` a|b"\n    relu\n}\n');
        const hover = await hoverText(uri, 0, 9);
        expect(hover).toContain('source: &lt;img src=x&gt; \\*\\*bold\\*\\* \\[link\\](http://x) \\`code\\` a\\|b');
    });

    test('a half-typed block parameter is never `undefined` in completion or signature help', async () => {
        const text = 'block Conv(out, = 3) {\n    conv out 3x3\n}\nnetwork N {\n    input 3x8x8\n    Conv(\n}\n';
        const uri = await openDocument(text);
        const help = await client.request<{ signatures: Array<{ label: string }> }>('textDocument/signatureHelp', { textDocument: { uri }, position: { line: 5, character: 9 } });
        expect(JSON.stringify(help)).not.toContain('undefined');
        const completion = await client.request<{ items: Array<{ label: string; detail?: string; insertText?: string }> }>('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 9 } });
        expect(JSON.stringify(completion)).not.toContain('undefined');
        const blockItems = await client.request<{ items: Array<{ label: string; detail?: string; insertText?: string }> }>('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 4 } });
        expect(JSON.stringify(blockItems)).not.toContain('undefined');
    });

    test('a parameter without a name yet holds its place as `?`', () => {
        const block = { name: 'Conv', params: [{ name: 'out' }, { name: undefined, default: { $cstNode: { text: '3' } } }] } as unknown as Block;
        expect(parameterTexts(block)).toEqual(['out', '? = 3']);
        expect(blockSignature(block)).toEqual({ label: 'Conv(out, ? = 3)', parameters: [[5, 8], [10, 15]] });
    });

    test('diagnostics are published under the URI exactly as the client sent it (`+`, `:`)', async () => {
        const sent = `${pathToFileURL(folder).toString()}/a+b:c.cnn`;
        const published = client.diagnosticsFor(sent);
        await client.notify('textDocument/didOpen', { textDocument: { uri: sent, languageId: 'cnn', version: 1, text: 'network N {\n    input 3x8x8\n    conv 4 9x9\n}\n' } });
        const diagnostics = await published;
        expect(diagnostics.diagnostics.map(d => d.message)).toEqual(['conv: 8×8 input is smaller than the 9×9 kernel']);
        expect(client.analysisChanged.at(-1)).toEqual({ uri: sent, version: 1 });
    });

    test('cnn/analysis refuses a negative or fractional batch with InvalidParams', async () => {
        const uri = await openDocument('network N {\n    input 3x8x8\n    conv 4 3x3\n}\n');
        for (const [params, message] of [
            [{ batch: -3 }, 'batch must be a whole number from 1 to 2147483648, got -3'],
            [{ batch: 1.5 }, 'batch must be a whole number from 1 to 2147483648, got 1.5'],
            [{ bytesPerElement: '4' }, 'bytesPerElement must be a whole number from 1 to 2147483648, got "4"']
        ] as const) {
            await expect(client.request('cnn/analysis', { uri, ...params })).rejects.toMatchObject({ code: -32602, message });
        }
        const report = await client.request<{ networks: Array<{ totals: { macs: string | number } }> }>('cnn/analysis', { uri, batch: 2 });
        expect(report.networks[0].totals.macs).toBe(2 * 4 * 27 * 36);
    });

    test('a legal 655,000-row network stops at the time budget: the server answers another document meanwhile', async () => {
        const small = await openDocument('network Small {\n    input 3x8x8\n    conv 4 3x3\n}\n');
        const big = pathToFileURL(join(folder, 'big.cnn')).toString();
        // 131,000 × 5 rows; `cnn analyze` takes seconds on it, the server took 69 s without a budget.
        const text = 'network Big {\n    input 3x32x32\n    repeat 131000 {\n        conv 8 3x3 pad 1, bn, relu\n        conv 8 1x1, relu\n    }\n}\n';
        const published = client.diagnosticsFor(big);
        await client.notify('textDocument/didOpen', { textDocument: { uri: big, languageId: 'cnn', version: 1, text } });
        // The server is analysing it by now.
        await new Promise(resolve => setTimeout(resolve, 100));
        const asked = performance.now();
        expect(await hoverText(small, 2, 5)).toContain('**conv_1** `conv` — 3×8×8 → **4×6×6**');
        expect(performance.now() - asked).toBeLessThan(1000);
        const diagnostics = (await published).diagnostics;
        expect(diagnostics.map(d => [d.code, d.range])).toEqual([['too-large', { start: { line: 0, character: 8 }, end: { line: 0, character: 11 } }]]);
        expect(diagnostics[0].message).toMatch(/^analysis stopped after 400 ms in the editor, at row [\d,]+ \(line [45]\): shapes and costs after it are not shown; 'cnn analyze' analyses the whole network$/);
        // The rows above the stop answer from the same analysis; an edit is analysed again, within its budget.
        expect(await hoverText(big, 3, 9)).toContain('**conv_1** `conv` — 3×32×32 → **8×32×32**');
        const edited = performance.now();
        await client.notify('textDocument/didChange', { textDocument: { uri: big, version: 2 }, contentChanges: [{ text: text.replace('conv 8 1x1', 'conv 16 1x1') }] });
        await client.analysed(big, 2);
        expect(performance.now() - edited).toBeLessThan(2000);
    }, 60_000);

    test('typing 600 characters without a pause builds no backlog', async () => {
        const uri = pathToFileURL(join(folder, 'typed.cnn')).toString();
        const result = await typeInto(client, uri, resnetWrittenOut(RESNET152_STAGES), 600);
        // Validating every version took 30 s here; only the latest few are built now.
        expect(result.lastDiagnosticsMs).toBeLessThan(8000);
        expect(result.published).toBeLessThan(60);
        const hover = await hoverText(uri, 2, 6);
        expect(hover).toContain('**conv_1** `conv` — 3×224×224 → **64×112×112**');
    }, 60_000);
});
