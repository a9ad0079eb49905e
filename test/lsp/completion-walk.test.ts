import { afterEach, describe, expect, test } from 'vitest';
import { Cnn, cursor, open, reset, textDocument } from './lsp-helpers.js';

afterEach(reset);

async function labels(marked: string): Promise<{ labels: string[]; ms: number }> {
    const { text, position } = cursor(marked);
    const document = await open(text);
    const started = performance.now();
    const list = await Cnn.lsp.CompletionProvider!.getCompletion(document, { textDocument: textDocument(document), position });
    return { labels: (list?.items ?? []).map(item => item.label), ms: performance.now() - started };
}

// The fuzzer's minimal case: Langium's walk over the 18 tokens the completion parser left after
// `block C(c{` took 1.3 s, and a file 70 lines longer ran for minutes.
const BROKEN_ABOVE = 'block C(c{\n  nobias, bn, relu\n, relu conv c7 7x1 pad 3x0 nobias, bn, relu\n';

describe('completion below text the completion parser cannot take', () => {
    test('answers at once instead of walking every token left over', async () => {
        const { ms } = await labels(`${BROKEN_ABOVE}blo<|>ck InceptionD`);
        // Seconds before (growing 1.5-2x with each token); milliseconds now, with room for a loaded machine.
        expect(ms).toBeLessThan(500);
    });

    test('still completes the operators in a network after a broken block', async () => {
        const { labels: found } = await labels(`${BROKEN_ABOVE}${'relu, '.repeat(20)}\nnetwork N {\n    input 3x8x8\n    con<|>\n}\n`);
        expect(found).toEqual(expect.arrayContaining(['conv', 'concat']));
    });
});
