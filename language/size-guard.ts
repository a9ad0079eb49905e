import type { LangiumParser, ParseResult } from 'langium';
import { patchHiddenNodes } from './hidden-nodes-patch.js';
import { TOO_DEEP } from './nesting-guard.js';

/**
 * The most text a `.cnn` document may have (4 MiB): a written-out ResNet-152 has 30 KB. Beyond
 * it the document is not parsed at all and one `too-large` error at 1:1 says why, so a 10 MB
 * paste or an opened log file never freezes the language server.
 */
export const MAX_SOURCE_BYTES = 4 * 2 ** 20;

/**
 * At most this many lexer and this many parser errors per document: random bytes otherwise give
 * one per character (106 MB of `cnn check` output for a 10 MB file). The last kept error says
 * how many more there were.
 */
export const MAX_SYNTAX_ERRORS = 100;

/** Wraps a parser so oversized documents are refused and error lists stay bounded. */
export function guardSize(parser: LangiumParser): LangiumParser {
    patchHiddenNodes(parser);
    const parse = parser.parse.bind(parser);
    parser.parse = (<T>(input: string, options?: Parameters<LangiumParser['parse']>[1]): ParseResult<T> => {
        if (input.length > MAX_SOURCE_BYTES) {
            const result = parse('', options) as ParseResult<T>;
            const message = `this document has ${input.length.toLocaleString('en-US')} characters, more than the ${MAX_SOURCE_BYTES.toLocaleString('en-US')} a .cnn file may have; it is not read`;
            result.parserErrors.push(syntheticError(message) as unknown as ParseResult['parserErrors'][number]);
            return result;
        }
        const binary = binaryReason(input);
        if (binary !== undefined) {
            const result = parse('', options) as ParseResult<T>;
            result.parserErrors.push(syntheticError(binary) as unknown as ParseResult['parserErrors'][number]);
            return result;
        }
        const result = parse(input, options) as ParseResult<T>;
        capErrors(result.lexerErrors, 'characters the lexer could not read');
        capErrors(result.parserErrors, 'syntax errors');
        return result;
    }) as LangiumParser['parse'];
    return parser;
}

/** Control characters and undecodable bytes (U+FFFD): none in any text a person writes. */
const NOT_TEXT = /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/g;

/**
 * Why a document is not text but binary (an image, a model file, random bytes), if it is: the
 * lexer spends seconds per 100 KB on such input, one error per byte. A stray NUL in a real file
 * is no reason: only more than 64 such characters that are also over 1% of the text.
 */
export function binaryReason(text: string): string | undefined {
    let count = 0;
    NOT_TEXT.lastIndex = 0;
    while (NOT_TEXT.exec(text) !== null) count++;
    if (count <= 64 || count * 100 <= text.length) return undefined;
    return `this document looks binary (${count.toLocaleString('en-US')} control or undecodable characters in ${text.length.toLocaleString('en-US')}); it is not read`;
}

function capErrors(errors: Array<{ message: string }>, what: string): void {
    if (errors.length <= MAX_SYNTAX_ERRORS) return;
    const more = errors.length - MAX_SYNTAX_ERRORS;
    errors.length = MAX_SYNTAX_ERRORS;
    const last = errors[MAX_SYNTAX_ERRORS - 1];
    errors[MAX_SYNTAX_ERRORS - 1] = { ...last, message: `${last.message} (and ${more.toLocaleString('en-US')} more ${what} after this)` };
}

function syntheticError(message: string) {
    return {
        name: TOO_DEEP,
        message,
        token: { image: '', startOffset: 0, endOffset: 0, startLine: 1, endLine: 1, startColumn: 1, endColumn: 1 },
        resyncedTokens: [],
        context: { ruleStack: [], ruleOccurrenceStack: [] }
    };
}
