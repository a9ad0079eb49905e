import { afterEach, describe, expect, it } from 'vitest';
import type { InlayHint } from 'vscode-languageserver';
import { Cnn, open, reset, textDocument } from '../lsp/lsp-helpers.js';

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
