import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentSymbol, Location, LocationLink, WorkspaceEdit } from 'vscode-languageserver';
import { Cnn, cursor, open, reset, shared, textDocument } from './lsp-helpers.js';

afterEach(reset);

const LIBRARY = 'block Basic(planes, stride = 1) {\n    conv planes 3x3 stride stride pad 1\n}\n';

async function workspaceWith(main: string) {
    const { text, position } = cursor(main);
    await open(LIBRARY, 'lib.cnn');
    const document = await open(text, 'main.cnn');
    return { document, position, params: { textDocument: textDocument(document), position } };
}

const where = (l: Location) => `${l.uri.replace('file:///ws/', '')}:${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`;

describe('go to definition', () => {
    it('goes from a call to the block in an imported file', async () => {
        const { document, params } = await workspaceWith('import "lib.cnn"\nnetwork N {\n    input 3x8x8\n    Ba<|>sic(8)\n}');
        const [link] = await Cnn.lsp.DefinitionProvider!.getDefinition(document, params) as LocationLink[];
        expect([link.targetUri.replace('file:///ws/', ''), link.targetRange.start, link.originSelectionRange?.start])
            .toEqual(['lib.cnn', { line: 0, character: 6 }, { line: 3, character: 4 }]);
    });

    it('goes from a name in an expression or a named argument to the parameter', async () => {
        const { document, params } = await workspaceWith('block B(width, k = width) {\n    conv wi<|>dth kernel k\n}');
        const [link] = await Cnn.lsp.DefinitionProvider!.getDefinition(document, params) as LocationLink[];
        expect(link.targetRange.start).toEqual({ line: 0, character: 8 });
        const named = await workspaceWith2('import "lib.cnn"\nnetwork N {\n    input 3x8x8\n    Basic(8, str<|>ide = 2)\n}');
        const [toParam] = await Cnn.lsp.DefinitionProvider!.getDefinition(named.document, named.params) as LocationLink[];
        expect([toParam.targetUri.replace('file:///ws/', ''), toParam.targetRange.start]).toEqual(['lib.cnn', { line: 0, character: 20 }]);
    });

    it('goes from an import path to the file', async () => {
        const { document, params } = await workspaceWith('import "li<|>b.cnn"');
        const [link] = await Cnn.lsp.DefinitionProvider!.getDefinition(document, params) as LocationLink[];
        expect(link.targetUri).toBe('file:///ws/lib.cnn');
    });
});

async function workspaceWith2(main: string) {
    await reset();
    return workspaceWith(main);
}

describe('references and rename', () => {
    const MAIN = 'import "lib.cnn"\nnetwork N {\n    input 3x8x8\n    Basic(8)\n    Basic(8, stride = 2) * 2\n}';

    it('finds every call of a block across files', async () => {
        const { document, params } = await workspaceWith(MAIN.replace('Basic(8)\n', 'Bas<|>ic(8)\n'));
        const found = await Cnn.lsp.ReferencesProvider!.findReferences(document, { ...params, context: { includeDeclaration: true } });
        expect(found.map(where)).toEqual(['lib.cnn:0:6-11', 'main.cnn:3:4-9', 'main.cnn:4:4-9']);
    });

    it('renames a block at its definition and every call', async () => {
        const { document, params } = await workspaceWith(MAIN.replace('Basic(8)\n', 'Bas<|>ic(8)\n'));
        const edit = await Cnn.lsp.RenameProvider!.rename(document, { ...params, newName: 'Plain' }) as WorkspaceEdit;
        expect(Object.fromEntries(Object.entries(edit.changes!).map(([uri, edits]) => [uri.replace('file:///ws/', ''), edits.map(e => `${e.range.start.line}:${e.range.start.character} ${e.newText}`)])))
            .toEqual({ 'lib.cnn': ['0:6 Plain'], 'main.cnn': ['3:4 Plain', '4:4 Plain'] });
    });

    it('renames a parameter in its block and in named arguments', async () => {
        const { document, params } = await workspaceWith(MAIN.replace('stride = 2', 'str<|>ide = 2'));
        const edit = await Cnn.lsp.RenameProvider!.rename(document, { ...params, newName: 's' }) as WorkspaceEdit;
        expect(Object.fromEntries(Object.entries(edit.changes!).map(([uri, edits]) => [uri.replace('file:///ws/', ''), edits.map(e => `${e.range.start.line}:${e.range.start.character}`)])))
            .toEqual({ 'lib.cnn': ['0:20', '1:27'], 'main.cnn': ['4:13'] });
    });

    it('refuses a name that is not an identifier or is an operator', async () => {
        const { document, params } = await workspaceWith(MAIN.replace('Basic(8)\n', 'Bas<|>ic(8)\n'));
        await expect(Promise.resolve().then(() => Cnn.lsp.RenameProvider!.rename(document, { ...params, newName: 'conv' })))
            .rejects.toThrow(`'conv' is not a valid name`);
    });
});

describe('symbols', () => {
    it('outlines network › stage › layer and call, and blocks', async () => {
        const document = await open(`block B(c) { conv c 1x1 }
network N {
    input 3x8x8
    stage s {
        c1: conv 8 3x3 pad 1
        B(4)
    }
    fc 10
}`);
        const symbols = await Cnn.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: textDocument(document) }) as DocumentSymbol[];
        const outline = (list: DocumentSymbol[] | undefined, depth = 0): string[] => (list ?? []).flatMap(s =>
            [`${'  '.repeat(depth)}${s.name}${s.detail ? ' ' + s.detail : ''}`, ...outline(s.children, depth + 1)]);
        expect(outline(symbols)).toEqual([
            'N → 10',
            '  s → 4×8×8',
            '    c1 → 8×8×8',
            '    B() → 4×8×8',
            '  fc → 10',
            'B (c)',
            '  conv → 4×8×8'
        ]);
    });

    it('lists networks and blocks as workspace symbols', async () => {
        await open(LIBRARY, 'lib.cnn');
        await open('network ResNet { input 3x8x8 }', 'main.cnn');
        const found = await shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: '' });
        expect(found.map(s => s.name).sort()).toEqual(['Basic', 'ResNet']);
    });
});
