import { describe, expect, test } from 'vitest';
import { resolveImport } from '../../language/analysis/sources.js';
import { analyzeOrReport } from '../../server/document-analyzer.js';
import { Cnn, open, reset } from '../lsp/lsp-helpers.js';

// Found by the 30-minute fuzz run: an import path holding half of an astral character (a cut
// through an emoji) made URI encoding throw inside the analysis, and the exception, escaping the
// document build, ended the language server.

describe('an import path with an unpaired surrogate', () => {
    test('resolves to a path that names no file instead of throwing', () => {
        expect(resolveImport('file:///w/net.cnn', 'blocks/mobilenet-v3\ud83d.cnn')).toBe('file:///w/blocks/mobilenet-v3%EF%BF%BD.cnn');
        expect(resolveImport('file:///w/net.cnn', 'blocks/\udc00x.cnn')).toBe('file:///w/blocks/%EF%BF%BDx.cnn');
        // A whole astral character is kept.
        expect(resolveImport('file:///w/net.cnn', 'blocks/\ud83d\ude00.cnn')).toBe('file:///w/blocks/%F0%9F%98%80.cnn');
    });

    test('is reported as a file the server cannot find, and the file is analysed', async () => {
        const document = await open('import "blocks/\ud83d.cnn"\nnetwork N {\n    input 3x8x8\n    conv 4 3x3\n}\n');
        const { analysis, diagnostics } = Cnn.analysis.DocumentAnalyzer.analyze(document);
        expect(diagnostics.map(d => [d.code, d.message, d.range.start])).toEqual([
            ['unresolved-import', "cannot find 'blocks/\ud83d.cnn'", { line: 0, character: 7 }]
        ]);
        expect(analysis.networks[0].output).toEqual([4, 6, 6]);
        await reset();
    });
});

describe('an exception inside the analysis', () => {
    test('becomes one error at the top of the file, with no network, instead of escaping', () => {
        const errors: unknown[] = [];
        const log = console.error;
        console.error = (...args: unknown[]) => { errors.push(args); };
        try {
            const analysis = analyzeOrReport(() => { throw new URIError('URI malformed'); }, 'file:///w/net.cnn');
            expect(analysis.networks).toEqual([]);
            expect(analysis.diagnostics.map(d => [d.severity, d.code, d.message, d.range])).toEqual([[
                'error', 'internal-error', 'internal error: the analysis of this file failed (URI malformed); please report it',
                { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }
            ]]);
            expect(errors).toHaveLength(1);
        } finally {
            console.error = log;
        }
    });
});
