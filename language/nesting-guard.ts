import type { LangiumParser, ParseResult } from 'langium';

/**
 * Langium's parser recurses once per level of `{ }` and `( )`; a few hundred levels exhaust the
 * JavaScript stack. No architecture nests anywhere near this deep, so beyond it the contents of
 * the too-deep bracket are blanked out (lengths and lines kept, so every position stays right),
 * the rest of the file is parsed as usual, and a `too-large` error marks the bracket.
 */
export const MAX_TEXT_NESTING = 100;

/** The name of the synthetic parser error, so the syntax-error mapping can give it its own code. */
export const TOO_DEEP = 'TooDeepNesting';

interface TooDeep { open: number; close: number }

/** Wraps a parser so deep nesting is reported instead of overflowing the stack. */
export function guardNesting(parser: LangiumParser): LangiumParser {
    const parse = parser.parse.bind(parser);
    parser.parse = (<T>(input: string, options?: Parameters<LangiumParser['parse']>[1]): ParseResult<T> => {
        const deep = tooDeepBrackets(input);
        if (deep.length === 0) return parse(input, options) as ParseResult<T>;
        const result = parse(blankOut(input, deep), options) as ParseResult<T>;
        for (const { open } of deep) result.parserErrors.push(tooDeepError(input, open) as unknown as ParseResult['parserErrors'][number]);
        return result;
    }) as LangiumParser['parse'];
    return parser;
}

/** The outermost brackets that open beyond the limit, with where they close (or the text's end). */
export function tooDeepBrackets(text: string): TooDeep[] {
    const found: TooDeep[] = [];
    let depth = 0;
    let i = 0;
    while (i < text.length) {
        const ch = text[i];
        if (ch === '/' && text[i + 1] === '/') {
            i = skipTo(text, i, '\n');
        } else if (ch === '/' && text[i + 1] === '*') {
            i = skipTo(text, i + 2, '*/') + 1;
        } else if (ch === '"') {
            i = skipTo(text, i + 1, '"');
        } else if (ch === '{' || ch === '(') {
            depth++;
            if (depth > MAX_TEXT_NESTING) {
                const close = matchingClose(text, i);
                found.push({ open: i, close });
                i = close;
                depth--;
            }
        } else if (ch === '}' || ch === ')') {
            depth = Math.max(0, depth - 1);
        }
        i++;
    }
    return found;
}

function skipTo(text: string, from: number, end: string): number {
    const at = text.indexOf(end, from);
    return at < 0 ? text.length : at;
}

function matchingClose(text: string, open: number): number {
    let depth = 0;
    for (let i = open; i < text.length; i++) {
        const ch = text[i];
        if (ch === '{' || ch === '(') depth++;
        else if ((ch === '}' || ch === ')') && --depth === 0) return i;
    }
    return text.length;
}

function blankOut(text: string, ranges: TooDeep[]): string {
    let out = '';
    let from = 0;
    for (const { open, close } of ranges) {
        out += text.slice(from, open + 1) + text.slice(open + 1, close).replace(/[^\n\r]/g, ' ');
        from = close;
    }
    return out + text.slice(from);
}

function tooDeepError(text: string, offset: number) {
    const before = text.slice(0, offset).split('\n');
    const line = before.length;
    const column = before[before.length - 1].length + 1;
    return {
        name: TOO_DEEP,
        message: `brackets nest deeper than ${MAX_TEXT_NESTING} levels here; their contents are not read`,
        token: { image: text[offset], startOffset: offset, endOffset: offset, startLine: line, endLine: line, startColumn: column, endColumn: column },
        resyncedTokens: [],
        context: { ruleStack: [], ruleOccurrenceStack: [] }
    };
}
