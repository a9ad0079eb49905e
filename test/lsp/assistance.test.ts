import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, CompletionItem, Diagnostic, SemanticTokens } from 'vscode-languageserver';
import { applyEdits, Cnn, cursor, open, reset, textDocument } from './lsp-helpers.js';

afterEach(reset);

async function complete(marked: string, files: Record<string, string> = {}): Promise<CompletionItem[]> {
    await reset();
    for (const [name, text] of Object.entries(files)) await open(text, name);
    const { text, position } = cursor(marked);
    const document = await open(text);
    const list = await Cnn.lsp.CompletionProvider!.getCompletion(document, { textDocument: textDocument(document), position });
    return list?.items ?? [];
}

describe('completion', () => {
    it('offers operators and blocks (with a parameter snippet) at the start of a statement', async () => {
        const items = await complete('block Bottleneck(planes, stride = 1) { relu }\nnetwork N {\n    input 3x8x8\n    <|>\n}');
        const labels = items.map(i => i.label);
        expect(labels).toEqual(expect.arrayContaining(['conv', 'dwconv', 'maxpool', 'fc', 'relu', 'residual', 'concat', 'stage', 'repeat', 'Bottleneck']));
        expect(labels).not.toContain('stride');
        const block = items.find(i => i.label === 'Bottleneck')!;
        expect([block.detail, block.textEdit?.newText ?? block.insertText, block.insertTextFormat]).toEqual(['Bottleneck(planes, stride = 1)', 'Bottleneck(${1:planes})', 2]);
    });

    it("offers the options of the op being written", async () => {
        const labels = (await complete('network N {\n    input 3x8x8\n    conv 8 3x3 <|>\n}')).map(i => i.label);
        expect(labels).toEqual(expect.arrayContaining(['stride', 'pad', 'groups', 'dilation', 'nobias', 'in']));
        expect(labels).not.toContain('ceil');
        const poolLabels = (await complete('network M {\n    input 3x8x8\n    maxpool 3x3 <|>\n}', {})).map(i => i.label);
        expect(poolLabels).toEqual(expect.arrayContaining(['stride', 'pad', 'ceil']));
        expect(poolLabels).not.toContain('groups');
    });

    it('offers parameters and C, H, W inside a block expression', async () => {
        const items = await complete('block B(width, k = 3) {\n    conv <|>\n}');
        expect(items.filter(i => i.kind === 6 || i.kind === 21).map(i => i.label)).toEqual(['width', 'k', 'C', 'H', 'W']);
    });

    it('offers argument names not yet given', async () => {
        const items = await complete('block B(width, k = 3, s = 1) { relu }\nnetwork N {\n    input 3x8x8\n    B(8, k = 1, <|>)\n}');
        expect(items.filter(i => i.kind === 10).map(i => i.label)).toEqual(['width =', 's =']);
    });
});

describe('signature help', () => {
    async function help(marked: string) {
        const { text, position } = cursor(marked);
        const document = await open(text);
        return Cnn.lsp.SignatureHelp!.provideSignatureHelp(document, { textDocument: textDocument(document), position });
    }

    it('shows the block signature and the active parameter, positional or named', async () => {
        const block = 'block Bottleneck(planes, stride = 1, groups = 1) { relu }\nnetwork N {\n    input 3x8x8\n';
        const first = await help(`${block}    Bottleneck(64, <|>\n}`);
        expect(first?.signatures[0].label).toBe('Bottleneck(planes, stride = 1, groups = 1)');
        expect(first?.signatures[0].parameters?.map(p => p.label)).toEqual([[11, 17], [19, 29], [31, 41]]);
        expect(first?.activeParameter).toBe(1);
        await reset();
        expect((await help(`${block}    Bottleneck(64, groups = <|>\n}`))?.activeParameter).toBe(2);
        await reset();
        expect(await help(`${block}    conv (<|>\n}`)).toBeUndefined();
    });
});

describe('semantic tokens', () => {
    it('marks operators, blocks, parameters, C H W and labels', async () => {
        const document = await open('block B(c) {\n    l1: conv c * C 1x1\n}');
        const tokens = await Cnn.lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument: textDocument(document) }) as SemanticTokens;
        const legend = Cnn.lsp.SemanticTokenProvider!.semanticTokensOptions.legend.tokenTypes;
        const decoded: string[] = [];
        let line = 0;
        let character = 0;
        const text = document.textDocument.getText().split('\n');
        for (let i = 0; i < tokens.data.length; i += 5) {
            const [deltaLine, deltaStart, length, type] = tokens.data.slice(i, i + 4);
            line += deltaLine;
            character = deltaLine === 0 ? character + deltaStart : deltaStart;
            decoded.push(`${text[line].slice(character, character + length)}:${legend[type]}`);
        }
        expect(decoded).toEqual(['B:function', 'c:parameter', 'l1:variable', 'conv:function', 'c:parameter', 'C:variable', '1x1:number']);
    });
});

describe('quick fixes', () => {
    async function fixes(text: string): Promise<{ titles: string[]; apply: (title: string) => string }> {
        const document = await open(text);
        const diagnostics = document.diagnostics as Diagnostic[];
        const range = diagnostics[0]?.range ?? { start: { line: 2, character: 6 }, end: { line: 2, character: 6 } };
        const actions = await Cnn.lsp.CodeActionProvider!.getCodeActions(document, { textDocument: textDocument(document), range, context: { diagnostics } }) as CodeAction[];
        return {
            titles: actions.map(a => a.title),
            apply: title => applyEdits(text, Object.values(actions.find(a => a.title === title)!.edit!.changes!)[0])
        };
    }

    it('fixes a residual mismatch with a projection or auto shortcut, saying what the residual then gives', async () => {
        const { titles, apply } = await fixes('network N {\n    input 64x56x56\n    residual { conv 256 1x1 }\n}');
        expect(titles).toEqual([
            `Use 'shortcut projection': the output becomes 256×56×56`,
            `Use 'shortcut auto' (projection only when shapes differ): the output becomes 256×56×56`
        ]);
        expect(apply(titles[0])).toBe('network N {\n    input 64x56x56\n    residual { conv 256 1x1 } shortcut projection\n}');
    });

    it('updates an annotation and an in option, neither of which changes a shape', async () => {
        const annotation = await fixes('network N {\n    input 3x8x8\n    conv 8 3x3 -> 8x8x8\n}');
        expect(annotation.titles[0]).toBe('Change the annotation to 8x6x6');
        expect(annotation.apply('Change the annotation to 8x6x6')).toBe('network N {\n    input 3x8x8\n    conv 8 3x3 -> 8x6x6\n}');
        await reset();
        const option = await fixes('network N {\n    input 3x8x8\n    conv 8 3x3 in 4\n}');
        expect(option.titles[0]).toBe(`Change to 'in 3'`);
        expect(option.apply(option.titles[0])).toBe('network N {\n    input 3x8x8\n    conv 8 3x3 in 3\n}');
    });

    it('proposes the padding that uses every pixel, or ceil mode for a pool, with the output each gives', async () => {
        // 8 rows, 3×3, stride 2: ⌊(8 − 3)/2⌋ + 1 = 3 rows; with pad 1, ⌊(8 + 2 − 3)/2⌋ + 1 = 4.
        const conv = await fixes('network N {\n    input 3x8x8\n    conv 8 3x3 stride 2\n}');
        expect(conv.titles[0]).toBe(`Use 'pad 1' so every input pixel is seen: the output becomes 8×4×4`);
        expect(conv.apply(conv.titles[0])).toBe('network N {\n    input 3x8x8\n    conv 8 3x3 pad 1 stride 2\n}');
        await reset();
        // 56 rows, 3×3, stride 2: ⌊53/2⌋ + 1 = 27; pad 1: ⌊55/2⌋ + 1 = 28; ceil: ⌈53/2⌉ + 1 = 28 (as PyTorch's MaxPool2d).
        const pool = await fixes('network N {\n    input 64x56x56\n    maxpool 3x3 stride 2\n}');
        expect(pool.titles).toEqual([
            `Use 'pad 1' so every input pixel is seen: the output becomes 64×28×28`,
            `Use 'ceil' mode (one more output row and column): the output becomes 64×28×28`,
            'Annotate the output shape (-> 64x27x27)'
        ]);
        expect(pool.apply(pool.titles[1])).toBe('network N {\n    input 64x56x56\n    maxpool 3x3 ceil stride 2\n}');
    });

    it('names every output of a layer in a block called at two sizes', async () => {
        const { titles } = await fixes('block Down() { conv 8 3x3 stride 2 }\nnetwork N {\n    input 3x8x8\n    Down()\n    Down()\n}');
        // 8 → 3 → 1 rows without padding; with pad 1, 8 → 4 → 2.
        expect(titles[0]).toBe(`Use 'pad 1' so every input pixel is seen: the outputs become 8×4×4, 8×2×2`);
    });

    it('also updates the annotations below that the new shape would break, and says so', async () => {
        const text = 'network N {\n    input 3x8x8\n    conv 8 3x3 stride 2\n    conv 16 1x1 -> 16x3x3\n    stage s { relu } -> 16x3x3\n}';
        const { titles, apply } = await fixes(text);
        expect(titles[0]).toBe(`Use 'pad 1' so every input pixel is seen: the output becomes 8×4×4; also updates 2 annotations to match`);
        expect(apply(titles[0])).toBe('network N {\n    input 3x8x8\n    conv 8 3x3 pad 1 stride 2\n    conv 16 1x1 -> 16x4x4\n    stage s { relu } -> 16x4x4\n}');
    });

    it('withholds a fix that would break a residual add below it', async () => {
        // Body and shortcut both give 8×3×3; padding only the body would give 8×4×4 + 8×3×3.
        const text = 'network N {\n    input 8x8x8\n    residual {\n        conv 8 3x3 stride 2\n    } shortcut { conv 8 3x3 stride 2 }\n}';
        const document = await open(text);
        const diagnostics = (document.diagnostics as Diagnostic[]).filter(d => d.code === 'inexact');
        expect(diagnostics.map(d => d.range.start.line)).toEqual([3, 4]);
        for (const diagnostic of diagnostics) {
            const actions = await Cnn.lsp.CodeActionProvider!.getCodeActions(document, { textDocument: textDocument(document), range: diagnostic.range, context: { diagnostics: [diagnostic] } }) as CodeAction[];
            expect(actions.map(a => a.title)).toEqual(['Annotate the output shape (-> 8x3x3)']);
        }
    });

    it('withholds a fix that would break a concat (pad or ceil on one branch only)', async () => {
        const concat = await fixes('network N {\n    input 8x8x8\n    concat {\n        branch { conv 8 3x3 stride 2 }\n        branch { maxpool 3x3 stride 2 }\n    }\n}');
        expect(concat.titles).toEqual(['Annotate the output shape (-> 8x3x3)']);
    });

    it("updates the fixed layer's own annotation in a block", async () => {
        const { titles, apply } = await fixes('block Down() { conv 8 3x3 stride 2 -> 8x3x3 }\nnetwork N {\n    input 3x8x8\n    Down()\n}');
        expect(titles[0]).toBe(`Use 'pad 1' so every input pixel is seen: the output becomes 8×4×4; also updates 1 annotation to match`);
        expect(apply(titles[0])).toBe('block Down() { conv 8 3x3 pad 1 stride 2 -> 8x4x4 }\nnetwork N {\n    input 3x8x8\n    Down()\n}');
    });

    it('replaces an unknown block with the closest name', async () => {
        const { titles, apply } = await fixes('block Bottleneck() { relu }\nnetwork N {\n    input 3x8x8\n    Botleneck()\n}');
        expect(titles[0]).toBe(`Change to 'Bottleneck': the output becomes 3×8×8`);
        expect(apply(titles[0])).toContain('    Bottleneck()\n');
    });

    it("inserts a label's missing colon", async () => {
        const { titles, apply } = await fixes('network N {\n    input 3x8x8\n    conv1 conv 8 3x3\n}');
        expect(titles).toEqual([`Insert ':' after the label 'conv1'`]);
        expect(apply(titles[0])).toBe('network N {\n    input 3x8x8\n    conv1: conv 8 3x3\n}');
    });

    it('inserts the inferred shape annotation on any layer', async () => {
        const { titles, apply } = await fixes('network N {\n    input 3x8x8\n    conv 8 3x3 pad 1\n}');
        expect(titles).toEqual(['Annotate the output shape (-> 8x8x8)']);
        expect(apply(titles[0])).toBe('network N {\n    input 3x8x8\n    conv 8 3x3 pad 1 -> 8x8x8\n}');
    });
});
