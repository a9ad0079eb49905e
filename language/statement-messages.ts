import type { ScanToken, TokenSpan } from './statement-spans.js';

/**
 * Syntax error messages for a whole statement that does not parse (LANGUAGE.md §8.11): what a
 * half-typed layer still needs (`conv needs a kernel size: conv 64 3x3`), the closest operator or
 * option for an unknown word, and a missing `}` with the `{` it leaves open. Chevrotain's
 * message is kept for anything these rules do not recognise.
 */

interface OpUsage {
    /** What must follow the operator, in order. */
    needs: Array<'channels' | 'kernel' | 'features' | 'size' | 'groups' | 'probability'>;
    example: string;
    options: string[];
}

const OPTION_VALUES: Record<string, string> = {
    stride: 'stride 2', pad: 'pad 1', groups: 'groups 2', dilation: 'dilation 2', multiplier: 'multiplier 2', size: 'size 5', in: 'in 64', kernel: 'kernel 3'
};

const NO_ARGUMENTS = [
    'globalavgpool', 'globalmaxpool', 'flatten', 'bn', 'layernorm', 'layerscale', 'identity',
    'relu', 'relu6', 'leakyrelu', 'sigmoid', 'hardsigmoid', 'tanh', 'silu', 'hardswish', 'softmax', 'gelu'
];

export const OP_USAGE: Record<string, OpUsage> = {
    conv: { needs: ['channels', 'kernel'], example: 'conv 64 3x3', options: ['stride', 'pad', 'groups', 'dilation', 'nobias', 'in'] },
    dwconv: { needs: ['kernel'], example: 'dwconv 3x3', options: ['stride', 'pad', 'multiplier', 'dilation', 'nobias', 'in'] },
    maxpool: { needs: ['kernel'], example: 'maxpool 3x3 stride 2', options: ['stride', 'pad', 'ceil'] },
    avgpool: { needs: ['kernel'], example: 'avgpool 2x2 stride 2', options: ['stride', 'pad', 'ceil'] },
    adaptiveavgpool: { needs: ['size'], example: 'adaptiveavgpool 1x1', options: [] },
    fc: { needs: ['features'], example: 'fc 1000', options: ['nobias', 'in'] },
    lrn: { needs: [], example: 'lrn size 5', options: ['size'] },
    dropout: { needs: [], example: 'dropout 0.5', options: [] },
    stochasticdepth: { needs: ['probability'], example: 'stochasticdepth 0.2', options: [] },
    shuffle: { needs: ['groups'], example: 'shuffle 2', options: [] },
    ...Object.fromEntries(NO_ARGUMENTS.map(op => [op, { needs: [], example: op, options: [] }]))
};

export const OPERATORS = Object.keys(OP_USAGE);
const ALL_OPTIONS = new Set(Object.values(OP_USAGE).flatMap(usage => usage.options).concat(['kernel']));
const NEED_WORDS = {
    channels: 'output channels', kernel: 'a kernel size', features: 'output features', size: 'an output size',
    groups: 'a number of groups', probability: 'a drop probability'
} as const;
/** Words that begin statements other than layers and calls. */
const STATEMENT_KEYWORDS = new Set(['stage', 'repeat', 'if', 'residual', 'concat', 'split', 'scale', 'tap', 'branch', 'shortcut', 'else']);

export function unexpectedCharacterMessage(characters: string): string {
    const shown = [...characters].map(ch => (/[\p{Cc}\p{Cf}\p{Z}]/u.test(ch) && ch !== ' ' ? `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : ch));
    const text = shown.join('');
    // Code points stand alone; characters a person can see are quoted.
    const quoted = shown.length === 1 && text.startsWith('U+') ? text : `'${text}'`;
    return shown.length === 1 ? `unexpected character ${quoted}` : `unexpected characters ${quoted}`;
}

/** `next` is the word that ends the open body (`network`, `block`, `import`), or undefined at the end of the file. */
export function missingBraceMessage(tokens: readonly ScanToken[], open: number[], next: string | undefined): { message: string; related: string[] } {
    const owners = open.map(i => ownerOf(tokens, i));
    const where = next === undefined ? 'at the end of the file' : `where '${next}' starts`;
    return { message: `missing '}': ${owners[0]} is still open ${where}`, related: owners.map(owner => `${owner} opens here`) };
}

/** `block Bottleneck`, `network ResNet50`, `residual`, `stage layer1`: what a `{` belongs to. */
function ownerOf(tokens: readonly ScanToken[], brace: number): string {
    for (let i = brace - 1; i >= 0 && i >= brace - 12; i--) {
        const image = tokens[i].image;
        if (image === 'network' || image === 'block' || image === 'stage' || image === 'tap' || image === 'branch') {
            const name = tokens[i + 1] && tokens[i + 1].image !== '{' && tokens[i + 1].image !== '(' ? ` ${tokens[i + 1].image}` : '';
            return `the body of ${image}${name}`;
        }
        if (STATEMENT_KEYWORDS.has(image)) return `the body of ${image}`;
        if (image === '{' || image === '}') break;
    }
    return `the '{' at this place`;
}

/**
 * The message for a statement that does not parse. `error` is the index of the token the parser
 * stopped at (tokens.length at the end of the file).
 */
export function brokenStatementMessage(tokens: readonly ScanToken[], span: TokenSpan, error: number, fallback: string): string {
    let first = span.first;
    if (tokens[first + 1]?.image === ':' && first + 2 <= span.last) first += 2;
    if (first > span.last) return fallback;
    const head = tokens[first].image;
    const usage = OP_USAGE[head];
    const arrow = arrowMessage(tokens, span, error);
    if (usage) return layerMessage(tokens, head, usage, first, span.last, error) ?? arrow ?? fallback;
    if (STATEMENT_KEYWORDS.has(head)) return compositeMessage(tokens, head, first, span.last, error) ?? arrow ?? fallback;
    if (tokens[first + 1]?.image === '(' && first + 1 <= span.last) return callMessage(tokens, head, first + 1, span.last) ?? arrow ?? fallback;
    if (!/^[A-Za-z_]/.test(head)) return fallback;
    if (tokens[first + 1] && first + 1 <= span.last && OP_USAGE[tokens[first + 1].image] && error === first + 1) {
        return `'${head}' is not an operator; a label needs ':' (${head}: ${tokens[first + 1].image} …)`;
    }
    if (ALL_OPTIONS.has(head)) return `'${head}' is an option, not an operator; it goes after the layer it belongs to`;
    return `unknown operator '${head}'${didYouMean(head, OPERATORS)}`;
}

function layerMessage(tokens: readonly ScanToken[], op: string, usage: OpUsage, first: number, last: number, error: number): string | undefined {
    // Walk the required parts: an expression (one or more tokens) for a number, DIMS or `kernel …` for a kernel.
    let i = first + 1;
    const missing: string[] = [];
    for (const need of usage.needs) {
        const token = i <= last ? tokens[i] : undefined;
        if (need === 'kernel' || need === 'size') {
            if (token && isDims(token.image)) i++;
            else if (need === 'kernel' && token?.image === 'kernel') {
                if (i + 1 > last || !startsValue(tokens[i + 1].image)) return `kernel needs a size: ${op === 'conv' ? 'conv 64 kernel 3' : `${op} kernel 3`}`;
                i = skipExpression(tokens, i + 1, last);
            } else missing.push(NEED_WORDS[need]);
        } else if (token && startsValue(token.image) && !isDims(token.image)) {
            i = skipExpression(tokens, i, last);
        } else {
            missing.push(NEED_WORDS[need]);
        }
    }
    if (missing.length > 0) return `${op} needs ${missing.join(' and ')}: ${usage.example}`;
    // The required parts are there: the problem is an option (or a stray word after the layer).
    let j = i;
    while (j <= last) {
        const image = tokens[j].image;
        if (image === ',' || image === '->') break;
        if (usage.options.includes(image)) {
            if (!(image in OPTION_VALUES)) {
                j++;
                continue;
            }
            const value = tokens[j + 1];
            // Any word may be the value: block parameters are often named like the option (`stride stride`).
            if (j + 1 > last || !value || (!startsValue(value.image) && !isDims(value.image))) {
                return `${image} needs a value: ${OPTION_VALUES[image]}`;
            }
            j = isDims(value.image) || value.image === 'same' || value.image === 'valid' ? j + 2 : skipExpression(tokens, j + 1, last);
            continue;
        }
        if (/^[A-Za-z_]/.test(image)) {
            const takes = usage.options.length > 0 ? ` (${op} takes ${usage.options.join(', ')})` : ` (${op} takes no options)`;
            if (ALL_OPTIONS.has(image)) return `${op} has no option '${image}'${takes}`;
            return `unknown option '${image}' of ${op}${didYouMean(image, usage.options)}${takes}`;
        }
        if (j === i && usage.needs.length === 0 && usage.options.length === 0 && op !== 'dropout') return `${op} takes no arguments: ${usage.example}`;
        break;
    }
    return undefined;
}

function arrowMessage(tokens: readonly ScanToken[], span: TokenSpan, error: number): string | undefined {
    const at = Math.min(error, span.last + 1);
    const near = [tokens[at - 1]?.image, tokens[at]?.image];
    if (near.includes('->') || (near.includes('-') && !near.some(image => /^[0-9A-Za-z_(]/.test(image ?? '')))) return `'->' needs a shape: -> 64x56x56`;
    return undefined;
}

function compositeMessage(tokens: readonly ScanToken[], head: string, first: number, last: number, error: number): string | undefined {
    const next = tokens[first + 1]?.image;
    if ((head === 'stage' || head === 'tap') && (next === '{' || first === last)) return `${head} needs a name: ${head === 'stage' ? 'stage layer1' : 'tap aux'} { … }`;
    if (head === 'repeat' && (next === '{' || first === last)) return 'repeat needs a count: repeat 3 { … }';
    if ((head === 'concat' || head === 'split') && next === '{' && tokens[first + 2]?.image !== 'branch') return `${head} holds branches: ${head} { branch { … } branch { … } }`;
    for (let j = first; j <= last; j++) {
        if (tokens[j].image !== 'shortcut') continue;
        const kind = tokens[j + 1]?.image;
        const kinds = ['identity', 'projection', 'auto', 'optional'];
        if (j + 1 > last) return `shortcut needs a kind: shortcut identity, projection, auto, optional or { … }`;
        if (kind && !kinds.includes(kind) && kind !== '{') return `unknown shortcut '${kind}'${didYouMean(kind, kinds)} (identity, projection, auto, optional or { … })`;
    }
    if ((head === 'residual' || head === 'scale') && next !== '{' && error === first + 1) return `${head} needs a body: ${head} { … }`;
    return undefined;
}

function callMessage(tokens: readonly ScanToken[], name: string, open: number, last: number): string | undefined {
    let depth = 0;
    for (let j = open; j <= last; j++) {
        if (tokens[j].image === '(') depth++;
        else if (tokens[j].image === ')') depth--;
    }
    if (depth > 0) return `missing ')' after the arguments of ${name}: ${name}(…)`;
    return undefined;
}

function isDims(image: string): boolean {
    return /^[0-9]+(x[0-9]+)+$/.test(image);
}

function startsValue(image: string): boolean {
    return /^[0-9A-Za-z_(]/.test(image) || image === '-';
}

/** The index after an expression starting at i: values joined by operators, brackets whole. */
function skipExpression(tokens: readonly ScanToken[], i: number, last: number): number {
    let j = i;
    let expectValue = true;
    while (j <= last) {
        const image = tokens[j].image;
        if (expectValue) {
            if (image === '(') {
                let depth = 0;
                for (; j <= last; j++) {
                    if (tokens[j].image === '(') depth++;
                    else if (tokens[j].image === ')' && --depth === 0) break;
                }
                j++;
                // A call like `max(a, b)` is one value too.
            } else if (image === '-') {
                j++;
                continue;
            } else if (/^[0-9A-Za-z_]/.test(image) && !isDims(image) && (!ALL_OPTIONS.has(image) || tokens[j + 1]?.image === '(')) {
                j++;
                if (tokens[j]?.image === '(' && j <= last) continue;
            } else {
                return j;
            }
            expectValue = false;
        } else if (['+', '-', '*', '/', '%'].includes(image)) {
            j++;
            expectValue = true;
        } else {
            return j;
        }
    }
    return j;
}

/** `; did you mean 'relu'?` for the closest word within two edits, else nothing. */
/**
 * A word alone followed on its line by a statement is a label without its colon (`conv1 conv 64
 * 3x3`): the message shows the line as it should read. A statement that goes on over more lines
 * is shown by its first line and an ellipsis.
 */
export function labelNeedsColonMessage(label: string, statementText: string): string {
    const lines = statementText.trim().split(/\r?\n/);
    const first = lines[0].trim().replace(/,$/, '');
    return `a label needs a colon: ${label}: ${first}${lines.length > 1 ? ' \u2026' : ''}`;
}

export function didYouMean(word: string, candidates: readonly string[]): string {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const distance = editDistance(word.toLowerCase(), candidate);
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    const limit = word.length <= 3 ? 1 : 2;
    return best !== undefined && bestDistance <= limit ? `; did you mean '${best}'?` : '';
}

function editDistance(a: string, b: string): number {
    if (Math.abs(a.length - b.length) > 3) return Infinity;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++) {
            row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = row;
    }
    return previous[b.length];
}
