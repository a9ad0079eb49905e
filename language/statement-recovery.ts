import type { LangiumParser, Lexer, LexerResult, ParseResult } from 'langium';
import { closingBraces, withoutAppendedText } from './end-of-file-braces.js';
import { rememberLastResult } from './last-lexer-result.js';
import { TOO_DEEP } from './nesting-guard.js';
import { brokenStatementMessage, missingBraceMessage, unexpectedCharacterMessage } from './statement-messages.js';
import { StatementScanner, TOP_LEVEL_WORDS, type ScanToken, type TokenSpan } from './statement-spans.js';
import { recordSyntaxStops, type SyntaxStop } from './syntax-stops.js';

type ParserError = ParseResult['parserErrors'][number];
type ParseFunction = (text: string) => ParseResult;

/** Related information carried by a syntax error: offsets into the text. */
export interface SyntaxRelated { offset: number; end: number; message: string }

/** A parser error as the recovery reports it: offsets in the original text, optional related information. */
export type RecoveredError = ParserError & { related?: SyntaxRelated[] };

/**
 * Re-parses are bounded: each syntax error costs one to three parses, and past this many the
 * remaining errors keep Chevrotain's own recovery (a file of random bytes stays fast).
 */
const MAX_PARSES = 10;

/**
 * And bounded in time: on some broken texts one parse of the grammar's adaptive lookahead takes
 * a hundred milliseconds, and the editor must stay responsive while the user types.
 */
const MAX_RECOVERY_MS = 60;

/** Past the trial budget, the statements after the last recovered error are checked alone for at most this long (blankTheRest). */
const MAX_SCAN_MS = 60;

/** A network's own lines: not statements, so never checked alone. */
const NETWORK_HEADERS = new Set(['input', 'meta', 'budget']);

/** Operators whose statement can be left unfinished at the end of a line. */
const DANGLING_HEADS = new Set(['conv', 'dwconv', 'maxpool', 'avgpool', 'adaptiveavgpool', 'fc', 'lrn', 'shuffle', 'stochasticdepth']);

/** Rules that choose among statements: an error there is at the start of a statement, not inside the one before. */
const BODY_RULES = new Set(['Model', 'Network', 'Block', 'Body', 'Statement', 'ElseStatement', 'Stage', 'Repeat', 'If', 'Residual', 'Shortcut', 'Concat', 'Split', 'Scale', 'Branch', 'Tap']);

/**
 * Recovery per statement (LANGUAGE.md §8.11). Chevrotain resynchronises only at rule boundaries,
 * so one half-typed layer used to swallow the rest of its body. This pass finds the statement that
 * holds each error (from tokens alone, see statement-spans.ts), blanks it out (lengths and line
 * breaks kept, so every position stays right) and parses again; the error is reported once, in the
 * language's words, and the statement's place is recorded so shape inference stops there. A
 * blanking is kept only when the parser then gets past the blanked text.
 */
export function recoverStatements(parser: LangiumParser, lexer: Lexer): LangiumParser {
    const parse = parser.parse.bind(parser);
    const lexed = rememberLastResult(lexer);
    parser.parse = (<T>(input: string, options?: Parameters<LangiumParser['parse']>[1]): ParseResult<T> => {
        const text = acceptTimesSign(input);
        const full: ParseFunction = t => parse(t, options) as ParseResult;
        // Trial parses only need the first error: without Chevrotain's own recovery they stop there,
        // which is many times faster on broken text. The text that is kept is parsed once more with it.
        const quick: ParseFunction = t => withoutRecovery(parser, () => full(t));
        const first = quick(text);
        // Text the nesting guard refused is not worth recovering statement by statement.
        if (first.parserErrors.some(error => error.name === TOO_DEEP)) {
            lexed.forget();
            return full(text) as ParseResult<T>;
        }
        const recovery = new Recovery(text, quick, full, lexed.take(text));
        if (first.lexerErrors.length === 0 && first.parserErrors.length === 0 && !recovery.hasDanglingLayers()) return first as ParseResult<T>;
        return recovery.run(first) as ParseResult<T>;
    }) as LangiumParser['parse'];
    return parser;
}

/** `3×3` is what the tool prints, so it is accepted as `3x3` (same length: positions stay right). */
export function acceptTimesSign(text: string): string {
    if (!text.includes('×')) return text;
    return text.replace(/("[^"\n\r]*")|(\/\/[^\n\r]*)|(\/\*[\s\S]*?\*\/)|(?<=[0-9])×/g, (match, string, line, block) => string ?? line ?? block ?? 'x');
}

interface Span {
    from: number;
    to: number;
    kind: 'statement' | 'parameters' | 'header';
    tokens: TokenSpan;
    /** Where the error really is, when the parser reported it further out (at the composite holding it). */
    errorAt?: number;
}

class Recovery {
    private readonly tokens: ScanToken[];
    private readonly scanner: StatementScanner;
    private readonly lineStarts: number[] = [0];
    private readonly notes: RecoveredError[] = [];
    private readonly stops: SyntaxStop[] = [];
    private parses = 1;

    /** Once a body is left open before a `network`, only Chevrotain's recovery (which inserts the `}`) sees past it. */
    private parse: ParseFunction;
    /** Trial and full parses of the text with the braces it owes at its end (end-of-file-braces.ts). */
    private readonly quick: ParseFunction;
    private readonly full: ParseFunction;
    /** The bodies still open at the end of the file (empty when the file closes them all). */
    private readonly openAtEnd: number[];

    constructor(private readonly text: string, private readonly alone: ParseFunction, full: ParseFunction, lexed: LexerResult) {
        this.tokens = lexed.tokens as unknown as ScanToken[];
        this.scanner = new StatementScanner(text, this.tokens);
        for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
        this.openAtEnd = this.scanner.unclosed.find(u => u.at < 0)?.open ?? [];
        // Blanking a statement may take an open `{` with it: the braces owed are counted on each text.
        this.quick = this.openAtEnd.length > 0 ? t => alone(t + closingBraces(this.owedBraces(t))) : alone;
        this.full = this.openAtEnd.length > 0 ? t => full(t + closingBraces(this.owedBraces(t))) : full;
        this.parse = this.quick;
    }

    run(first: ParseResult): ParseResult {
        let current = this.text;
        let result = first;
        const lexical = result.lexerErrors;
        const spans: Span[] = [];
        for (const error of lexical) {
            error.message = unexpectedCharacterMessage(this.text.slice(error.offset, error.offset + error.length));
            const span = this.spanOfCharacter(error.offset, error.length);
            spans.push(span);
            this.stops.push({ offset: error.offset, stops: span.kind !== 'header', parameters: span.kind === 'parameters' });
        }
        spans.push(...this.danglingLayers());
        if (this.openAtEnd.length > 0) this.notes.push(this.missingBrace(this.text.length, this.openAtEnd));
        if (spans.length > 0) current = blank(current, spans);
        if (spans.length > 0 || this.openAtEnd.length > 0) {
            result = this.parse(current);
            this.parses++;
        }
        let cursor = -1;
        const started = performance.now();
        while (this.parses < MAX_PARSES && performance.now() - started < MAX_RECOVERY_MS) {
            const error = this.firstError(result, cursor);
            if (!error) break;
            const at = this.offsetOf(error);
            // The bodies open at the end of the file are closed by the appended braces.
            const unclosed = this.scanner.unclosed.find(u => u.at >= 0 && this.tokens[u.at].startOffset === at);
            if (unclosed) {
                this.notes.push(this.missingBrace(at, unclosed.open));
                cursor = at;
                if (this.parse !== this.full) {
                    this.parse = this.full;
                    result = this.full(current);
                    this.parses++;
                }
                continue;
            }
            const accepted = this.tryCandidates(current, at, error, cursor);
            if (accepted) {
                current = accepted.text;
                result = accepted.result;
                cursor = accepted.span.to - 1;
            } else if (this.parses >= MAX_PARSES) {
                // Out of trials: blankTheRest checks what is left, this error included.
                break;
            } else {
                this.note(error, at, error.message, false);
                cursor = at;
            }
        }
        // Chevrotain's recovery only acts on errors: a clean trial parse is the full parse already.
        if (this.parse !== this.full && (result.parserErrors.length > 0 || result.lexerErrors.length > 0)) result = this.full(current);
        result = this.blankTheRest(current, result, cursor);
        // Errors left once the budget is spent keep Chevrotain's recovery and messages.
        for (const error of result.parserErrors) {
            const at = this.offsetOf(error);
            if (error.name === TOO_DEEP) this.notes.push(error);
            else if (at > cursor) this.note(error, at, error.message, false);
        }
        result.lexerErrors = lexical;
        result.parserErrors = dedupe(this.notes);
        if (this.openAtEnd.length > 0) withoutAppendedText(result, this.text);
        recordSyntaxStops(result.value, this.stops);
        return result;
    }

    /**
     * The statement that holds token i. After a `(` nothing closes (`B(64`), the scanner keeps the
     * rest of the body inside it; the parser, once that call is blanked, reads each later line as
     * its own statement, and so does this.
     */
    private statementOf(i: number): TokenSpan {
        const statement = this.scanner.statementAt(i);
        if (!this.scanner.insideUnclosedParenthesis(i)) return statement;
        let first = i;
        while (first > statement.first && !this.scanner.lineStart(first)) first--;
        return first > statement.first ? this.scanner.statementFrom(first) : statement;
    }

    /** The `{` still open at the end of a (partly blanked) text, counted as the scanner counts them. */
    private owedBraces(text: string): number {
        const stack: string[] = [];
        for (let i = 0; i < this.tokens.length; i++) {
            const token = this.tokens[i];
            // A blanked token is spaces now; no token starts with one.
            if (text[token.startOffset] === ' ') continue;
            const image = token.image;
            if (this.scanner.lineStart(i) && TOP_LEVEL_WORDS.has(image) && this.tokens[i + 1]?.image !== ':') stack.length = 0;
            if (image === '{' || image === '(') {
                stack.push(image);
            } else if (image === ')') {
                if (stack[stack.length - 1] === '(') stack.pop();
            } else if (image === '}') {
                while (stack[stack.length - 1] === '(') stack.pop();
                stack.pop();
            }
        }
        return stack.filter(image => image === '{').length;
    }

    /**
     * Layers left unfinished at the end of their line (`conv 64`, `fc`, `conv 8 3x3 stride`). The
     * grammar would read the next line's first word as the missing value (`stride relu`), so these
     * are found from the line alone, as a person reads them, and blanked before parsing.
     */
    hasDanglingLayers(): boolean {
        return this.danglingLayers(false).length > 0;
    }

    private danglingLayers(record = true): Span[] {
        const found: Span[] = [];
        let last = -1;
        for (let i = 0; i < this.tokens.length; i++) {
            if (!DANGLING_HEADS.has(this.tokens[i].image) || i <= last) continue;
            const statement = this.statementOf(i);
            const head = this.tokens[statement.first + 1]?.image === ':' ? statement.first + 2 : statement.first;
            if (head !== i) continue;
            last = statement.last;
            const message = brokenStatementMessage(this.tokens, statement, statement.last + 1, '');
            if (!/ needs /.test(message) || message.startsWith("'->'")) continue;
            const span = this.span(statement);
            found.push(span);
            if (!record) continue;
            const at = this.tokens[statement.last].startOffset;
            this.notes.push(this.error(at, this.tokens[statement.last].endOffset + 1, message));
            this.stops.push({ offset: span.from, stops: true, parameters: false });
        }
        return found;
    }

    /** Blanks the statement that holds the error (or the one before it) if the parser then gets past it. */
    private tryCandidates(current: string, at: number, error: ParserError, cursor: number): { text: string; result: ParseResult; span: Span } | undefined {
        const candidates = this.candidates(at, error);
        // The parser must get past the error's own statement, not just past the blanked text.
        const here = candidates.find(span => span.from <= at && at < span.to);
        const mustPass = Math.max(at, here ? here.to - 1 : at);
        for (const span of candidates) {
            if (this.parses >= MAX_PARSES) return undefined;
            const text = blank(current, [span]);
            const result = this.parse(text);
            this.parses++;
            // Kept only when the parser now gets past both the blanked text and the error.
            const next = this.firstError(result, cursor);
            const nextAt = next && this.offsetOf(next);
            if (next && (nextAt! < span.to || nextAt! < span.from)) continue;
            if (next && nextAt! <= mustPass && !(at === this.text.length && next.message !== error.message)) continue;
            // When the parser noticed the problem only after the statement (at the next line), the
            // error goes on the statement's last token, where the user is typing.
            this.noteBlanked(error, at, span);
            return { text, result, span };
        }
        return undefined;
    }

    /** Reports the error of a blanked statement in the language's words, where the user is typing. */
    private noteBlanked(error: ParserError, at: number, span: Span): void {
        const where = span.errorAt ?? (at >= span.to ? this.tokens[span.tokens.last].startOffset : at);
        const fallback = span.errorAt === undefined ? error.message : `unexpected '${this.tokens[this.tokenAt(where)]?.image ?? ''}'`;
        // Outside any body only declarations belong: Chevrotain's message says so.
        const topLevel = this.scanner.bodyOf(span.tokens.first) < 0 && span.kind !== 'parameters';
        const message = topLevel ? fallback : brokenStatementMessage(this.tokens, span.tokens, this.tokenAt(where), fallback);
        this.note(error, this.namedWord(message, span) ?? where, message, true, span);
    }

    /**
     * Once the trial budget is spent with errors left, Chevrotain's recovery would skip the rest of
     * a body at each of them. Instead every statement after the last recovered error is parsed on
     * its own (a small text: all of them together cost about one parse of the file) and each that
     * fails is blanked, then the file is parsed once more: 50 broken statements keep the outline
     * of the 50 good ones between them. A composite that fails is checked with its statements
     * blanked: if it still fails its own words are broken and it goes whole (§8.11), else its
     * statements are checked one by one. Bounded in time like the trials (docs/decisions.md).
     */
    private blankTheRest(current: string, result: ParseResult, cursor: number): ParseResult {
        if (!result.parserErrors.some(error => error.name !== TOO_DEEP && this.offsetOf(error) > cursor)) return result;
        const spans: Span[] = [];
        const started = performance.now();
        let i = this.tokenAt(cursor + 1);
        while (i < this.tokens.length && performance.now() - started < MAX_SCAN_MS) {
            const token = this.tokens[i];
            // Outside bodies, braces, blanked text and network headers: nothing to check alone.
            if (this.scanner.bodyOf(i) < 0 || token.image === '{' || token.image === '}' || current[token.startOffset] === ' ' || NETWORK_HEADERS.has(token.image)) {
                i++;
                continue;
            }
            const statement = this.statementOf(i);
            const next = Math.max(i + 1, statement.last + 1);
            const whole = statement.first === i ? this.failsAlone(current, statement, false) : undefined;
            if (whole === undefined) {
                i = next;
                continue;
            }
            const inner = this.scanner.innerStatements(statement);
            if (inner.length === 0 || this.failsAlone(current, statement, true) !== undefined) {
                const span = { ...this.span(statement), errorAt: whole.at };
                spans.push(span);
                this.noteBlanked(whole.error, whole.at, span);
                i = next;
            } else {
                // Its own words parse: the culprits are inside; look at its first statement next.
                i = inner[0].first;
            }
        }
        if (spans.length === 0) return result;
        current = blank(current, spans);
        result = this.full(current);
        this.parses++;
        // What the last parse reports inside text it blanked is already noted.
        result.parserErrors = result.parserErrors.filter(error => !spans.some(s => s.from <= this.offsetOf(error) && this.offsetOf(error) < s.to));
        return result;
    }

    /**
     * Where a statement parsed on its own fails (an offset in the text, with the parser's error),
     * or undefined when it parses. `headerOnly`: with the statements of its bodies blanked (branch
     * headers kept: a concat needs them).
     */
    private failsAlone(current: string, statement: TokenSpan, headerOnly: boolean): { at: number; error: ParserError } | undefined {
        const from = this.tokens[statement.first].startOffset;
        const to = this.tokens[statement.last].endOffset + 1;
        let text = current.slice(from, to);
        if (headerOnly) {
            const inner = this.scanner.innerStatements(statement).filter(s => this.tokens[s.first].image !== 'branch')
                .map(s => ({ from: this.tokens[s.first].startOffset - from, to: this.tokens[s.last].endOffset + 1 - from }));
            text = blank(text, inner);
        }
        const prefix = this.tokens[statement.first].image === 'branch' ? 'block B() {\nconcat {\n' : 'block B() {\n';
        const suffix = prefix.length > 12 ? '\n}\n}' : '\n}';
        const result = this.alone(`${prefix}${text}${suffix}`);
        const error = result.parserErrors[0];
        if (!error) return undefined;
        const offset = error.token.startOffset;
        return { at: offset >= prefix.length ? Math.min(from + offset - prefix.length, to) : from, error };
    }


    private candidates(at: number, error: ParserError): Span[] {
        const n = this.tokens.length;
        const e = this.tokenAt(at);
        const image = e < n ? this.tokens[e].image : '';
        const list: Span[] = [];
        const parameters = e < n ? this.blockParameters(e) : undefined;
        if (parameters) list.push(parameters);
        const here = e < n && image !== '}' && image !== ')' ? this.span(this.statementOf(e)) : undefined;
        const prevIndex = e - 1;
        const prevImage = prevIndex >= 0 ? this.tokens[prevIndex].image : '{';
        // A `}` ends the composite it closes, never a statement inside it (`relu } shortcut …`).
        const closed = prevImage === '}' && this.scanner.partnerOf(prevIndex) >= 0 ? this.scanner.partnerOf(prevIndex) : prevIndex;
        const before = prevImage !== '{' && prevImage !== ',' && prevImage !== '(' ? this.span(this.statementOf(closed)) : undefined;
        // At the start of a line the error may belong to the statement before (`conv 64` then a new
        // line): that is so when the parser was still inside a statement's rule, not choosing the next one.
        const rules = (error.context?.ruleStack ?? []).map(rule => rule.replace(/\u200b/g, ''));
        const inside = rules.length > 0 && !BODY_RULES.has(rules[rules.length - 1]);
        const atBoundary = e >= n || image === '}' || image === ')' || (this.scanner.lineStart(e) && inside);
        const ordered = atBoundary && prevImage !== '}' ? [before, here] : [here, before];
        // A composite is reported broken as a whole when the parser cannot choose it; the statement
        // inside it that does not parse on its own is the real culprit.
        for (const composite of [...ordered]) {
            const inner = composite && this.culpritInside(composite);
            if (inner) ordered.splice(ordered.indexOf(composite), 0, inner);
        }
        // Inside a statement's rule at a new line, the statement may have begun lines before (`conv`
        // alone takes the next line's `relu` as its channels): try the ones before too.
        if (inside && before) {
            let index = before.tokens.first - 1;
            for (let k = 0; k < 2 && index >= 0 && !['{', '}', '('].includes(this.tokens[index].image); k++) {
                const earlier = this.span(this.statementOf(index));
                ordered.push(earlier);
                index = earlier.tokens.first - 1;
            }
        }
        // Last: the composite around the error (`concat { relu }` has no statement to drop but itself;
        // at the end of the text, the one whose `{` ends it: `concat {` owes a branch).
        const endsOpen = e >= n && n > 0 && this.tokens[n - 1].image === '{';
        const open = e < n && image === '}' ? this.scanner.partnerOf(e) : endsOpen ? n - 1 : this.scanner.bodyOf(Math.min(e, n - 1));
        if (open > 0 && this.scanner.bodyOf(open) >= 0) {
            const composite = this.span(this.statementOf(open));
            // A concat or split body holds only branches: the composite itself is what is broken.
            if (error.message.includes("'branch'")) ordered.unshift(composite);
            else ordered.push(composite);
        }
        for (const span of ordered) if (span && !list.some(s => s.from === span.from && s.to === span.to)) list.push(span);
        return list;
    }

    /** An unknown option is reported on the word itself, not where the parser noticed it. */
    private namedWord(message: string, span: Span): number | undefined {
        const word = /^(?:unknown option '([^']+)'|\S+ has no option '([^']+)')/.exec(message);
        if (!word) return undefined;
        for (let i = span.tokens.first; i <= span.tokens.last; i++) if (this.tokens[i].image === (word[1] ?? word[2])) return this.tokens[i].startOffset;
        return undefined;
    }

    private culpritInside(span: Span): Span | undefined {
        const inner = this.scanner.innerStatements(span.tokens);
        if (inner.length === 0) return undefined;
        const prefix = 'block B() {\n';
        // Where a statement parsed on its own fails (an offset in the text), or undefined when it parses.
        const failsAt = (statement: TokenSpan) => {
            const from = this.tokens[statement.first].startOffset;
            const result = this.alone(`${prefix}${this.text.slice(from, this.tokens[statement.last].endOffset + 1)}\n}`);
            const error = result.parserErrors[0];
            if (!error) return undefined;
            const offset = error.token.startOffset;
            return offset >= prefix.length ? Math.min(from + offset - prefix.length, this.tokens[statement.last].endOffset + 1) : from;
        };
        // Leaves first: a composite inside a composite is checked through its own statements.
        for (const statement of inner.filter(s => this.scanner.innerStatements(s).length === 0)) {
            const errorAt = failsAt(statement);
            if (errorAt !== undefined) return { ...this.span(statement), errorAt };
        }
        return undefined;
    }

    /** The parameter list of `block Name( … )` when the error is inside it. */
    private blockParameters(e: number): Span | undefined {
        const open = this.scanner.parentOf(e);
        if (open < 2 || this.scanner.bodyOf(e) !== -1 || this.tokens[open - 2].image !== 'block') return undefined;
        const inside = this.scanner.parenthesesAround(e);
        return inside && { ...this.span(inside), kind: 'parameters' };
    }

    private span(tokens: TokenSpan): Span {
        // `meta` and `budget` entries are separated by commas, but the line is one construct.
        const line = this.scanner.lineAround(tokens.first);
        const header = ['meta', 'budget', 'input'].includes(this.tokens[line.first].image);
        const chosen = header ? { first: line.first, last: Math.max(line.last, tokens.last) } : tokens;
        return { from: this.tokens[chosen.first].startOffset, to: this.tokens[chosen.last].endOffset + 1, kind: header ? 'header' : 'statement', tokens: chosen };
    }

    /** The statement a stray character belongs to: the one before it on its line, else the one after, else itself. */
    private spanOfCharacter(offset: number, length: number): Span {
        const lineBreakBetween = (from: number, to: number) => /[\n\r]/.test(this.text.slice(from, to));
        // The last token that starts before the character, by binary search: a scan per stray
        // character made 300 KB of random bytes take 20 s (issue 11).
        let low = 0;
        let high = this.tokens.length;
        while (low < high) {
            const mid = (low + high) >>> 1;
            if (this.tokens[mid].startOffset < offset) low = mid + 1;
            else high = mid;
        }
        const before = low - 1;
        const self: Span = { from: offset, to: offset + length, kind: 'statement', tokens: { first: before + 1, last: before } };
        const pick = (i: number) => {
            const span = this.span(this.scanner.statementAt(i));
            return { ...span, from: Math.min(span.from, offset), to: Math.max(span.to, offset + length) };
        };
        const image = before >= 0 ? this.tokens[before].image : '{';
        if (before >= 0 && image !== '{' && image !== ',' && !lineBreakBetween(this.tokens[before].endOffset + 1, offset)) return pick(before);
        const after = before + 1;
        if (after < this.tokens.length && this.tokens[after].image !== '}' && !lineBreakBetween(offset + length, this.tokens[after].startOffset)) return pick(after);
        return self;
    }

    private missingBrace(at: number, open: number[]): RecoveredError {
        const braces = open.map(i => this.tokens[i]);
        const atEnd = at >= this.text.length;
        const { message, related } = missingBraceMessage(this.tokens, open, atEnd ? undefined : this.tokens[this.tokenAt(at)].image);
        const error = this.error(at, at >= this.text.length ? at : this.tokens[this.tokenAt(at)].endOffset + 1, message);
        error.related = braces.map((brace, i) => ({ offset: brace.startOffset, end: brace.endOffset + 1, message: related[i] }));
        return error;
    }

    private note(original: ParserError, at: number, message: string, recovered: boolean, span?: Span): void {
        const e = this.tokenAt(at);
        const end = e < this.tokens.length ? this.tokens[e].endOffset + 1 : at;
        const error = this.error(at, end, message, original.name);
        this.notes.push(error);
        if (span && recovered) this.stops.push({ offset: span.from, stops: span.kind !== 'header', parameters: span.kind === 'parameters' });
        else this.stops.push({ offset: at, stops: true, parameters: false });
    }

    private error(at: number, end: number, message: string, name = 'MismatchedTokenException'): RecoveredError {
        const start = this.position(at);
        const last = this.position(Math.max(at, end - 1));
        return {
            name,
            message,
            token: {
                image: this.text.slice(at, end), startOffset: at, endOffset: end - 1,
                startLine: start.line, startColumn: start.column, endLine: last.line, endColumn: last.column,
                tokenTypeIdx: 0, tokenType: { name: at >= this.text.length ? 'EOF' : 'Recovered', PATTERN: undefined } as never
            },
            resyncedTokens: [],
            context: { ruleStack: [], ruleOccurrenceStack: [] }
        } as unknown as RecoveredError;
    }

    private position(offset: number): { line: number; column: number } {
        let low = 0;
        let high = this.lineStarts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if (this.lineStarts[mid] <= offset) low = mid;
            else high = mid - 1;
        }
        return { line: low + 1, column: offset - this.lineStarts[low] + 1 };
    }

    private firstError(result: ParseResult, after: number): ParserError | undefined {
        let best: ParserError | undefined;
        for (const error of result.parserErrors) {
            if (error.name === TOO_DEEP) continue;
            const at = this.offsetOf(error);
            if (at > after && (!best || at < this.offsetOf(best))) best = error;
        }
        return best;
    }

    private offsetOf(error: ParserError): number {
        const { token } = error;
        const offset = token.startOffset;
        // An error in the appended braces is where the text stops.
        return token.tokenType?.name === 'EOF' || !(offset >= 0) ? this.text.length : Math.min(offset, this.text.length);
    }

    /** The index of the first token that ends after `offset` (tokens.length at the end of the text). */
    private tokenAt(offset: number): number {
        let low = 0;
        let high = this.tokens.length;
        while (low < high) {
            const mid = (low + high) >> 1;
            if (this.tokens[mid].endOffset < offset) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}

function withoutRecovery(parser: LangiumParser, parse: () => ParseResult): ParseResult {
    const wrapper = (parser as unknown as { wrapper: { recoveryEnabled: boolean } }).wrapper;
    wrapper.recoveryEnabled = false;
    try {
        return parse();
    } finally {
        wrapper.recoveryEnabled = true;
    }
}

function blank(text: string, spans: Array<{ from: number; to: number }>): string {
    let out = '';
    let from = 0;
    for (const span of [...spans].sort((a, b) => a.from - b.from)) {
        if (span.from < from) continue;
        out += text.slice(from, span.from) + text.slice(span.from, span.to).replace(/[^\n\r]/g, ' ');
        from = span.to;
    }
    return out + text.slice(from);
}

/** One error per position: Chevrotain often reports the same token twice. */
function dedupe(errors: RecoveredError[]): RecoveredError[] {
    const seen = new Set<number>();
    return errors
        .sort((a, b) => a.token.startOffset - b.token.startOffset)
        .filter(error => {
            if (seen.has(error.token.startOffset)) return false;
            seen.add(error.token.startOffset);
            return true;
        });
}
