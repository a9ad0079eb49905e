import type { CodeLens, Hover, InlayHint } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_EDITOR_SETTINGS, parseEditorSettings, parseInputSize } from '../../server/settings.js';
import { Cnn, open, reset, shared, textDocument } from '../lsp/lsp-helpers.js';

/**
 * The `cnn.*` settings as the server reads them (workspace/configuration, didChangeConfiguration)
 * and applies them to hovers, inlay hints, code lenses and diagnostics without a restart.
 */
const RANGE_ALL = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };
const configure = (cnn: Record<string, unknown>) => shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { cnn } });

describe('parseEditorSettings', () => {
    it('gives the defaults for nothing or garbage', () => {
        expect(parseEditorSettings(undefined)).toEqual(DEFAULT_EDITOR_SETTINGS);
        expect(parseEditorSettings({})).toEqual(DEFAULT_EDITOR_SETTINGS);
        expect(parseEditorSettings('batch=8')).toEqual(DEFAULT_EDITOR_SETTINGS);
        expect(parseEditorSettings({ batch: 0, bytesPerElement: 2.5, computeUnit: 'ops', inputSize: 7, inlayHints: [], hints: null }))
            .toEqual(DEFAULT_EDITOR_SETTINGS);
        expect(parseEditorSettings({ batch: 1e12, bytesPerElement: -4 })).toEqual(DEFAULT_EDITOR_SETTINGS);
    });

    it('reads every setting', () => {
        expect(parseEditorSettings({
            bytesPerElement: 2, batch: 8, computeUnit: 'flops', inputSize: '3x299x299',
            inlayHints: { mode: 'shapesAndCosts', shapes: true, costs: false }, hints: { inexact: false }
        })).toEqual({
            cost: { bytesPerElement: 2, batch: 8, inputOverride: [3, 299, 299] },
            unit: 'flops',
            inlayHints: { shapes: true, costs: true },
            inexactHints: false
        });
    });

    it('keeps the older inlay hint booleans working under the default mode', () => {
        const hints = (inlayHints: unknown) => parseEditorSettings({ inlayHints }).inlayHints;
        expect(hints({ mode: 'shapes', shapes: true, costs: false })).toEqual({ shapes: true, costs: false });
        expect(hints({ shapes: false, costs: true })).toEqual({ shapes: false, costs: true });
        expect(hints({ mode: 'off', shapes: true, costs: true })).toEqual({ shapes: false, costs: false });
        expect(hints({ mode: 'shapesAndCosts', shapes: false })).toEqual({ shapes: false, costs: true });
    });

    it('parses input sizes like 3x299x299', () => {
        expect(parseInputSize('3x299x299')).toEqual([3, 299, 299]);
        expect(parseInputSize(' 1 × 28 × 28 ')).toEqual([1, 28, 28]);
        expect(parseInputSize('')).toBeUndefined();
        expect(parseInputSize('3x224')).toBeUndefined();
        expect(parseInputSize('0x224x224')).toBeUndefined();
        expect(parseInputSize('3x224x224x1')).toBeUndefined();
        expect(parseInputSize('3x9999999x2')).toBeUndefined();
    });
});

describe('settings applied by the server', () => {
    afterEach(async () => {
        configure({});
        await reset();
    });
    const text = 'network N {\n    input 3x8x8\n    conv 8 3x3 pad 1\n    relu\n}';

    it('multiplies hovers, lenses and hints by the batch and shows FLOPs', async () => {
        configure({ batch: 8, computeUnit: 'flops', inlayHints: { mode: 'shapesAndCosts' } });
        const document = await open(text);
        const lenses = await Cnn.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: textDocument(document) }) as CodeLens[];
        // conv: 8 × 8×8 × 27 = 13,824 MACs; batch 8 → 110,592 MACs = 221,184 FLOPs.
        expect(lenses[0].command?.title).toBe('params 224 · FLOPs 221K · memory 16 KiB · peak 22 KiB');
        const hints = await Cnn.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: textDocument(document), range: RANGE_ALL }) as InlayHint[];
        expect(hints.map(h => h.label)).toEqual([' → 8×8×8 · 221K FLOPs', ' → 8×8×8']);
        const hover = await Cnn.lsp.HoverProvider!.getHoverContent(document, { textDocument: textDocument(document), position: { line: 2, character: 5 } }) as Hover;
        const lines = (hover.contents as { value: string }).value.split('\n');
        expect(lines.find(l => l.startsWith('| FLOPs |'))).toBe('| FLOPs | **221,184 (221K)** (batch 8) |');
        expect(lines.find(l => l.startsWith('| memory |'))).toBe('| memory | 8 × 8×8×8 × 4 B = 16.00 KiB |');
    });

    it('analyses at the input size override', async () => {
        configure({ inputSize: '3x16x16' });
        const document = await open(text);
        const lenses = await Cnn.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: textDocument(document) }) as CodeLens[];
        expect(lenses[0].command?.title).toBe('params 224 · MACs 55.3K · memory 8 KiB · peak 11 KiB');
    });

    it('drops the inexact hint when cnn.hints.inexact is off', async () => {
        const inexact = 'network N {\n    input 3x8x8\n    conv 8 3x3 stride 2\n}';
        const document = await open(inexact);
        const codes = () => Cnn.analysis.DocumentAnalyzer.analyze(document).diagnostics.map(d => d.code);
        expect(codes()).toEqual(['inexact']);
        // The same document, no edit: the changed setting alone changes what is published.
        configure({ hints: { inexact: false } });
        expect(codes()).toEqual([]);
        configure({});
        expect(codes()).toEqual(['inexact']);
    });
});
