import { AbstractFormatter } from 'langium/lsp';
import { afterEach, describe, expect, test } from 'vitest';
import { applyEdits, Cnn, open, reset, textDocument } from '../lsp/lsp-helpers.js';

// Issue 11: range formatting in a file with syntax errors deleted text past its range, and
// formatting a CRLF document inserted LF line breaks.

afterEach(reset);

const OPTIONS = { tabSize: 4, insertSpaces: true };
const formatter = () => Cnn.lsp.Formatter!;

describe('formatting never loses text', () => {
    // `in` for `input`, `.05` for `0.05`: syntax errors below the formatted first line.
    const cases = [
        ['network N {\n    in 3x8x8\n    relu\n}\n', 'network N {\n}\n'],
        ['network N {\n    input 3x8x8\n    dropout .05\n    relu\n}\n', 'network N {\n    input 3x8x8\n\n    relu\n}\n']
    ];
    const range = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };

    test.each(cases)('range formatting in a file with syntax errors changes nothing: %j', async (broken, lost) => {
        const document = await open(broken);
        const params = { textDocument: textDocument(document), range, options: OPTIONS };
        // What Langium alone answers: an edit past the range that deletes the statement in error.
        const raw = await AbstractFormatter.prototype.formatDocumentRange.call(formatter(), document, params);
        expect(applyEdits(broken, raw)).toBe(lost);
        expect(await formatter().formatDocumentRange(document, params)).toEqual([]);
    });

    test('range formatting touches nothing outside its range', async () => {
        const text = 'network N {\n  input 3x8x8\n  conv 4   3x3\n      relu\n}\n';
        const document = await open(text);
        const edits = await formatter().formatDocumentRange(document, { textDocument: textDocument(document), range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, options: OPTIONS });
        // Inside the range: the spaces in `conv 4   3x3`; the indentation edits start on the line above and are left out.
        expect(applyEdits(text, edits)).toBe('network N {\n  input 3x8x8\n  conv 4 3x3\n      relu\n}\n');
    });

    test('a CRLF document keeps CRLF line breaks', async () => {
        const text = 'network N {\r\n  input 3x8x8\r\n  conv 4 3x3\r\n\r\n\r\n  relu }\r\n';
        const document = await open(text);
        const edits = await formatter().formatDocument(document, { textDocument: textDocument(document), options: OPTIONS });
        expect(applyEdits(text, edits)).toBe('network N {\r\n    input 3x8x8\r\n    conv 4 3x3\r\n\r\n\r\n    relu\r\n}\r\n');
    });
});
