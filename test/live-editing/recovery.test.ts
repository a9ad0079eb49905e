import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { key, outline, parse, startKey, type Entry } from './outline.js';

const root = join(__dirname, '../../examples');
// Layers, options, calls, stages, residuals, concats, taps and imports all occur in these; the
// whole library takes many minutes on a loaded machine.
const prefixFiles = ['alexnet.cnn', 'resnet50.cnn', 'googlenet.cnn', 'blocks/inception.cnn'].map(f => join(root, f));
const deletionFiles = ['alexnet.cnn', 'resnet50.cnn', 'googlenet.cnn', 'blocks/resnet.cnn', 'blocks/inception.cnn', 'blocks/mobilenet.cnn']
    .map(f => join(root, f));

/** Token boundaries of the text (start and end of every word, number and symbol): where a cut can change the parse. */
function tokenStarts(text: string): Array<{ from: number; to: number }> {
    const tokens: Array<{ from: number; to: number }> = [];
    const pattern = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|"[^"\n]*"|[0-9]+(?:[x.][0-9]+)*[A-Za-z]*|[A-Za-z_][A-Za-z0-9_]*|->|<=|>=|==|!=|\S/g;
    for (const match of text.matchAll(pattern)) {
        if (match[0].startsWith('//') || match[0].startsWith('/*')) continue;
        tokens.push({ from: match.index!, to: match.index! + match[0].length });
    }
    return tokens;
}

/** The innermost statement of the intact file that holds [from, to). */
function touched(entries: Entry[], from: number, to: number): Entry | undefined {
    return entries.filter(e => e.kind !== 'Network' && e.kind !== 'Block' && e.offset <= from && to <= e.end).sort((a, b) => b.depth - a.depth)[0];
}

describe('recovery per statement (LANGUAGE.md §8.11)', () => {
    it.each(prefixFiles.map(f => [f.slice(root.length + 1), f]))('every prefix of %s keeps the outline before the cut', { timeout: 300_000 }, (_name, file) => {
        const text = readFileSync(file, 'utf8');
        const full = outline(parse(text));
        for (const { to } of tokenStarts(text)) {
            // Cutting inside a word leaves a shorter word, which the prefix at its end covers.
            for (const cut of [to]) {
                const statement = touched(full, cut - 1, cut);
                const limit = statement ? statement.offset : cut;
                const expected = full.filter(e => e.end <= limit).map(e => key(e));
                const got = new Set(outline(parse(text.slice(0, cut))).map(e => key(e)));
                const missing = expected.filter(k => !got.has(k));
                if (missing.length > 0) expect({ cut, context: text.slice(Math.max(0, cut - 40), cut), missing }).toEqual({ cut, context: text.slice(Math.max(0, cut - 40), cut), missing: [] });
            }
        }
    });

    it.each(deletionFiles.map(f => [f.slice(root.length + 1), f]))('every single-token deletion in %s keeps the rest of the outline', { timeout: 300_000 }, (_name, file) => {
        const text = readFileSync(file, 'utf8');
        const full = outline(parse(text));
        for (const { from, to } of tokenStarts(text)) {
            const image = text.slice(from, to);
            // A bracket moves what belongs to which body: a structural edit, not a half-typed statement.
            if (/^[{}()]$/.test(image)) continue;
            const statement = touched(full, from, to);
            const got = new Set(outline(parse(text.slice(0, from) + text.slice(to))).map(e => startKey(e)));
            const shift = -(to - from);
            // A word left after a layer on its line is that layer's unknown option (§8.11): the
            // statement that breaks starts with the line.
            const lineStart = text.lastIndexOf('\n', from) + 1;
            // Likewise what follows on the line may become the broken layer's value (`pad 1  B(x)`
            // without the 1 reads `pad B(x)`): later statements are compared from the next line.
            const lineEnd = (text.indexOf('\n', to) + 1 || text.length + 1) - 1;
            const top = full.find(e => (e.kind === 'Network' || e.kind === 'Block') && e.offset <= from && to <= e.end);
            const expected = full
                .filter(e => !(e.offset <= from && to <= e.end))
                .filter(e => e.end <= Math.min(lineStart, statement ? statement.offset : from) ||
                    (statement !== undefined && e.offset >= Math.max(statement.end, lineEnd)) ||
                    (top !== undefined && e.offset >= top.end))
                .map(e => startKey(e, e.offset >= to ? shift : 0));
            const missing = expected.filter(k => !got.has(k));
            if (missing.length > 0) expect({ image, at: from, context: text.slice(Math.max(0, from - 40), to + 20), missing }).toEqual({ image, at: from, context: text.slice(Math.max(0, from - 40), to + 20), missing: [] });
        }
    });
});

describe('many broken statements (docs/decisions.md: recovery bounds)', () => {
    // Eight kinds of mistake, each after a good layer: more than the ten trial parses can place.
    const BROKEN = ['stage { relu }', 'repeat { relu }', 'B(64', 'residual { relu } shortcut projektion', 'conv 64 3x', 'maxpool 3x3 stride', 'tap { relu }', 'concat { relu }'];
    const file = (n: number) => ['block B(c) { conv c 1x1 }', 'network N {', '    input 64x32x32',
        ...Array.from({ length: n }, (_, i) => [`    l${i}: conv 64 3x3 pad 1`, `    ${BROKEN[i % BROKEN.length]}`]).flat(), '    last: relu', '}', ''].join('\n');
    const labels = (text: string) => outline(parse(text)).filter(e => e.kind === 'Layer' && e.depth === 2 && e.name !== 'conv').map(e => e.name);

    it('past the trial budget every statement is checked on its own: each mistake costs only itself', async () => {
        const text = file(8);
        // Once warm, as in an editor: the first parse of a process also builds Chevrotain's lookahead.
        parse(text);
        expect(labels(text)).toEqual(['l0', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'last']);
        const { analyzeText } = await import('../helpers.js');
        expect(analyzeText(text).all.filter(d => d.code === 'syntax-error').map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`)).toEqual([
            // The messages of test/live-editing/messages.test.ts's table, each at its own statement.
            '5:5 stage needs a name: stage layer1 { … }',
            '7:5 repeat needs a count: repeat 3 { … }',
            "9:6 missing ')' after the arguments of B: B(…)",
            "11:23 unknown shortcut 'projektion'; did you mean 'projection'? (identity, projection, auto, optional or { … })",
            '13:14 conv needs a kernel size: conv 64 3x3',
            '15:17 stride needs a value: stride 2',
            '17:5 tap needs a name: tap aux { … }',
            '19:14 concat holds branches: concat { branch { … } branch { … } }'
        ]);
    });
});
