import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCnnCoreServices } from '../../language/cnn-module.js';

// The statement recovery parses a text as often as its errors need and no more: each parse of a
// written-out ResNet-152 costs 5-7 ms, and half-typed text is what the editor parses all day.

/** How many times the document parser lexes (so parses) a text, and its syntax errors. */
function parses(text: string): { parses: number; errors: string[] } {
    const services = createCnnCoreServices(EmptyFileSystem).Cnn;
    const lexer = services.parser.Lexer;
    let count = 0;
    const tokenize = lexer.tokenize.bind(lexer);
    lexer.tokenize = ((input: string, options?: Parameters<typeof tokenize>[1]) => {
        count++;
        return tokenize(input, options);
    }) as typeof lexer.tokenize;
    const result = services.parser.LangiumParser.parse(text);
    return { parses: count, errors: result.parserErrors.map(e => `line ${e.token.startLine}: ${e.message}`) };
}

describe('parses per text', () => {
    // Once, though the recovery also scans its tokens: it reads those the parse made (language/last-lexer-result.ts).
    it('a clean text: once', () => {
        expect(parses('network N {\n    input 3x8x8\n    conv 8 3x3\n}\n')).toEqual({ parses: 1, errors: [] });
    });

    it('a text missing its closing brace: as it is, then closed (the closed text is clean: no third parse)', () => {
        expect(parses('network N {\n    input 3x8x8\n    conv 8 3x3\n')).toEqual({
            parses: 2, errors: ["line 4: missing '}': the body of network N is still open at the end of the file"]
        });
    });

    it('a half-typed layer: as it is, then with the layer blanked', () => {
        expect(parses('network N {\n    input 3x8x8\n    conv 8 3x\n    relu\n}\n')).toEqual({
            parses: 2, errors: ['line 3: conv needs a kernel size: conv 64 3x3']
        });
    });
});
