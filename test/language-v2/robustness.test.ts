import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Position } from 'vscode-languageserver';
import { Cnn, open, reset, textDocument } from '../lsp/lsp-helpers.js';

afterEach(reset);

// Bad input never crashes anything, v2 syntax too: every prefix of the v2 block files (as while
// typing) and v2 garbage goes through the analysis and the editor features without an exception.

const FILES = ['examples/blocks/efficientnet.cnn', 'examples/blocks/mobilenet-v3.cnn', 'examples/efficientnet-v2.cnn'];
const STEP = 13;

async function features(text: string, name: string): Promise<void> {
    const document = await open(text, name);
    const params = { textDocument: textDocument(document) };
    const end: Position = document.textDocument.positionAt(text.length);
    const middle: Position = document.textDocument.positionAt(Math.floor(text.length / 2));
    for (const position of [end, middle]) {
        await Cnn.lsp.HoverProvider!.getHoverContent(document, { ...params, position });
        await Cnn.lsp.CompletionProvider!.getCompletion(document, { ...params, position });
    }
    await Cnn.lsp.InlayHintProvider!.getInlayHints(document, { ...params, range: { start: { line: 0, character: 0 }, end } });
    await Cnn.lsp.SemanticTokenProvider!.semanticHighlight(document, params);
    await Cnn.lsp.Formatter!.formatDocument(document, { ...params, options: { tabSize: 4, insertSpaces: true } });
}

describe('robustness of the v2 syntax', () => {
    it.each(FILES)('every prefix of %s', async file => {
        const text = readFileSync(file, 'utf8');
        let checked = 0;
        for (let cut = 0; cut <= text.length; cut += STEP) {
            await features(text.slice(0, cut), `cut${cut}.cnn`);
            checked++;
        }
        expect(checked).toBeGreaterThan(50);
    }, 120_000);

    it.each([
        ['conditions without values', 'block B(a) { if { relu } else if { } else { if a < { } } }\nnetwork N { input 3x8x8 B(1) }'],
        ['functions without arguments', 'network N { input 3x8x8 conv make_divisible() 1x1 conv max(,) 1x1 conv floor((( 1x1 }'],
        ['huge and tiny rationals', 'network N { input 3x8x8 conv 99999999999999999999.99999 * 0.00000000000000000001 1x1 repeat 1 / 3 * 3 { relu } }'],
        ['operators as numbers and numbers as operators', 'block B(act = 3, k = relu) { act conv k 1x1 kernel (act, k) }\nnetwork N { input 3x8x8 B() B(act = conv) }'],
        ['pairs and composites repeated too often', 'network N { input 3x8x8 conv 8 kernel (1, 2, 3) pad (,) residual { relu } * 99999999 }'],
        ['peak budget with units', 'network N { input 3x8x8 budget peak <= 0B, peak <= 1 conv 8 1x1 }']
    ])('garbage: %s', async (_, text) => {
        await features(text, 'garbage.cnn');
    });
});
