import { EmptyFileSystem, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { SourceLoader } from '../../cli/load-sources.js';
import { analyzeSource } from '../../language/analysis/analyze.js';
import type { ExpansionOptions } from '../../language/analysis/expander.js';
import { fileDiagnostics } from '../../language/analysis/syntax-errors.js';
import { DEFAULT_SETTINGS } from '../../language/analysis/settings.js';
import { sourceOf } from '../../language/analysis/sources.js';
import { lineReader, toJsonReport, writeJsonReport } from '../../language/analysis/to-json.js';
import type { FileAnalysis, Group, LayerRow } from '../../language/analysis/types.js';
import { createCnnCoreServices } from '../../language/cnn-module.js';
import type { Model } from '../../language/generated/ast.js';

// The layer memo (layer-memo.ts) must change nothing but the time: every example analysed with
// it and without it gives the same `--format json`, the same rows (dataflow, taps, fields,
// attributes, formulas, statements) and the same groups. The streamed JSON is JSON.stringify's.

const disk = createCnnCoreServices(NodeFileSystem);
const memory = createCnnCoreServices(EmptyFileSystem);

/** Every example with a network (examples/blocks/ holds the blocks they import, no networks). */
const EXAMPLES = readdirSync('examples').filter(f => f.endsWith('.cnn')).map(f => `examples/${f}`);

function analysePath(path: string, options: ExpansionOptions) {
    const loader = new SourceLoader(disk.shared);
    const file = loader.loadRoot(path);
    const analysis = analyzeSource(file.source, loader.lookup, DEFAULT_SETTINGS, options);
    const diagnostics = fileDiagnostics(file.document, analysis.diagnostics);
    const lineText = lineReader(uri => loader.textOf(uri));
    return { analysis, diagnostics, lineText, json: toJsonReport(path, analysis, diagnostics, DEFAULT_SETTINGS, lineText) };
}

function analyseText(text: string, options: ExpansionOptions = {}): FileAnalysis {
    const document = memory.shared.workspace.LangiumDocumentFactory.fromString<Model>(text, URI.file('/work/memo.cnn'));
    return analyzeSource(sourceOf(document), () => undefined, DEFAULT_SETTINGS, options);
}

/** Everything a row holds, its statement named by where it is (the node itself is the same object either way). */
function rowFacts(row: LayerRow) {
    const { node, ...rest } = row;
    return { ...rest, at: node.$cstNode?.offset, type: node.$type };
}

function groupFacts(group: Group) {
    const { node, block, values, ...rest } = group;
    return { ...rest, at: node.$cstNode?.offset, block: block?.$cstNode?.offset, values: values && [...values] };
}

describe('the layer memo changes nothing but the time', () => {
    test.each(EXAMPLES)('%s: the same JSON, rows and groups with the memo and without', path => {
        const memoized = analysePath(path, {});
        const plain = analysePath(path, { memo: false });
        expect(memoized.json).toEqual(plain.json);
        expect(memoized.json.networks.length).toBeGreaterThan(0);
        memoized.analysis.networks.forEach((network, n) => {
            const other = plain.analysis.networks[n];
            expect(network.rows.map(rowFacts)).toEqual(other.rows.map(rowFacts));
            for (const kind of ['stages', 'taps', 'calls'] as const) expect(network[kind].map(groupFacts)).toEqual(other[kind].map(groupFacts));
            expect(network.liveElements).toEqual(other.liveElements);
        });
    });

    test.each(EXAMPLES)('%s: the streamed JSON is JSON.stringify(toJsonReport(…), null, 2)', path => {
        const { analysis, diagnostics, lineText, json } = analysePath(path, {});
        const pieces: string[] = [];
        writeJsonReport(path, analysis, diagnostics, DEFAULT_SETTINGS, lineText, text => pieces.push(text));
        expect(pieces.join('')).toBe(JSON.stringify(json, null, 2));
    });

    test('rows of calls with the same arguments on the same shape share one inference; other arguments do not', () => {
        const text = 'block B(c) {\n    conv c 3x3 pad 1\n    relu\n}\nnetwork N {\n    input 8x16x16\n    B(8)\n    B(8)\n    B(16)\n    B(16)\n}\n';
        const rows = analyseText(text).networks[0].rows;
        expect(rows.map(r => `${r.path}:${r.name} ${r.output.join('x')} ${r.params}`)).toEqual([
            'B#1:conv_1 8x16x16 584', 'B#1:relu_1 8x16x16 0', 'B#2:conv_2 8x16x16 584', 'B#2:relu_2 8x16x16 0',
            'B#3:conv_3 16x16x16 1168', 'B#3:relu_3 16x16x16 0', 'B#4:conv_4 16x16x16 2320', 'B#4:relu_4 16x16x16 0'
        ]);
        // B(16) on 8 channels and B(16) on 16 channels are two frames; B(8) twice is one.
        expect(rows[2].output).toBe(rows[0].output);
        expect(rows[6].output).not.toBe(rows[4].output);
        const plain = analyseText(text, { memo: false }).networks[0].rows;
        expect(plain[2].output).not.toBe(plain[0].output);
    });

    test('a layer that reports is inferred again at every call, each call site related', () => {
        const text = 'block B() {\n    conv 4 2x2 stride 2\n}\nnetwork N {\n    input 3x7x7\n    B()\n    B()\n}\n';
        const messages = (options: ExpansionOptions) => analyseText(text, options).diagnostics
            .map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.related.map(r => r.range.start.line + 1).join(',')}`);
        expect(messages({})).toEqual(messages({ memo: false }));
        expect(messages({}).length).toBeGreaterThan(0);
    });
});

describe('shouldStop ends the expansion where it is asked', () => {
    const text = 'network A {\n    input 3x8x8\n    repeat 100000 { relu }\n}\nnetwork B {\n    input 3x8x8\n    relu\n}\n';

    test('asked every 4,096 statements; the rows made so far stay, later networks are not expanded, nothing is reported', () => {
        let asked = 0;
        const analysis = analyseText(text, { shouldStop: () => ++asked >= 2 });
        expect(asked).toBe(2);
        expect(analysis.stopped).toBe(true);
        const [a, b] = analysis.networks;
        expect(a.stopped).toBe(true);
        expect(a.output).toBeNull();
        // Statement 1 is the repeat, statements 2… its relus: the second question comes before statement 8,192.
        expect(a.rows.length).toBe(8190);
        expect(a.rows[8189].name).toBe('relu_8190');
        expect(b.stopped).toBe(true);
        expect(b.rows).toEqual([]);
        expect(analysis.diagnostics).toEqual([]);
    });

    test('a shouldStop that never says stop changes nothing', () => {
        const analysis = analyseText(text, { shouldStop: () => false });
        expect(analysis.stopped).toBeUndefined();
        expect(analysis.networks.map(n => [n.rows.length, n.stopped])).toEqual([[100000, undefined], [1, undefined]]);
    });
});
