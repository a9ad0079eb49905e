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

    it('fixes a residual mismatch with a projection or auto shortcut', async () => {
        const { titles, apply } = await fixes('network N {\n    input 64x56x56\n    residual { conv 256 1x1 }\n}');
        expect(titles).toEqual([`Use 'shortcut projection'`, `Use 'shortcut auto' (projection only when shapes differ)`]);
        expect(apply(titles[0])).toBe('network N {\n    input 64x56x56\n    residual { conv 256 1x1 } shortcut projection\n}');
    });

    it('updates an annotation and an in option to the inferred numbers', async () => {
        const annotation = await fixes('network N {\n    input 3x8x8\n    conv 8 3x3 -> 8x8x8\n}');
        expect(annotation.apply('Change the annotation to 8x6x6')).toBe('network N {\n    input 3x8x8\n    conv 8 3x3 -> 8x6x6\n}');
        await reset();
        const option = await fixes('network N {\n    input 3x8x8\n    conv 8 3x3 in 4\n}');
        expect(option.apply(`Change to 'in 3'`)).toBe('network N {\n    input 3x8x8\n    conv 8 3x3 in 3\n}');
    });

    it('proposes the padding that uses every pixel, or ceil mode for a pool', async () => {
        const conv = await fixes('network N {\n    input 3x8x8\n    conv 8 3x3 stride 2\n}');
        expect(conv.apply(`Use 'pad 1' so every input pixel is seen`)).toBe('network N {\n    input 3x8x8\n    conv 8 3x3 pad 1 stride 2\n}');
        await reset();
        const pool = await fixes('network N {\n    input 64x56x56\n    maxpool 3x3 stride 2\n}');
        expect(pool.titles).toEqual([
            `Use 'pad 1' so every input pixel is seen`, `Use 'ceil' mode (one more output row and column)`, 'Annotate the output shape (-> 64x27x27)'
        ]);
        expect(pool.apply(pool.titles[1])).toBe('network N {\n    input 64x56x56\n    maxpool 3x3 ceil stride 2\n}');
    });

    it('replaces an unknown block with the closest name', async () => {
        const { apply } = await fixes('block Bottleneck() { relu }\nnetwork N {\n    input 3x8x8\n    Botleneck()\n}');
        expect(apply(`Change to 'Bottleneck'`)).toContain('    Bottleneck()\n');
    });

    it('inserts the inferred shape annotation on any layer', async () => {
        const { titles, apply } = await fixes('network N {\n    input 3x8x8\n    conv 8 3x3 pad 1\n}');
        expect(titles).toEqual(['Annotate the output shape (-> 8x8x8)']);
        expect(apply(titles[0])).toBe('network N {\n    input 3x8x8\n    conv 8 3x3 pad 1 -> 8x8x8\n}');
    });
});
