import type { LangiumParser, ParseResult } from 'langium';

/**
 * Langium's parser and its AST linking recurse once per level of `{ }` and `( )` and once per
 * operator of an expression; a few hundred brackets or a few thousand operators exhaust the
 * JavaScript stack. No architecture comes near either, so beyond them the offending text is
 * blanked out (lengths and lines kept, so every position stays right), the rest of the file is
 * parsed as usual, and a `too-large` error marks where reading stopped.
 */
export const MAX_TEXT_NESTING = 100;
export const MAX_EXPRESSION_OPERATORS = 500;

/** The name of the synthetic parser error, so the syntax-error mapping can give it its own code. */
export const TOO_DEEP = 'TooDeepNesting';

/** Text the parser must not see: `[from, to)` is blanked, the error goes at `at`. */
export interface Unreadable { at: number; from: number; to: number; message: string }

/** Wraps a parser so deep nesting is reported instead of overflowing the stack. */
export function guardNesting(parser: LangiumParser): LangiumParser {
    const parse = parser.parse.bind(parser);
    parser.parse = (<T>(input: string, options?: Parameters<LangiumParser['parse']>[1]): ParseResult<T> => {
        const unreadable = findUnreadable(input);
        if (unreadable.length === 0) return parse(input, options) as ParseResult<T>;
        const result = parse(blankOut(input, unreadable), options) as ParseResult<T>;
        for (const part of unreadable) result.parserErrors.push(syntheticError(input, part) as unknown as ParseResult['parserErrors'][number]);
        return result;
    }) as LangiumParser['parse'];
    return parser;
}

// Character classes by code (the scan runs before every parse: regular expressions per character
// cost more than the rest of it). Outside ASCII only whitespace belongs to an expression.
const WORD = 1;
const EXPRESSION = 2;
const OPERATOR = 4;
const ASCII_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
    const ch = String.fromCharCode(code);
    if (/[A-Za-z0-9_]/.test(ch)) ASCII_CLASS[code] = WORD | EXPRESSION;
    else if (/[()\s]/.test(ch)) ASCII_CLASS[code] = EXPRESSION;
    else if ('+-*/'.includes(ch)) ASCII_CLASS[code] = OPERATOR;
}
const WHITESPACE = /\s/;

function classAt(text: string, i: number): number {
    const code = text.charCodeAt(i);
    if (code < 128) return ASCII_CLASS[code];
    return WHITESPACE.test(text[i]) ? EXPRESSION : 0;
}

/** Brackets opened beyond the limit (with their contents) and operator runs past the limit. */
export function findUnreadable(text: string): Unreadable[] {
    const found: Unreadable[] = [];
    let depth = 0;
    // Operators of the expression being read; two operands in a row start a new expression.
    let operators = 0;
    let afterOperand = false;
    let previous = 0;
    let i = 0;
    while (i < text.length) {
        const ch = text[i];
        const kind = classAt(text, i);
        if (kind & WORD && (i === 0 || !(previous & WORD))) {
            if (afterOperand) operators = 0;
            afterOperand = true;
        } else if (ch === ')') {
            afterOperand = true;
        } else if (ch === '(' || kind & OPERATOR) {
            afterOperand = false;
        }
        previous = kind;
        if (ch === '/' && text[i + 1] === '/') {
            i = skipTo(text, i, '\n');
            previous = 0;
            continue;
        }
        if (ch === '/' && text[i + 1] === '*') {
            i = skipTo(text, i + 2, '*/') + 2;
            previous = 0;
            continue;
        }
        if (kind & OPERATOR && !(ch === '-' && text[i + 1] === '>')) {
            if (++operators > MAX_EXPRESSION_OPERATORS) {
                const end = expressionEnd(text, i);
                found.push({ at: i, from: i, to: end, message: `an expression with more than ${MAX_EXPRESSION_OPERATORS} operators; the rest of it is not read` });
                i = end;
                operators = 0;
                previous = 0;
                continue;
            }
        } else if (!(kind & EXPRESSION)) {
            operators = 0;
            afterOperand = false;
        }
        if (ch === '"') {
            i = skipTo(text, i + 1, '"') + 1;
            previous = 0;
            continue;
        }
        if (ch === '{' || ch === '(') {
            if (++depth > MAX_TEXT_NESTING) {
                const close = matchingClose(text, i);
                found.push({ at: i, from: i + 1, to: close, message: `brackets nest deeper than ${MAX_TEXT_NESTING} levels here; their contents are not read` });
                i = close;
                depth--;
                previous = 0;
                continue;
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

/** Where an operator run ends: the first character that cannot be part of an expression. */
function expressionEnd(text: string, from: number): number {
    let i = from;
    while (i < text.length && classAt(text, i) & (EXPRESSION | OPERATOR)) i++;
    return i;
}

function blankOut(text: string, parts: Unreadable[]): string {
    let out = '';
    let from = 0;
    for (const part of parts) {
        out += text.slice(from, part.from) + text.slice(part.from, part.to).replace(/[^\n\r]/g, ' ');
        from = part.to;
    }
    return out + text.slice(from);
}

function syntheticError(text: string, part: Unreadable) {
    const before = text.slice(0, part.at).split('\n');
    const line = before.length;
    const column = before[before.length - 1].length + 1;
    return {
        name: TOO_DEEP,
        message: part.message,
        token: { image: text[part.at], startOffset: part.at, endOffset: part.at, startLine: line, endLine: line, startColumn: column, endColumn: column },
        resyncedTokens: [],
        context: { ruleStack: [], ruleOccurrenceStack: [] }
    };
}
