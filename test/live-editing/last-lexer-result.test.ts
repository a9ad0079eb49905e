import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCnnCoreServices } from '../../language/cnn-module.js';
import { rememberLastResult } from '../../language/last-lexer-result.js';

// The statement recovery reads the tokens the parse has just made (language/last-lexer-result.ts):
// never another text's, never kept past that one use.

const images = (result: { tokens: Array<{ image: string }> }) => result.tokens.map(t => t.image);

describe('rememberLastResult', () => {
    const newLexer = () => createCnnCoreServices(EmptyFileSystem).Cnn.parser.Lexer;

    it('hands on the result of the text just lexed, once', () => {
        const lexer = newLexer();
        const lexed = rememberLastResult(lexer);
        const result = lexer.tokenize('network N { input 3x8x8 }');
        expect(lexed.take('network N { input 3x8x8 }')).toBe(result);
        const again = lexed.take('network N { input 3x8x8 }');
        expect(again).not.toBe(result);
        expect(images(again)).toEqual(['network', 'N', '{', 'input', '3x8x8', '}']);
    });

    it('lexes anew for any other text, and after forget()', () => {
        const lexer = newLexer();
        const lexed = rememberLastResult(lexer);
        lexer.tokenize('network A { input 3x8x8 }');
        expect(images(lexed.take('network B { input 1x2x2 relu }'))).toEqual(['network', 'B', '{', 'input', '1x2x2', 'relu', '}']);
        const result = lexer.tokenize('relu');
        lexed.forget();
        const taken = lexed.take('relu');
        expect(taken).not.toBe(result);
        expect(images(taken)).toEqual(['relu']);
    });
});
