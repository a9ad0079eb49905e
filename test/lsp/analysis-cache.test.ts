import { TextDocument, URI } from 'langium';
import { afterEach, describe, expect, it } from 'vitest';
import { Cnn, open, reset, shared } from './lsp-helpers.js';

afterEach(reset);

const BLOCKS = (channels: number) => `block Conv(out) {\n    conv out 3x3 pad 1\n}\nblock Widen() {\n    conv ${channels} 1x1\n}\n`;
const IMPORTER = 'import "blocks.cnn"\nnetwork N {\n    input 3x8x8\n    Conv(4)\n    Widen()\n}\n';
const ALONE = 'network Alone {\n    input 3x8x8\n    conv 8 3x3\n}\n';

let version = 1;

/** Changes a document's text as an editor does: a new text version, then the workspace update. */
async function edit(name: string, text: string): Promise<void> {
    const uri = URI.file(`/ws/${name}`);
    shared.workspace.TextDocuments!.set(TextDocument.create(uri.toString(), 'cnn', ++version, text));
    await shared.workspace.DocumentBuilder.update([uri], []);
    expect(shared.workspace.LangiumDocuments.getDocument(uri)!.textDocument.getText()).toBe(text);
}

describe('the shared analysis of a document', () => {
    const analyzer = Cnn.analysis.DocumentAnalyzer;

    it('is computed once: every feature after it reads the same analysis', async () => {
        const document = await open(ALONE, 'alone.cnn');
        const first = analyzer.analyze(document);
        expect(analyzer.analyze(document)).toBe(first);
        await Cnn.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position: { line: 2, character: 5 } });
        await Cnn.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } } });
        expect(analyzer.analyze(document)).toBe(first);
    });

    it('survives an edit of another file it does not import', async () => {
        const alone = await open(ALONE, 'alone.cnn');
        await open(BLOCKS(16), 'blocks.cnn');
        const before = analyzer.analyze(alone);
        await edit('blocks.cnn', BLOCKS(32));
        expect(analyzer.analyze(alone)).toBe(before);
    });

    it('is made again when a file it imports changes, with the new numbers', async () => {
        await open(BLOCKS(16), 'blocks.cnn');
        const importer = await open(IMPORTER, 'net.cnn');
        const before = analyzer.analyze(importer);
        expect(before.analysis.networks[0].output).toEqual([16, 8, 8]);
        await edit('blocks.cnn', BLOCKS(32));
        const after = analyzer.analyze(importer);
        expect(after).not.toBe(before);
        expect(after.analysis.networks[0].output).toEqual([32, 8, 8]);
    });

    it('is made again when a file it looked for and missed appears', async () => {
        const importer = await open(IMPORTER, 'net.cnn');
        const before = analyzer.analyze(importer);
        expect(before.diagnostics.map(d => d.code)).toContain('unresolved-import');
        await open(BLOCKS(16), 'blocks.cnn');
        const after = analyzer.analyze(importer);
        expect(after.diagnostics).toEqual([]);
        expect(after.analysis.networks[0].output).toEqual([16, 8, 8]);
    });

    it('is made again after its own edit', async () => {
        const before = analyzer.analyze(await open(ALONE, 'alone.cnn'));
        await edit('alone.cnn', ALONE.replace('conv 8', 'conv 12'));
        const document = shared.workspace.LangiumDocuments.getDocument(URI.file('/ws/alone.cnn'))!;
        const after = analyzer.analyze(document);
        expect(after).not.toBe(before);
        expect(after.analysis.networks[0].output).toEqual([12, 6, 6]);
    });
});
