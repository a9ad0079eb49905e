import { afterEach, describe, expect, it } from 'vitest';
import type { InlayHint } from 'vscode-languageserver';
import { Cnn, cursor, open, reset, textDocument } from '../lsp/lsp-helpers.js';

const RANGE_ALL = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

afterEach(reset);

describe('the editor while a line is half typed (LANGUAGE.md §8.11)', () => {
    it('inlay hints above the error show shapes; below it, where inference stopped', async () => {
        const document = await open('network N {\n    input 3x8x8\n    conv 8 3x3\n    conv 64 3x\n    relu\n    stage s { relu }\n}\n');
        const hints = await Cnn.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: textDocument(document), range: RANGE_ALL }) as InlayHint[];
        expect(hints.map(h => [h.position.line, h.label])).toEqual([
            [2, ' → 8×6×6'],
            [4, ' → ? (stopped by the error at line 4)'],
            [5, ' → ? (stopped by the error at line 4)']
        ]);
    });

    it('the outline keeps every stage after a half-typed layer', async () => {
        const document = await open('network N {\n    input 3x8x8\n    stage a { conv 8 3x3 pad 1 }\n    stage b { conv 64 3x }\n    stage c { relu }\n    stage d { relu }\n}\n');
        const symbols = await Cnn.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: textDocument(document) });
        const names = (symbols as Array<{ name: string; children?: Array<{ name: string }> }>)[0].children?.map(c => c.name);
        expect(names).toEqual(expect.arrayContaining(['a', 'b', 'c', 'd']));
    });
});

describe('rename keeps the file sound', () => {
    it('refuses a block name that another block has, and an operator name', async () => {
        const { text, position } = cursor('block A() { relu }\nblock B() { relu }\nnetwork N {\n    input 3x8x8\n    <|>A()\n    B()\n}\n');
        const document = await open(text, 'rename.cnn');
        const params = { textDocument: textDocument(document), position };
        await expect(async () => Cnn.lsp.RenameProvider!.rename(document, { ...params, newName: 'B' }))
            .rejects.toThrow("a block named 'B' already exists (rename.cnn:2); choose another name");
        await expect(async () => Cnn.lsp.RenameProvider!.rename(document, { ...params, newName: 'gelu' }))
            .rejects.toThrow("'gelu' is not a valid name: use letters, digits and _ and no operator name");
        const edit = await Cnn.lsp.RenameProvider!.rename(document, { ...params, newName: 'C' });
        expect(Object.values(edit!.changes!)[0].map(e => `${e.range.start.line}:${e.range.start.character} ${e.newText}`)).toEqual(['0:6 C', '4:4 C']);
    });

    it('refuses a parameter name the block already has', async () => {
        const { text, position } = cursor('block A(<|>a, b) { conv a 1x1 }\n');
        const document = await open(text, 'params.cnn');
        await expect(async () => Cnn.lsp.RenameProvider!.rename(document, { textDocument: textDocument(document), position, newName: 'b' }))
            .rejects.toThrow("the block already has a parameter named 'b'");
    });
});
