import type { AstNode, LangiumParser, ParseResult } from 'langium';
import { documentUri, propertyRange, statementRange } from '../language/analysis/ranges.js';
import { IssueCodes } from '../language/analysis/issue-codes.js';
import type { CnnDiagnostic, FileAnalysis } from '../language/analysis/types.js';

/**
 * How long one analysis may run in the language server. The analysis is synchronous: while it
 * runs the server reads no message, so a legal network of hundreds of thousands of rows (the
 * bound is 1,000,000, LANGUAGE.md §7) froze it for a minute. Past the budget the expansion stops,
 * the rows made so far are kept (hovers and hints above the stop work) and a warning on the
 * network says where; `cnn analyze` has no budget. A written-out ResNet-152 (515 rows) takes
 * about 7 ms, so only networks of tens of thousands of rows (or a very loaded machine) reach it.
 */
export const ANALYSIS_BUDGET_MS = 400;

/**
 * Parse and analysis of one document together should answer within about a second, so a document
 * whose parse alone is long (Langium builds a tree of some 3 µs a token: the legal 1 MB line of
 * 175,001 statements parses in 0.6 s here) gets what the parse left of this much for its analysis,
 * never less than MIN_ANALYSIS_MS. A document parsed in under 200 ms keeps the whole budget.
 */
export const VALIDATION_BUDGET_MS = 600;
export const MIN_ANALYSIS_MS = 50;

/** The analysis's budget for a document whose parse took `parseMs`, at most `budgetMs`. */
export function analysisBudgetMs(parseMs: number, budgetMs = ANALYSIS_BUDGET_MS): number {
    return Math.min(budgetMs, Math.max(MIN_ANALYSIS_MS, Math.round(VALIDATION_BUDGET_MS - parseMs)));
}

const parseDurations = new WeakMap<AstNode, number>();

/** Has a parser record how long each parse took, for `parseMsOf` (the analysis budget above). */
export function timeParses(parser: LangiumParser): LangiumParser {
    const parse = parser.parse.bind(parser);
    parser.parse = (<T extends AstNode>(input: string, options?: Parameters<LangiumParser['parse']>[1]): ParseResult<T> => {
        const start = performance.now();
        const result = parse<T>(input, options);
        recordParseMs(result.value, performance.now() - start);
        return result;
    }) as LangiumParser['parse'];
    return parser;
}

/** Records how long the parse of this tree took (tests record long parses without making one). */
export function recordParseMs(root: AstNode, ms: number): void {
    parseDurations.set(root, ms);
}

/** How long the parse of this tree took, in ms; 0 for a tree not parsed by a timed parser. */
export function parseMsOf(root: AstNode): number {
    return parseDurations.get(root) ?? 0;
}

/** A `shouldStop` for the analysis: true once `ms` milliseconds have passed since this call. */
export function stopAfter(ms: number, now: () => number = () => performance.now()): () => boolean {
    const end = now() + ms;
    return () => now() >= end;
}

/**
 * A warning at the name of each network the budget stopped or left unexpanded (the analysis
 * stops at the first network that runs out; those after it are not expanded). `parseMs` is given
 * where the parse shortened the budget, so the warning says why it is short.
 */
export function budgetDiagnostics(analysis: FileAnalysis, budgetMs: number, parseMs?: number): CnnDiagnostic[] {
    if (!analysis.stopped) return [];
    const stoppedIn = analysis.networks.find(network => network.stopped);
    return analysis.networks.filter(network => network.stopped).map(network => {
        const last = network.rows.at(-1);
        const where = last ? `at row ${network.rows.length.toLocaleString('en-US')} (${lineOf(last.node, analysis.uri)})` : 'before its first row';
        const message = network === stoppedIn
            ? `analysis stopped after ${budgetMs} ms in the editor${parseMs === undefined ? '' : ` (its parse took ${Math.round(parseMs)} ms)`}, ${where}: shapes and costs after it are not shown; 'cnn analyze' analyses the whole network`
            : `not analysed in the editor: the ${budgetMs} ms budget ran out in network ${stoppedIn?.name}; 'cnn analyze' analyses it`;
        return {
            severity: 'warning',
            code: IssueCodes.TooLarge,
            message,
            uri: analysis.uri,
            range: propertyRange(network.node, 'name'),
            related: []
        } satisfies CnnDiagnostic;
    });
}

/** `line 7`, or `line 7 of blocks.cnn` for a statement of an imported block. */
function lineOf(node: AstNode, uri: string): string {
    const line = `line ${statementRange(node).start.line + 1}`;
    const file = documentUri(node);
    return file === uri ? line : `${line} of ${file.slice(file.lastIndexOf('/') + 1)}`;
}
