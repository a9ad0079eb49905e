import { afterEach, describe, expect, it } from 'vitest';
import { analysisBudgetMs, budgetDiagnostics, parseMsOf, recordParseMs, stopAfter } from '../../server/analysis-budget.js';
import { CnnDocumentAnalyzer } from '../../server/document-analyzer.js';
import { Cnn, open, reset, shared } from './lsp-helpers.js';

afterEach(reset);

// Two networks of 5,000 relus each: more statements than the 4,096 the expansion runs between
// two questions to `shouldStop`, so a spent budget stops it at statement 4,096 exactly.
const LONG = 'network First {\n    input 3x8x8\n    repeat 5000 { relu }\n}\nnetwork Second {\n    input 3x8x8\n    repeat 5000 { relu }\n}\n';

describe('the time budget of an analysis in the server', () => {
    it('stops the expansion, keeps the rows above the stop and says where on the network names', async () => {
        const document = await open(LONG);
        const spent = new CnnDocumentAnalyzer(shared, () => Cnn.analysis.Settings.current, 0);
        const { analysis, diagnostics } = spent.analyze(document);
        expect(analysis.stopped).toBe(true);
        expect(analysis.networks.map(n => n.rows.length)).toEqual([4094, 0]);
        expect(diagnostics.map(d => [d.severity, d.code, d.range, d.message])).toEqual([
            ['warning', 'too-large', { start: { line: 0, character: 8 }, end: { line: 0, character: 13 } },
                "analysis stopped after 0 ms in the editor, at row 4,094 (line 3): shapes and costs after it are not shown; 'cnn analyze' analyses the whole network"],
            ['warning', 'too-large', { start: { line: 4, character: 8 }, end: { line: 4, character: 14 } },
                "not analysed in the editor: the 0 ms budget ran out in network First; 'cnn analyze' analyses it"]
        ]);
    });

    it('has the hover and the code lens say so, not show the totals so far as the network\'s', async () => {
        const document = await open(LONG);
        // The server's own analyzer, as the features read it, with its budget spent.
        const analyzer = Cnn.analysis.DocumentAnalyzer as unknown as { budgetMs: number };
        const budget = analyzer.budgetMs;
        analyzer.budgetMs = 0;
        Cnn.analysis.DocumentAnalyzer.clear();
        try {
            const uri = document.uri.toString();
            const hover = async (line: number, character: number) => {
                const result = await Cnn.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri }, position: { line, character } });
                return (result?.contents as { value: string } | undefined)?.value;
            };
            expect((await hover(0, 10))?.split('\n')[0]).toBe('*The analysis stopped at its time budget: these totals cover the first 4,094 rows only.*');
            expect(await hover(6, 20)).toBe('**relu**: not inferred — the analysis stopped at its time budget before it (see the warning on network First).');
            const lenses = await Cnn.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri } });
            expect(lenses!.map(l => l.command?.title)).toEqual([
                'totals not shown: the analysis stopped at its time budget after 4,094 rows', 'Show chart',
                'totals not shown: the analysis stopped at its time budget after 0 rows', 'Show chart'
            ]);
        } finally {
            analyzer.budgetMs = budget;
            Cnn.analysis.DocumentAnalyzer.clear();
        }
    });

    it('is not reached by a network that fits in it', async () => {
        const document = await open(LONG);
        const { analysis, diagnostics } = Cnn.analysis.DocumentAnalyzer.analyze(document);
        expect(analysis.stopped).toBeUndefined();
        expect(analysis.networks.map(n => n.rows.length)).toEqual([5000, 5000]);
        expect(diagnostics).toEqual([]);
    });

    it('is what a long parse left of 600 ms, from 400 ms down to 50 ms', () => {
        expect([0, 150, 200, 350, 549, 551, 600, 5000].map(parseMs => analysisBudgetMs(parseMs))).toEqual([400, 400, 400, 250, 51, 50, 50, 50]);
        // A lower budget (the tests') stays the bound.
        expect(analysisBudgetMs(0, 0)).toBe(0);
        expect(analysisBudgetMs(500, 80)).toBe(80);
    });

    it('knows how long the server parsed each document, and says so where the parse cut the budget', async () => {
        const document = await open(LONG);
        const parseMs = parseMsOf(document.parseResult.value);
        expect(parseMs).toBeGreaterThan(0);
        expect(parseMs).toBeLessThan(5000);
        const analysis = new CnnDocumentAnalyzer(shared, () => Cnn.analysis.Settings.current, 0).analyze(document).analysis;
        expect(budgetDiagnostics(analysis, 50, 612.4)[0].message).toBe(
            "analysis stopped after 50 ms in the editor (its parse took 612 ms), at row 4,094 (line 3): shapes and costs after it are not shown; 'cnn analyze' analyses the whole network");
    });

    it('is cut short by a long parse, and the warning says so', async () => {
        const document = await open('network Big {\n    input 3x8x8\n    repeat 200000 { relu }\n}\n');
        recordParseMs(document.parseResult.value, 900);
        const analyzer = new CnnDocumentAnalyzer(shared, () => Cnn.analysis.Settings.current);
        const { diagnostics } = analyzer.analyze(document);
        expect(diagnostics.map(d => d.message)).toEqual([expect.stringMatching(
            /^analysis stopped after 50 ms in the editor \(its parse took 900 ms\), at row [\d,]+ \(line 3\): shapes and costs after it are not shown; 'cnn analyze' analyses the whole network$/)]);
    });

    it('measures from when the analysis starts', () => {
        let now = 100;
        const shouldStop = stopAfter(400, () => now);
        now = 499;
        expect(shouldStop()).toBe(false);
        now = 500;
        expect(shouldStop()).toBe(true);
    });
});
