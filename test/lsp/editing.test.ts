import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic, InlayHint } from 'vscode-languageserver';
import { applyEdits, Cnn, open, reset, shared, textDocument } from './lsp-helpers.js';

afterEach(reset);

const RANGE_ALL = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };


async function formatted(text: string): Promise<string> {
    const document = await open(text);
    const edits = await Cnn.lsp.Formatter!.formatDocument(document, { textDocument: textDocument(document), options: { tabSize: 4, insertSpaces: true } });
    return applyEdits(text, edits);
}

describe('diagnostics', () => {
    it('publishes the analysis diagnostics with code, range, related information and data', async () => {
        const document = await open('network N {\n    input 64x56x56\n    residual { conv 256 1x1 }\n}');
        const [diagnostic] = document.diagnostics as Diagnostic[];
        expect(diagnostic).toMatchObject({
            code: 'residual-mismatch',
            severity: 1,
            source: 'cnn',
            range: { start: { line: 2, character: 4 }, end: { line: 2, character: 12 } },
            message: `residual: body gives 256×56×56, shortcut gives 64×56×56 (channels 256 ≠ 64); use 'shortcut projection'`,
            data: { code: 'residual-mismatch', canProject: true }
        });
        expect(diagnostic.relatedInformation?.[0].message).toBe('the identity shortcut passes the input, 64×56×56');
    });

    it('counts an importer as affected by a change of anything it imports, transitively', async () => {
        const deep = await open('block B() { conv 8 1x1 }', 'deep.cnn');
        const library = await open('import "deep.cnn"', 'lib.cnn');
        const main = await open('import "lib.cnn"\nnetwork N {\n    input 3x4x4\n    B() -> 8x4x4\n}', 'main.cnn');
        const other = await open('network M { input 1x1x1 }', 'other.cnn');
        expect(main.diagnostics).toEqual([]);
        const changed = new Set([deep.uri.toString()]);
        expect([main, library, other, deep].map(d => shared.workspace.IndexManager.isAffected(d, changed))).toEqual([true, true, false, false]);
    });
});

describe('inlay hints', () => {
    it('shows the inferred shape after layers, calls and composites, and skips agreeing annotations', async () => {
        const document = await open(`block B() { relu }
network N {
    input 8x8x8
    conv 16 3x3 pad 1, relu
    B() * 2
    residual { conv 16 1x1 }
    conv 4 1x1 -> 4x8x8
}`);
        const hints = await Cnn.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: textDocument(document), range: RANGE_ALL }) as InlayHint[];
        expect(hints.map(h => `${h.position.line}:${h.position.character}${h.label}`)).toEqual([
            '0:16 → 16×8×8',
            '3:21 → 16×8×8',
            '3:27 → 16×8×8',
            '4:11 → 16×8×8',
            '5:28 → 16×8×8',
            '5:26 → 16×8×8'
        ]);
    });
});

describe('inlay hint settings', () => {
    it('adds MACs with cnn.inlayHints.costs and can turn shapes off', async () => {
        shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { cnn: { inlayHints: { shapes: false, costs: true } } } });
        try {
            const document = await open('network N {\n    input 3x8x8\n    conv 8 3x3 pad 1\n    relu\n}');
            const hints = await Cnn.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: textDocument(document), range: RANGE_ALL }) as InlayHint[];
            expect(hints.map(h => h.label)).toEqual([' 13.8K MACs']);
        } finally {
            shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { cnn: {} } });
        }
    });
});

describe('code lens', () => {
    it('puts totals and Show chart over each network and a share over each stage', async () => {
        const document = await open('network N {\n    input 3x8x8\n    stage a { conv 8 3x3 pad 1 }\n    stage b { conv 8 3x3 pad 1 }\n}');
        const lenses = await Cnn.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: textDocument(document) }) ?? [];
        expect(lenses.map(l => [l.range.start.line, l.command?.title, l.command?.command])).toEqual([
            // Every lens has a command: an empty one fails when clicked in Neovim.
            [0, 'params 808 · MACs 50.7K · memory 4 KiB · peak 4 KiB', 'cnn.showChart'],
            [0, 'Show chart', 'cnn.showChart'],
            [2, 'params 224 (27.7%) · MACs 13.8K (27.3%) · memory 2 KiB (50.0%)', 'cnn.showChart'],
            [3, 'params 584 (72.3%) · MACs 36.9K (72.7%) · memory 2 KiB (50.0%)', 'cnn.showChart']
        ]);
        expect(lenses[1].command?.arguments).toEqual([document.uri.toString(), 'N']);
    });
});

describe('formatting', () => {
    const messy = `import   "lib.cnn"
block  B( c ,s=1 ) {
conv c 3x3 stride s pad 1,relu
  residual{ conv c*2 1x1 }   shortcut   projection
}
network N{
input 3x8x8
    budget params<=1M ,macs <= 1G
  c1 :  conv 8 3x3  ->  8x6x6
concat { branch {} branch b { B( 8 , s = 2 ) *2 } }
}
`;
    const canonical = `import "lib.cnn"
block B(c, s = 1) {
    conv c 3x3 stride s pad 1, relu
    residual { conv c * 2 1x1 } shortcut projection
}
network N {
    input 3x8x8
    budget params <= 1M, macs <= 1G
    c1: conv 8 3x3 -> 8x6x6
    concat { branch {} branch b { B(8, s = 2) * 2 } }
}
`;

    it('lays a file out canonically', async () => {
        expect(await formatted(messy)).toBe(canonical);
    });

    it('changes nothing the second time', async () => {
        expect(await formatted(canonical)).toBe(canonical);
    });
});

describe('formatting a file with syntax errors', () => {
    it('changes nothing, so no text the parser skipped can be lost', async () => {
        const text = 'network N {\n  input 3x8x8\n  conv 8 @@@ 3x3 strid 2\n   relu\n}\n';
        expect(await formatted(text)).toBe(text);
    });
});
