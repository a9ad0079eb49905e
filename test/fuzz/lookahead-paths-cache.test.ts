import { EmptyFileSystem, type LangiumParser, type ParseResult } from 'langium';
import { describe, expect, test } from 'vitest';
import { createCnnCoreServices } from '../../language/cnn-module.js';
import { lookaheadPathCounts } from '../../language/lookahead-paths-cache.js';

// The cache of Chevrotain's lookahead paths (language/lookahead-paths-cache.ts), found by the
// fuzzer's profile: half of the server's time on broken text went into computing them again.

/** Chevrotain's own parse with its own recovery, under the language's wrappers (statement recovery, guards). */
function chevrotainParse(parser: LangiumParser, text: string): ParseResult {
    return (Object.getPrototypeOf(parser) as LangiumParser).parse.call(parser, text) as ParseResult;
}

const errors = (result: ParseResult) => result.parserErrors.map(e => [e.name, e.message, e.token.startOffset]);

// Expected: what Chevrotain reports without the cache (recorded from a build without it).
const CASES: Array<[string, unknown[]]> = [
    ['network N {\n    input 3x32x32\n    conv 16 planes\n}\n', [['NoViableAltException', "unexpected 'planes'; expected dimensions (like 3x3) or 'kernel'", 42]]],
    ['block (x) {\n    relu\n}\n', [['NoViableAltException', "unexpected '('; expected a name", 6]]],
    ['network N {\n    input 3x8x8\n    relu relu ) relu\n    fc\n}\n', [
        ['MismatchedTokenException', "unexpected ')'; expected '}'", 42], ['NoViableAltException', "unexpected 'fc'; expected a name", 53],
        ['MismatchedTokenException', "unexpected 'fc'; expected '}'", 53]
    ]],
    ['network N {\n    input 3x8x8\n    residual { conv 8 3x3 pad 1 } shortcut )\n}\n', [
        ['NoViableAltException', "unexpected 'shortcut'; expected a name", 62], ['MismatchedTokenException', "unexpected 'shortcut'; expected '}'", 62]
    ]]
];

describe('lookahead paths computed once per alternation', () => {
    const { Cnn } = createCnnCoreServices(EmptyFileSystem);
    const parser = Cnn.parser.LangiumParser;

    test.each(CASES)('the same errors as without the cache, first and every later time: %j', (text, expected) => {
        for (let i = 0; i < 3; i++) expect(errors(chevrotainParse(parser, text))).toEqual(expected);
    });

    test('parsing the same broken texts again computes nothing again', () => {
        for (const [text] of CASES) chevrotainParse(parser, text);
        const computed = lookaheadPathCounts.computed;
        expect(computed).toBeGreaterThan(0);
        for (let i = 0; i < 10; i++) for (const [text] of CASES) chevrotainParse(parser, text);
        expect(lookaheadPathCounts.computed).toBe(computed);
    });

    test('the language\'s messages through its recovery are unchanged', () => {
        expect(errors(parser.parse(CASES[0][0]))).toEqual([['MismatchedTokenException', 'conv needs a kernel size: conv 64 3x3', 42]]);
        expect(errors(parser.parse(CASES[3][0]))).toEqual([
            ['NoViableAltException', 'shortcut needs a kind: shortcut identity, projection, auto, optional or { … }', 62],
            ['MismatchedTokenException', "unexpected ')'; expected '}'", 71]
        ]);
    });

    test('a second set of services (its own grammar) gets its own paths and the same messages', () => {
        const other = createCnnCoreServices(EmptyFileSystem).Cnn.parser.LangiumParser;
        for (const [text, expected] of CASES) expect(errors(chevrotainParse(other, text))).toEqual(expected);
    });
});
