import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Position } from 'vscode-languageserver';
import { Cnn, open, reset, textDocument } from './lsp-helpers.js';

afterEach(reset);

// Bad input never crashes anything: every prefix of real files (as while typing), and some
// garbage, goes through the analysis and every editor feature without an exception.

const FILES = ['examples/googlenet.cnn', 'examples/blocks/mobilenet.cnn', 'examples/preact-resnet.cnn'];
const STEP = 41;

async function everyFeature(text: string, name: string): Promise<void> {
    const document = await open(text, name);
    const params = { textDocument: textDocument(document) };
    const end: Position = document.textDocument.positionAt(text.length);
    const middle: Position = document.textDocument.positionAt(Math.floor(text.length / 2));
    const range = { start: { line: 0, character: 0 }, end };
    const lsp = Cnn.lsp;
    for (const position of [end, middle]) {
        await lsp.HoverProvider!.getHoverContent(document, { ...params, position });
        await lsp.CompletionProvider!.getCompletion(document, { ...params, position });
        await lsp.SignatureHelp!.provideSignatureHelp(document, { ...params, position });
        await lsp.DefinitionProvider!.getDefinition(document, { ...params, position });
        await lsp.ReferencesProvider!.findReferences(document, { ...params, position, context: { includeDeclaration: true } });
        await lsp.CodeActionProvider!.getCodeActions(document, { ...params, range: { start: position, end: position }, context: { diagnostics: document.diagnostics ?? [] } });
    }
    await lsp.InlayHintProvider!.getInlayHints(document, { ...params, range });
    await lsp.CodeLensProvider!.provideCodeLens(document, params);
    await lsp.DocumentSymbolProvider!.getSymbols(document, params);
    await lsp.SemanticTokenProvider!.semanticHighlight(document, params);
    await lsp.Formatter!.formatDocument(document, { ...params, options: { tabSize: 4, insertSpaces: true } });
}

describe('robustness', () => {
    it.each(FILES)('every prefix of %s', async file => {
        const text = readFileSync(file, 'utf8');
        let checked = 0;
        for (let cut = 0; cut <= text.length; cut += STEP) {
            await everyFeature(text.slice(0, cut), `cut${cut}.cnn`);
            checked++;
        }
        expect(checked).toBeGreaterThan(10);
    }, 120_000);

    it.each([
        ['unbalanced brackets', '}}}{{{ ((( )))'],
        ['missing names and dimensions', 'network { input }'],
        ['zero and negative sizes', 'network N { input 0x0x0 conv -1 0x0 stride 0 }'],
        ['self-referencing defaults and calls', 'block B(a = a, a) { B() conv a kernel a / 0 }\nnetwork N { input 3x8x8 B(1, 2, 3, a = 4) }'],
        ['odd imports', 'import "" import "../../../../etc/passwd" import "x.cnn"'],
        ['numbers past 2^64', 'network N { input 99999999999999999999x1x1 fc 99999999999999999999 }'],
        ['malformed budgets', 'network N { input 3x8x8 budget macs <= 1.5.5G, memory <= 9QB }'],
        ['empty composites', 'network N { input 3x8x8 residual { } shortcut { } concat { } split { branch {} * 0 } scale { } }'],
        ['control characters and emoji', '\u0000\uFFFF😀 network N { input 3x8x8 conv 8 3x3 } 😀'],
        ['5,000 layers on one line', 'network N { input 3x8x8 ' + 'relu '.repeat(5000) + '}']
    ])('garbage: %s', async (_, text) => {
        await everyFeature(text, 'garbage.cnn');
    });
});
