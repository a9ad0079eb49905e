import { afterEach, describe, expect, it } from 'vitest';
import type { WorkspaceEdit } from 'vscode-languageserver';
import { Cnn, applyEdits, cursor, open, reset, textDocument } from '../lsp/lsp-helpers.js';

// Editor features on the v2 syntax: hovers show computed values, completion knows the
// functions and new operators.

afterEach(reset);

async function hoverAt(marked: string): Promise<string | undefined> {
    const { text, position } = cursor(marked);
    const document = await open(text);
    const hover = await Cnn.lsp.HoverProvider!.getHoverContent(document, { textDocument: textDocument(document), position });
    return hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : undefined;
}

const FAMILY = `block B(width) {
    conv make_divisible(16 * width, 8) 1x1
}
network N {
    input 3x8x8
    B(1.2)
    B(0.5)
}`;

describe('hover on expressions', () => {
    it('shows the value in each call, parameters substituted: make_divisible(16 × 1.2, 8) = 24', async () => {
        const hover = await hoverAt(FAMILY.replace('make_divisible(16 * width', 'make_divisible(16 * wi<|>dth'));
        expect(hover?.split('\n\n---\n\n')[0]).toBe('`make_divisible(16 × 1.2, 8) = 24`  \n`make_divisible(16 × 0.5, 8) = 8`');
        expect(hover?.split('\n\n---\n\n')[1]).toMatch(/^\*\*conv_1\*\* `conv` — 3×8×8 → \*\*24×8×8\*\*/);
    });

    it('evaluates C, H, W of a network and exact fractions', async () => {
        const hover = await hoverAt('network N {\n    input 3x8x8\n    repeat floor(C <|>/ 2) { relu }\n}');
        expect(hover).toBe('`floor(3 / 2) = 1`');
        await reset();
        const fraction = await hoverAt('block B(a = 10 / 3) { conv ceil(a<|>) 1x1 }\nnetwork N {\n    input 3x8x8\n    B()\n}');
        expect(fraction?.split('\n\n---\n\n')[0]).toBe('`ceil(10/3) = 4`');
    });

    it('shows the peak against its budget', async () => {
        const hover = await hoverAt('network N {\n    input 3x8x8\n    budget pe<|>ak <= 3KB\n    conv 8 3x3 pad 1\n    relu\n    conv 4 1x1\n}');
        expect(hover).toBe('**budget** peak: 3.00 KiB of 3KB allowed — 102.4% used, **over budget**');
    });

    it('says when no expansion runs the expression', async () => {
        const hover = await hoverAt('block B(a) { conv a <|>* 2 1x1 }');
        expect(hover?.split('\n\n---\n\n')[0]).toBe('`a × 2`: not evaluated — no expansion runs this code');
    });
});

describe('completion and formatting of the v2 syntax', () => {
    it('offers the functions inside an expression and operators as arguments', async () => {
        const { text, position } = cursor('block B(w, act = relu) { conv w 1x1, act }\nnetwork N {\n    input 3x8x8\n    B(8, act = <|>)\n}');
        const document = await open(text);
        const list = await Cnn.lsp.CompletionProvider!.getCompletion(document, { textDocument: textDocument(document), position });
        const labels = list?.items.map(i => i.label) ?? [];
        expect(labels).toEqual(expect.arrayContaining(['min', 'max', 'floor', 'ceil', 'round', 'abs', 'make_divisible', 'hardswish', 'gelu', 'identity']));
        expect(list?.items.find(i => i.label === 'make_divisible')?.detail).toBe('make_divisible(v, d, m = d)');
    });

    it('offers the new operators at the start of a statement', async () => {
        const { text, position } = cursor('network N {\n    input 3x8x8\n    <|>\n}');
        const document = await open(text);
        const list = await Cnn.lsp.CompletionProvider!.getCompletion(document, { textDocument: textDocument(document), position });
        expect(list?.items.map(i => i.label)).toEqual(expect.arrayContaining(['layernorm', 'gelu', 'layerscale', 'stochasticdepth', 'identity', 'if']));
    });

    it('formats if / else bodies, * N after composites and a stage annotation', async () => {
        const text = 'block B(e) {\n  if e==1 {\n  relu\n  }   else   {\n conv 8 1x1\n  relu }\n  residual {relu}*2\n  stage s {relu}->8x8x8\n  if e > 1 { relu } else if e < 0 { gelu } else { tanh }\n}';
        const document = await open(text);
        const edits = await Cnn.lsp.Formatter!.formatDocument(document, { textDocument: textDocument(document), options: { tabSize: 4, insertSpaces: true } });
        const formatted = applyEdits(text, edits);
        expect(formatted).toBe('block B(e) {\n    if e == 1 {\n        relu\n    } else {\n        conv 8 1x1\n        relu\n    }\n    residual { relu } * 2\n    stage s { relu } -> 8x8x8\n    if e > 1 { relu } else if e < 0 { gelu } else { tanh }\n}');
        await reset();
        const again = await open(formatted);
        const none = await Cnn.lsp.Formatter!.formatDocument(again, { textDocument: textDocument(again), options: { tabSize: 4, insertSpaces: true } });
        expect(applyEdits(formatted, none)).toBe(formatted);
    });

    it('formats expressions, pairs, conditions and calls of functions', async () => {
        const text = 'block B(k, e = 1) {\n    if   e!=1   and k>=3 {conv make_divisible( e*8 ,8 ) kernel (1,k) pad (0 , floor(k/2))}\n    conv -e%3+4 1x1\n}';
        const document = await open(text);
        const edits = await Cnn.lsp.Formatter!.formatDocument(document, { textDocument: textDocument(document), options: { tabSize: 4, insertSpaces: true } });
        expect(applyEdits(text, edits)).toBe('block B(k, e = 1) {\n    if e != 1 and k >= 3 { conv make_divisible(e * 8, 8) kernel (1, k) pad (0, floor(k / 2)) }\n    conv -e % 3 + 4 1x1\n}');
    });
});

describe('navigation inside conditions, function calls and operator parameters', () => {
    it('renames a parameter in a condition, a function call, a word alone and a named argument', async () => {
        const { text, position } = cursor('block B(<|>act = relu, w = 1) {\n    if act == relu { conv max(w, 2) 1x1 }\n    act\n}\nnetwork N {\n    input 3x8x8\n    B(act = gelu)\n}');
        const document = await open(text);
        const edit = await Cnn.lsp.RenameProvider!.rename(document, { textDocument: textDocument(document), position, newName: 'f' }) as WorkspaceEdit;
        const edits = Object.values(edit.changes!)[0].map(e => `${e.range.start.line}:${e.range.start.character}-${e.range.end.character}`);
        expect(edits.sort()).toEqual(['0:8-11', '1:7-10', '2:4-7', '6:6-9']);
    });

    it('goes to the parameter from a word alone', async () => {
        const { text, position } = cursor('block B(act = relu) {\n    conv 8 1x1\n    a<|>ct\n}');
        const document = await open(text);
        const found = await Cnn.lsp.DefinitionProvider!.getDefinition(document, { textDocument: textDocument(document), position });
        expect(found?.map(l => 'targetRange' in l ? l.targetSelectionRange.start : (l as { range: { start: unknown } }).range.start)).toEqual([{ line: 0, character: 8 }]);
    });
});

describe('semantic tokens of the v2 syntax', () => {
    it('marks functions, words alone, decimals and operator names used as values', async () => {
        const document = await open('block B(w, act = relu) {\n    conv make_divisible(w * 1.5, 8) 1x1\n    act\n}');
        const tokens = await Cnn.lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument: textDocument(document) });
        const legend = Cnn.lsp.SemanticTokenProvider!.semanticTokensOptions.legend.tokenTypes;
        const text = document.textDocument.getText().split('\n');
        const decoded: string[] = [];
        let line = 0;
        let character = 0;
        for (let i = 0; i < tokens.data.length; i += 5) {
            const [deltaLine, deltaStart, length, type] = tokens.data.slice(i, i + 4);
            line += deltaLine;
            character = deltaLine === 0 ? character + deltaStart : deltaStart;
            decoded.push(`${text[line].slice(character, character + length)}:${legend[type]}`);
        }
        expect(decoded).toEqual([
            'B:function', 'w:parameter', 'act:parameter', 'relu:variable', 'conv:function', 'make_divisible:function',
            'w:parameter', '1.5:number', '8:number', '1x1:number', 'act:parameter'
        ]);
    });
});

describe('a word alone in hovers and inlay hints', () => {
    const TEXT = 'block B(act = relu) {\n    conv 8 1x1\n    act\n}\nnetwork N {\n    input 3x8x8\n    B(act = hardswish)\n}';

    it('hovers as the layer of the operator it ran', async () => {
        const hover = await hoverAt(TEXT.replace('    act\n', '    a<|>ct\n'));
        expect(hover?.split('\n')[0]).toBe('**hardswish_1** `hardswish` — 8×8×8 → **8×8×8**');
    });

    it('gets the shape inlay hint', async () => {
        const document = await open(TEXT);
        const hints = await Cnn.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: textDocument(document), range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } } });
        expect(hints?.map(h => `${h.position.line}:${typeof h.label === 'string' ? h.label : ''}`)).toEqual(expect.arrayContaining(['2: → 8×8×8']));
    });
});
