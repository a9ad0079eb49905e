import type { Random } from './random.js';

/**
 * Mutations of real files, the edits a half-typed or mangled file goes through: tokens and lines
 * deleted, duplicated, swapped or cut; random bytes and Unicode (astral characters, controls,
 * CRLF); huge, zero and negative numbers.
 */
const TOKEN = /[A-Za-z_][A-Za-z0-9_]*|[0-9]+(?:[x.][0-9]+)*|"[^"\n]*"|\/\/[^\n]*|->|<=|\S/g;

const NUMBERS = ['0', '-1', '-3', '1', '99999999999999999999999', '9007199254740993', '18446744073709551616', '1686925530', '4294967297', '1000000000', '0x0', '3x0x0', '1e9', '.05', '00'];
const UNICODE = ['\u0000', '\u0001', '\u001b[31m', '\u00a0', '\u200b', '\ufeff', 'é', '×', '→', '😀', '𝔘', '\ud800', '\udc00', '\u2028', '\r', '\r\n', '\t'];
const WORDS = ['conv', 'relu', 'residual', 'concat', 'branch', 'split', 'scale', 'tap', 'stage', 'repeat', 'block', 'network', 'input', 'import', 'meta', 'budget',
    'shortcut', 'projection', 'auto', 'identity', 'optional', 'if', 'else', 'pad', 'stride', 'groups', 'dilation', 'same', 'valid', 'nobias', 'ceil', 'fc', 'flatten',
    'maxpool', 'avgpool', 'globalavgpool', 'adaptiveavgpool', 'bn', 'dropout', 'C', 'H', 'W', '{', '}', '(', ')', ',', ':', '=', '->', '*', '/', '+', '-', '"', '<=',
    'x', 'X', '"blocks/missing.cnn"', '"/dev/zero"', '"."', 'undefinedName'];

export type Mutation = (text: string, random: Random) => string;

const tokenSpans = (text: string) => [...text.matchAll(TOKEN)].map(m => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));

export const MUTATIONS: Record<string, Mutation> = {
    deleteToken: (text, r) => { const s = tokenSpans(text); if (!s.length) return text; const t = r.pick(s); return text.slice(0, t.start) + text.slice(t.end); },
    duplicateToken: (text, r) => { const s = tokenSpans(text); if (!s.length) return text; const t = r.pick(s); return text.slice(0, t.end) + ' ' + t.text + text.slice(t.end); },
    swapTokens: (text, r) => {
        const s = tokenSpans(text);
        if (s.length < 2) return text;
        const i = r.below(s.length - 1);
        const [a, b] = [s[i], s[i + 1]];
        return text.slice(0, a.start) + b.text + text.slice(a.end, b.start) + a.text + text.slice(b.end);
    },
    replaceToken: (text, r) => { const s = tokenSpans(text); if (!s.length) return text; const t = r.pick(s); return text.slice(0, t.start) + r.pick(WORDS) + text.slice(t.end); },
    insertWord: (text, r) => { const at = r.below(text.length + 1); return text.slice(0, at) + ' ' + r.pick(WORDS) + ' ' + text.slice(at); },
    number: (text, r) => {
        const s = tokenSpans(text).filter(t => /^[0-9]/.test(t.text));
        if (!s.length) return text;
        const t = r.pick(s);
        const parts = t.text.split('x');
        parts[r.below(parts.length)] = r.pick(NUMBERS);
        return text.slice(0, t.start) + parts.join('x') + text.slice(t.end);
    },
    deleteLine: (text, r) => { const lines = text.split('\n'); lines.splice(r.below(lines.length), 1); return lines.join('\n'); },
    duplicateLine: (text, r) => { const lines = text.split('\n'); const i = r.below(lines.length); lines.splice(i, 0, lines[i]); return lines.join('\n'); },
    swapLines: (text, r) => {
        const lines = text.split('\n');
        if (lines.length < 2) return text;
        const i = r.below(lines.length - 1);
        [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
        return lines.join('\n');
    },
    cut: (text, r) => text.slice(0, r.below(text.length + 1)),
    cutMiddle: (text, r) => { const a = r.below(text.length + 1); const b = Math.min(text.length, a + r.below(200)); return text.slice(0, a) + text.slice(b); },
    randomBytes: (text, r) => {
        const at = r.below(text.length + 1);
        let bytes = '';
        for (let i = r.below(12) + 1; i > 0; i--) bytes += String.fromCharCode(r.below(256));
        return text.slice(0, at) + bytes + text.slice(at);
    },
    unicode: (text, r) => { const at = r.below(text.length + 1); return text.slice(0, at) + r.pick(UNICODE) + text.slice(at); },
    crlf: text => text.replace(/\n/g, '\r\n'),
    lineLength: (text, r) => { const lines = text.split('\n'); const i = r.below(lines.length); lines[i] = lines[i] + ' '.repeat(r.below(3)) + lines[i]; return lines.join('\n'); }
};

const NAMES = Object.keys(MUTATIONS);

/** One to four mutations in a row; returns the text and what was done (for the report). */
export function mutate(text: string, random: Random): { text: string; applied: string[] } {
    const applied: string[] = [];
    let out = text;
    for (let n = 1 + random.below(4); n > 0; n--) {
        const name = random.pick(NAMES);
        out = MUTATIONS[name](out, random);
        applied.push(name);
    }
    return { text: out, applied };
}
