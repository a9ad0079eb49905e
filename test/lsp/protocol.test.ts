import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StdioLspClient } from './stdio-client.js';

// An editor session against the built server over stdio, step by step as an editor walks it.

const LIBRARY = 'block Basic(planes, stride = 1) {\n    residual {\n        conv planes 3x3 stride stride pad 1 nobias, bn, relu\n        conv planes 3x3 pad 1 nobias, bn\n    } shortcut auto\n    relu\n}\n';
const MAIN = 'import "blocks/lib.cnn"\n\nnetwork Net {\n    input 64x56x56\n    stage s {\n        Basic(64)\n        residual { conv 64 3x3 pad 1 }\n    }\n}\n';

describe('language server over stdio', () => {
    const folder = mkdtempSync(join(tmpdir(), 'cnn-lsp-'));
    const libraryPath = join(folder, 'blocks', 'lib.cnn');
    const mainPath = join(folder, 'main.cnn');
    const lib = pathToFileURL(libraryPath).toString();
    const main = pathToFileURL(mainPath).toString();
    let client: StdioLspClient;
    let version = 1;

    beforeAll(async () => {
        mkdirSync(join(folder, 'blocks'));
        writeFileSync(libraryPath, LIBRARY);
        writeFileSync(mainPath, MAIN);
        client = new StdioLspClient();
        const result = await client.initialize(folder) as { capabilities: Record<string, unknown> };
        expect(Object.keys(result.capabilities)).toEqual(expect.arrayContaining([
            'hoverProvider', 'inlayHintProvider', 'codeLensProvider', 'codeActionProvider', 'completionProvider', 'renameProvider',
            'documentSymbolProvider', 'documentFormattingProvider', 'definitionProvider', 'referencesProvider', 'semanticTokensProvider',
            'signatureHelpProvider', 'foldingRangeProvider', 'workspaceSymbolProvider'
        ]));
        await client.notify('textDocument/didOpen', { textDocument: { uri: main, languageId: 'cnn', version, text: MAIN } });
    });

    afterAll(async () => {
        expect(await client.close()).toBe(0);
    });

    const change = async (text: string) => {
        version++;
        await client.notify('textDocument/didChange', { textDocument: { uri: main, version }, contentChanges: [{ text }] });
    };

    it('publishes diagnostics on open, then as a residual mismatch is introduced and fixed', async () => {
        expect((await client.diagnosticsFor(main, () => true, true)).diagnostics).toEqual([]);
        const broken = MAIN.replace('residual { conv 64 3x3 pad 1 }', 'residual { conv 128 3x3 pad 1 }');
        await change(broken);
        const published = await client.diagnosticsFor(main, d => d.diagnostics.length > 0);
        expect(published.diagnostics.map(d => [d.code, d.range.start.line, d.message])).toEqual([[
            'residual-mismatch', 6, `residual: body gives 128×56×56, shortcut gives 64×56×56 (channels 128 ≠ 64); use 'shortcut projection'`
        ]]);
        const actions = await client.request<Array<{ title: string; edit: { changes: Record<string, Array<{ newText: string }>> } }>>('textDocument/codeAction', {
            textDocument: { uri: main }, range: published.diagnostics[0].range, context: { diagnostics: published.diagnostics }
        });
        expect(actions[0].title).toBe(`Use 'shortcut projection': the output becomes 128×56×56`);
        await change(broken.replace('residual { conv 128 3x3 pad 1 }', 'residual { conv 128 3x3 pad 1 } shortcut projection'));
        expect((await client.diagnosticsFor(main, d => d.diagnostics.length === 0)).diagnostics).toEqual([]);
        await change(MAIN);
        await client.diagnosticsFor(main, d => d.version === version || d.diagnostics.length === 0);
    });

    it('answers cnn/analysis with the CLI JSON and announces changed analyses', async () => {
        const report = await client.request<{ networks: Array<{ name: string; totals: { params: number }; stages: Array<{ name: string }> }> }>('cnn/analysis', { uri: main });
        expect(report.networks[0].name).toBe('Net');
        expect(report.networks[0].totals.params).toBe(2 * (64 * 64 * 9 + 128) + 64 * 64 * 9 + 64);
        expect(report.networks[0].stages.map(s => s.name)).toEqual(['s']);
        expect(client.analysisChanged.some(n => n.uri === main)).toBe(true);
        expect(await client.request('cnn/analysis', { uri: 'file:///nowhere.cnn' })).toBeNull();
    });

    it('hovers a call with its totals', async () => {
        const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: main }, position: { line: 5, character: 10 } });
        expect(hover.contents.value).toContain('**s/Basic** — call of `Basic` — 64×56×56 → **64×56×56**');
    });

    it('returns inlay hints, code lenses and document symbols', async () => {
        const hints = await client.request<Array<{ label: string; position: { line: number } }>>('textDocument/inlayHint', {
            textDocument: { uri: main }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } }
        });
        expect(hints.map(h => `${h.position.line}${h.label}`)).toEqual(['5 → 64×56×56', '6 → 64×56×56', '6 → 64×56×56']);
        const lenses = await client.request<Array<{ command: { title: string } }>>('textDocument/codeLens', { textDocument: { uri: main } });
        expect(lenses.map(l => l.command.title)).toEqual([
            'params 111K · MACs 347M · memory 5.36 MiB · peak 2.3 MiB', 'Show chart', 'params 111K (100.0%) · MACs 347M (100.0%) · memory 5.36 MiB (100.0%)'
        ]);
        const symbols = await client.request<Array<{ name: string; children?: Array<{ name: string }> }>>('textDocument/documentSymbol', { textDocument: { uri: main } });
        expect(symbols.map(s => [s.name, s.children?.map(c => c.name)])).toEqual([['Net', ['s']]]);
    });

    it('completes block names and import paths, and renames across files', async () => {
        const atStatement = await client.request<{ items: Array<{ label: string }> }>('textDocument/completion', { textDocument: { uri: main }, position: { line: 5, character: 8 } });
        expect(atStatement.items.map(i => i.label)).toEqual(expect.arrayContaining(['Basic', 'conv', 'residual']));
        const atImport = await client.request<{ items: Array<{ label: string }> }>('textDocument/completion', { textDocument: { uri: main }, position: { line: 0, character: 7 } });
        expect(atImport.items.map(i => i.label)).toEqual(['"blocks/lib.cnn"']);
        const edit = await client.request<{ changes: Record<string, unknown[]> }>('textDocument/rename', { textDocument: { uri: main }, position: { line: 5, character: 10 }, newName: 'Plain' });
        expect(Object.keys(edit.changes).sort()).toEqual([lib, main].sort());
    });

    it('formats a document', async () => {
        const edits = await client.request<unknown[]>('textDocument/formatting', { textDocument: { uri: main }, options: { tabSize: 4, insertSpaces: true } });
        expect(edits).toEqual([]);
    });

    it('re-validates the importer when the imported file changes', async () => {
        await client.notify('textDocument/didOpen', { textDocument: { uri: lib, languageId: 'cnn', version: 1, text: LIBRARY } });
        await client.notify('textDocument/didChange', { textDocument: { uri: lib, version: 2 }, contentChanges: [{
            text: LIBRARY.replace('conv planes 3x3 pad 1 nobias, bn\n', 'conv planes * 2 3x3 pad 1 nobias, bn\n').replace('shortcut auto', 'shortcut identity')
        }] });
        const published = await client.diagnosticsFor(main, d => d.diagnostics.length > 0);
        expect(published.diagnostics.map(d => d.code)).toEqual(['residual-mismatch']);
        expect(published.diagnostics[0].message).toMatch(/^in Basic: residual: body gives 128×56×56/);
    });
});
