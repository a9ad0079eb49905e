/**
 * Statement boundaries found from tokens alone, without the grammar: what the recovery pass
 * blanks out when a statement does not parse. A statement lives inside one `{ }` body and ends at
 * a `,`, at the end of its body, or where a new line starts with anything but a continuation
 * (`-> 64x56x56`, `* 3`, `shortcut …`, `else …`). Brackets inside a statement are skipped whole.
 */

/** The token fields the scanner reads (a Chevrotain token). */
export interface ScanToken {
    image: string;
    startOffset: number;
    endOffset: number;
}

/** Tokens that continue the statement before them even at the start of a line. */
const CONTINUATIONS = new Set(['->', '*', 'shortcut', 'else']);
/** Words that start a top-level construct: a line starting with one closes every open body. */
export const TOP_LEVEL_WORDS = new Set(['network', 'block', 'import']);

/** Option words: `kernel (1, k)` and `pad (0, 1)` continue a layer, they do not start a call. */
const OPTION_WORDS = new Set(['kernel', 'stride', 'pad', 'groups', 'dilation', 'multiplier', 'size', 'in', 'nobias', 'ceil']);

/** Operator names: after a call's `)` on the same line, one starts the next statement (`B(1) relu`). */
const OPERATOR_WORDS = new Set([
    'conv', 'dwconv', 'maxpool', 'avgpool', 'adaptiveavgpool', 'fc', 'lrn', 'dropout', 'stochasticdepth', 'shuffle', 'globalavgpool',
    'globalmaxpool', 'flatten', 'bn', 'layernorm', 'layerscale', 'identity', 'relu', 'relu6', 'leakyrelu', 'sigmoid', 'hardsigmoid',
    'tanh', 'silu', 'hardswish', 'softmax', 'gelu'
]);

/** Expression functions: `ceil(x)` is a value, `ceil` alone is the pool option. */
const FUNCTIONS = new Set(['min', 'max', 'floor', 'ceil', 'round', 'abs', 'make_divisible']);
/** Words whose next word is their value. */
const VALUE_TAKERS = new Set(['conv', 'fc', 'shuffle', 'stochasticdepth', 'kernel', 'stride', 'pad', 'groups', 'dilation', 'multiplier', 'size', 'in',
    'repeat', 'stage', 'tap', 'branch', 'network', 'block', 'if', 'not', 'and', 'or', 'shortcut', 'input', 'meta', 'budget']);

/** A token range `[first, last]`, by index. */
export interface TokenSpan { first: number; last: number }

export class StatementScanner {
    /** For each bracket token, the index of its partner (-1 when it has none). */
    private readonly partner: number[];
    /** For each token, the index of the innermost `{` or `(` it is inside (-1 at top level). */
    private readonly parent: number[];
    /** Whether a line break lies between token i-1 and token i. */
    private readonly startsLine: boolean[];
    /** Every `{` a top-level word (or the end of the file) leaves open: [token index of the word or -1 for the end, open braces]. */
    readonly unclosed: Array<{ at: number; open: number[] }> = [];

    constructor(text: string, readonly tokens: readonly ScanToken[]) {
        const n = tokens.length;
        this.partner = new Array<number>(n).fill(-1);
        this.parent = new Array<number>(n).fill(-1);
        this.startsLine = tokens.map((token, i) => i === 0 || /[\n\r]/.test(text.slice(tokens[i - 1].endOffset + 1, token.startOffset)));
        const stack: number[] = [];
        for (let i = 0; i < n; i++) {
            const image = tokens[i].image;
            if (this.startsLine[i] && TOP_LEVEL_WORDS.has(image) && tokens[i + 1]?.image !== ':' && stack.length > 0) {
                const open = stack.filter(at => tokens[at].image === '{');
                if (open.length > 0) this.unclosed.push({ at: i, open: open.reverse() });
                stack.length = 0;
            }
            this.parent[i] = stack.length > 0 ? stack[stack.length - 1] : -1;
            if (image === '{' || image === '(') {
                stack.push(i);
            } else if (image === ')') {
                if (stack.length > 0 && tokens[stack[stack.length - 1]].image === '(') this.pair(stack.pop()!, i);
            } else if (image === '}') {
                // A `}` also closes any `(` left open inside its body.
                while (stack.length > 0 && tokens[stack[stack.length - 1]].image === '(') stack.pop();
                if (stack.length > 0) this.pair(stack.pop()!, i);
            }
        }
        const open = stack.filter(at => tokens[at].image === '{');
        if (open.length > 0) this.unclosed.push({ at: -1, open: open.reverse() });
    }

    /** The `{` that encloses token i directly, skipping parentheses (-1 at top level). */
    bodyOf(i: number): number {
        let p = this.parent[i];
        while (p >= 0 && this.tokens[p].image === '(') p = this.parent[p];
        return p;
    }

    /** The `{` or `(` that encloses token i directly (-1 at top level). */
    parentOf(i: number): number {
        return this.parent[i];
    }

    partnerOf(i: number): number {
        return this.partner[i];
    }

    lineStart(i: number): boolean {
        return this.startsLine[i];
    }

    /** The statement that holds token i (lifted out of any parentheses it is inside). */
    statementAt(i: number): TokenSpan {
        let at = i;
        while (this.parent[at] >= 0 && this.tokens[this.parent[at]].image === '(') at = this.parent[at];
        return { first: this.startOf(at), last: this.endOf(at) };
    }

    /** Whether token i lies inside a `(` that nothing closes (`B(64` and the lines after it). */
    insideUnclosedParenthesis(i: number): boolean {
        for (let p = this.parent[i]; p >= 0 && this.tokens[p].image === '('; p = this.parent[p]) if (this.partner[p] < 0) return true;
        return false;
    }

    /** The statement that starts at token i, read from there to its end. */
    statementFrom(i: number): TokenSpan {
        return { first: i, last: this.endOf(i) };
    }

    /** The tokens of token i's line that are in the same body as it. */
    lineAround(i: number): TokenSpan {
        const body = this.bodyOf(i);
        let first = i;
        while (first > 0 && !this.startsLine[first] && this.bodyOf(first - 1) === body && this.tokens[first - 1].image !== '{') first--;
        let last = i;
        while (last + 1 < this.tokens.length && !this.startsLine[last + 1] && this.bodyOf(last + 1) === body && this.tokens[last + 1].image !== '}') last++;
        return { first, last };
    }

    /** The tokens of a parenthesised list that holds token i, without the parentheses, or undefined. */
    parenthesesAround(i: number): TokenSpan | undefined {
        const open = this.parent[i];
        if (open < 0 || this.tokens[open].image !== '(') return undefined;
        const close = this.partner[open];
        const last = close >= 0 ? close - 1 : this.lineEnd(open);
        return last > open ? { first: open + 1, last } : undefined;
    }

    private startOf(i: number): number {
        let j = i;
        for (;;) {
            const k = j - 1;
            if (k < 0) return j;
            const before = this.tokens[k].image;
            if (before === '{' || before === ',' || before === '(') return j;
            if (this.startsLine[j] && !CONTINUATIONS.has(this.tokens[j].image)) return j;
            if (!this.startsLine[j] && this.startsHere(j)) return j;
            if (before === '}' || before === ')') {
                const open = this.partner[k];
                // `} shortcut …`, `} -> …`, `} * 3`, `} else …` keep the composite in this statement.
                if (open < 0 || (before === '}' && !CONTINUATIONS.has(this.tokens[j].image))) return j;
                j = open;
                continue;
            }
            j = k;
        }
    }

    private endOf(i: number): number {
        let j = i;
        for (;;) {
            const image = this.tokens[j].image;
            if ((image === '{' || image === '(') && this.partner[j] >= 0) j = this.partner[j];
            else if (image === '(') j = this.lineEnd(j);
            if (this.tokens[j].image === ',') return j;
            const k = j + 1;
            if (k >= this.tokens.length) return j;
            const next = this.tokens[k].image;
            if (next === '}' || next === ')') return j;
            if (next === ',') return k;
            if (this.startsLine[k] && !CONTINUATIONS.has(next)) return j;
            if (this.tokens[j].image === '}' && !CONTINUATIONS.has(next)) return j;
            if (this.startsHere(k)) return j;
            j = k;
        }
    }

    /** `Name(` or `label:` after a call on the same line starts the next statement: `B(1) B(2)`. */
    private startsCall(i: number): boolean {
        const image = this.tokens[i].image;
        const next = this.tokens[i + 1]?.image;
        if (image === '(') return true;
        return /^[A-Za-z_]/.test(image) && !OPTION_WORDS.has(image) && !FUNCTIONS.has(image) && (next === '(' || next === ':' || OPERATOR_WORDS.has(image));
    }

    /** Whether token i (on the same line as token i-1) starts a new statement rather than being a value of it. */
    private startsHere(i: number): boolean {
        if (i <= 0 || !this.startsCall(i)) return false;
        const before = this.tokens[i - 1].image;
        // `f(` is a call or function of the word before; only `B(1) (2)` puts a bracket first.
        if (this.tokens[i].image === '(') return before === ')';
        // After an operator or option that takes a value, a word is that value (`stride s`, `fc classes`).
        if (VALUE_TAKERS.has(before) || ['(', ',', '=', ':', '+', '-', '*', '/', '%', '->', '<=', '==', '!=', '<', '>', '>='].includes(before)) return false;
        return true;
    }

    /** The statements directly inside the bodies that start within [first, last], innermost bodies included. */
    innerStatements(span: TokenSpan): TokenSpan[] {
        const found: TokenSpan[] = [];
        for (let i = span.first; i <= span.last; i++) {
            if (this.tokens[i].image !== '{' || this.partner[i] < 0) continue;
            let j = i + 1;
            while (j < this.partner[i]) {
                const statement = this.statementAt(j);
                if (statement.last < j) break;
                found.push(statement);
                j = statement.last + 1;
            }
        }
        return found;
    }

    /** The last token on the line of token i (inside its body). */
    private lineEnd(i: number): number {
        let j = i;
        while (j + 1 < this.tokens.length && !this.startsLine[j + 1] && this.tokens[j + 1].image !== '}') j++;
        return j;
    }

    private pair(open: number, close: number): void {
        this.partner[open] = close;
        this.partner[close] = open;
    }
}
