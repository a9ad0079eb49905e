import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { parseHelper } from 'langium/test';
import { Cnn, cursor, open, reset, textDocument } from './lsp-helpers.js';
import { readFileSync } from 'node:fs';
import { createCnnServices } from '../../server/cnn-module.js';
import type { Model } from '../../language/generated/ast.js';

afterEach(reset);

async function hoverAt(marked: string, name?: string): Promise<string | undefined> {
    const { text, position } = cursor(marked);
    const document = await open(text, name);
    const hover = await Cnn.lsp.HoverProvider!.getHoverContent(document, { textDocument: textDocument(document), position });
    return hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : undefined;
}

const ALEXNET = readFileSync('examples/alexnet.cnn', 'utf8');

describe('hover', () => {
    it('shows a layer: shapes, params and MACs with formulas, memory, receptive field and share', async () => {
        const hover = await hoverAt(ALEXNET.replace('conv2: conv 192', 'conv2: co<|>nv 192'));
        expect(hover).toBe([
            '**conv2** `conv` — 64×27×27 → **192×27×27**',
            '',
            '| quantity | value |',
            '| --- | --- |',
            '| params | 192 × (64×5×5) + 192 = **307,392** (307K) |',
            '| MACs | 192×27×27 × (64×5×5) = **223,948,800** (224M) |',
            '| memory | 192×27×27 × 4 B = 546.75 KiB |',
            // LANGUAGE.md §8.9: pool1's 64×27×27 and conv2's 192×27×27 tensors; conv1 has the peak.
            '| alive while it runs | 729.00 KiB · peak 1,387.86 KiB (1.36 MiB) |',
            '| receptive field | 51×51 px, jump 8 |',
            '| share of AlexNet | 31.2% of MACs · 0.5% of params · 23.7% of memory |'
        ].join('\n'));
    });

    it('shows the network totals on its name', async () => {
        const hover = await hoverAt(ALEXNET.replace('network AlexNet', 'network Alex<|>Net'));
        expect(hover).toContain('**network AlexNet** — 3×227×227 → **1000**');
        expect(hover).toContain('| params | 61,100,840 (61.1M) | 244,403,360 B as float32 |');
        expect(hover).toContain('| MACs | 716,767,232 (717M) | FLOPs 1.43G |');
        expect(hover).toContain('| memory | 2,303.16 KiB (2.25 MiB) | activations, batch 1, float32 |');
    });

    it('shows a block call: instance totals, share and its layers', async () => {
        const hover = await hoverAt(`
block Pair(c) { conv c 3x3 pad 1, relu, conv c 3x3 pad 1 }
network N {
    input 8x8x8
    first: Pa<|>ir(8)
    conv 16 1x1
}`);
        expect(hover).toContain('**first** — call of `Pair` — 8×8×8 → **8×8×8**');
        expect(hover).toContain('| params | 1,168 (1.17K) | 89.0% |');
        expect(hover).toContain('| MACs | 73,728 (73.7K) | 90.0% |');
        expect(hover).toContain('| conv_1 | conv | 8×8×8 | 584 | 36,864 |');
    });

    it('shows a block definition with one line per call site', async () => {
        const hover = await hoverAt(`
block Pa<|>ir(c, s = 1) { conv c 3x3 stride s pad 1 }
network N {
    input 8x8x8
    stage a { Pair(8) * 2 }
    Pair(16, s = 2)
}`);
        expect(hover).toBe([
            '```cnn\nblock Pair(c, s = 1)\n```',
            '',
            '- N `a/Pair#1`: 8×8×8 → 8×8×8, params 584, MACs 36.9K',
            '- N `a/Pair#2`: 8×8×8 → 8×8×8, params 584, MACs 36.9K',
            '- N `Pair`: 8×8×8 → 16×4×4, params 1.17K, MACs 18.4K'
        ].join('\n'));
    });

    it('shows a stage with its share of the network', async () => {
        const hover = await hoverAt(readFileSync('examples/vgg16.cnn', 'utf8').replace('stage block3', 'stage blo<|>ck3'));
        expect(hover).toContain('**stage block3** — 128×56×56 → **256×28×28**');
        expect(hover).toContain('| MACs | 4,624,220,160 (4.62G) | 29.9% |');
    });

    it('shows a budget limit: used against allowed', async () => {
        const hover = await hoverAt('network N {\n    input 3x8x8\n    budget ma<|>cs <= 1K\n    conv 8 3x3 pad 1\n}');
        expect(hover).toBe('**budget** macs: 13,824 (13.8K) of 1K allowed — 1382.4% used, **over budget**');
    });

    it('shows input and annotations', async () => {
        expect(await hoverAt('network N {\n    inp<|>ut 3x224x224\n    relu\n}', 'a.cnn')).toBe('**input** 3×224×224 (C×H×W): 150,528 elements, 588.00 KiB as float32');
        expect(await hoverAt('network N {\n    input 3x8x8\n    conv 8 3x3 -> 8x6<|>x6\n}', 'b.cnn')).toBe('**declared** 8×6×6 · **inferred** 8×6×6 ✓');
        expect(await hoverAt('network N {\n    input 3x8x8\n    conv 8 3x3 -> 8x8<|>x8\n}', 'c.cnn')).toBe('**declared** 8×8×8 · **inferred** 8×6×6 ✗');
    });

    it('says when a statement is not inferred, naming the line of the error that stops it', async () => {
        expect(await hoverAt('network N {\n    input 3x8x8\n    fc 10\n    co<|>nv 8 3x3\n    relu\n}'))
            .toBe('**conv**: not inferred — the error at line 4 stops shape inference before it.');
        // A half-typed layer (LANGUAGE.md §8.11): the layers below it say where inference stopped.
        expect(await hoverAt('network N {\n    input 3x8x8\n    conv 64 3x\n    re<|>lu\n}', 'half.cnn'))
            .toBe('**relu**: not inferred — the error at line 3 stops shape inference before it.');
        expect(await hoverAt('block B() {\n    re<|>lu\n}', 'uncalled.cnn'))
            .toBe('**relu**: not inferred — nothing runs it (or an error in what calls it stops inference).');
    });
});

/**
 * Every hover with a table, in markdown (named headers, no empty header row) and as a client that
 * declares only plain text gets it (issue 9 item 7). conv 8→8 3×3 pad 1 on 8×8×8: 8·72 + 8 = 584
 * params, 8·8·8·72 = 36,864 MACs, 8·8·8·4 B = 2 KiB; fc 512→10: 5,130 params, 5,120 MACs, 40 B.
 */
describe('hover tables in markdown and plain text', () => {
    const TEXT = 'block Pair(c) { conv c 3x3 pad 1, relu }\nnetwork N {\n    input 8x8x8\n    stage s { first: Pair(8) }\n    fc 10\n}\n';
    const plainServices = createCnnServices(EmptyFileSystem);
    let opened = 0;

    beforeAll(async () => {
        await plainServices.shared.workspace.ConfigurationProvider.initialized({});
        // The client's initialize request: it declares only plain-text hover content.
        await plainServices.shared.lsp.LanguageServer.initialize({
            processId: null, rootUri: null, capabilities: { textDocument: { hover: { contentFormat: ['plaintext'] } } }
        });
    });

    async function hovers(from: string, to: string): Promise<{ markdown: string; plain: string; kind: string }> {
        const markdown = await hoverAt(TEXT.replace(from, to));
        const { text, position } = cursor(TEXT.replace(from, to));
        const document = await parseHelper<Model>(plainServices.Cnn)(text, { documentUri: URI.file(`/plain/${opened++}.cnn`).toString(), validation: true });
        const hover = await plainServices.Cnn.lsp.HoverProvider!.getHoverContent(document, { textDocument: textDocument(document), position });
        const contents = hover?.contents as { kind: string; value: string };
        return { markdown: markdown!, plain: contents.value, kind: contents.kind };
    }

    it('a layer', async () => {
        const { markdown, plain, kind } = await hovers('conv c', 'co<|>nv c');
        expect(markdown).toBe([
            '**conv_1** `conv` — 8×8×8 → **8×8×8**',
            '',
            '| quantity | value |',
            '| --- | --- |',
            '| params | 8 × (8×3×3) + 8 = **584** |',
            '| MACs | 8×8×8 × (8×3×3) = **36,864** (36.9K) |',
            '| memory | 8×8×8 × 4 B = 2.00 KiB |',
            '| alive while it runs | 4.00 KiB — the peak |',
            '| receptive field | 3×3 px, jump 1 |',
            '| share of N | 87.8% of MACs · 10.2% of params · 98.1% of memory |'
        ].join('\n'));
        expect(kind).toBe('plaintext');
        expect(plain).toBe([
            'conv_1 conv — 8×8×8 → 8×8×8',
            '',
            'quantity             value',
            'params               8 × (8×3×3) + 8 = 584',
            'MACs                 8×8×8 × (8×3×3) = 36,864 (36.9K)',
            'memory               8×8×8 × 4 B = 2.00 KiB',
            'alive while it runs  4.00 KiB — the peak',
            'receptive field      3×3 px, jump 1',
            'share of N           87.8% of MACs · 10.2% of params · 98.1% of memory'
        ].join('\n'));
    });

    it('a call', async () => {
        const { markdown, plain } = await hovers('Pair(8)', 'Pa<|>ir(8)');
        expect(markdown).toBe([
            '**s/first** — call of `Pair` — 8×8×8 → **8×8×8**',
            '',
            '| quantity | total | share of N |',
            '| --- | --- | --- |',
            '| params | 584 | 10.2% |',
            '| MACs | 36,864 (36.9K) | 87.8% |',
            '| memory | 2.00 KiB | 98.1% |',
            '',
            '| layer | op | output | params | MACs |',
            '| --- | --- | --- | --- | --- |',
            '| conv_1 | conv | 8×8×8 | 584 | 36,864 |',
            '| relu_1 | relu | 8×8×8 | 0 | 0 |'
        ].join('\n'));
        expect(plain).toBe([
            's/first — call of Pair — 8×8×8 → 8×8×8',
            '',
            'quantity  total           share of N',
            'params    584             10.2%',
            'MACs      36,864 (36.9K)  87.8%',
            'memory    2.00 KiB        98.1%',
            '',
            'layer   op    output  params  MACs',
            'conv_1  conv  8×8×8   584     36,864',
            'relu_1  relu  8×8×8   0       0'
        ].join('\n'));
    });

    it('a stage', async () => {
        const { markdown, plain } = await hovers('stage s', 'stage <|>s');
        expect(markdown).toBe([
            '**stage s** — 8×8×8 → **8×8×8**',
            '',
            '| quantity | total | share of N |',
            '| --- | --- | --- |',
            '| params | 584 | 10.2% |',
            '| MACs | 36,864 (36.9K) | 87.8% |',
            '| memory | 2.00 KiB | 98.1% |'
        ].join('\n'));
        expect(plain).toBe([
            'stage s — 8×8×8 → 8×8×8',
            '',
            'quantity  total           share of N',
            'params    584             10.2%',
            'MACs      36,864 (36.9K)  87.8%',
            'memory    2.00 KiB        98.1%'
        ].join('\n'));
    });

    it('a network', async () => {
        const { markdown, plain } = await hovers('network N', 'network <|>N');
        expect(markdown).toBe([
            '**network N** — 8×8×8 → **10**',
            '',
            '| quantity | total | note |',
            '| --- | --- | --- |',
            '| params | 5,714 (5.71K) | 22,856 B as float32 |',
            '| buffers | 0 | batch norm running statistics |',
            '| MACs | 41,984 (42K) | FLOPs 84K |',
            '| other ops | 512 | pooling, activations, norms, adds |',
            '| memory | 2.04 KiB | activations, batch 1, float32 |',
            '| peak memory | 4.00 KiB | the most activation bytes alive at once (inference) |',
            '',
            '3 layers, 1 stage'
        ].join('\n'));
        expect(plain).toBe([
            'network N — 8×8×8 → 10',
            '',
            'quantity     total          note',
            'params       5,714 (5.71K)  22,856 B as float32',
            'buffers      0              batch norm running statistics',
            'MACs         41,984 (42K)   FLOPs 84K',
            'other ops    512            pooling, activations, norms, adds',
            'memory       2.04 KiB       activations, batch 1, float32',
            'peak memory  4.00 KiB       the most activation bytes alive at once (inference)',
            '',
            '3 layers, 1 stage'
        ].join('\n'));
    });

    it('escapes, code fences and a client that takes markdown too', async () => {
        const { plainText } = await import('../../server/lsp/plain-text.js');
        expect(plainText('```cnn\nblock Pair(c)\n```\n\n- N `a/Pair#1`: source \\*x\\* &lt;a&gt; \\| b')).toBe('block Pair(c)\n\n- N a/Pair#1: source *x* <a> | b');
        expect(plainText('| a \\| b | c |\n| --- | --- |\n| 1 | 22 |')).toBe('a | b  c\n1      22');
        const both = createCnnServices(EmptyFileSystem);
        await both.shared.lsp.LanguageServer.initialize({ processId: null, rootUri: null, capabilities: { textDocument: { hover: { contentFormat: ['plaintext', 'markdown'] } } } });
        const document = await parseHelper<Model>(both.Cnn)('network N {\n    input 3x8x8\n    relu\n}', { documentUri: URI.file('/both/main.cnn').toString() });
        const hover = await both.Cnn.lsp.HoverProvider!.getHoverContent(document, { textDocument: textDocument(document), position: { line: 2, character: 5 } });
        expect((hover?.contents as { kind: string }).kind).toBe('markdown');
    });
});
