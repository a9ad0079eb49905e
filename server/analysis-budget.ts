import type { AstNode } from 'langium';
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

/** A `shouldStop` for the analysis: true once `ms` milliseconds have passed since this call. */
export function stopAfter(ms: number, now: () => number = () => performance.now()): () => boolean {
    const end = now() + ms;
    return () => now() >= end;
}

/**
 * A warning at the name of each network the budget stopped or left unexpanded (the analysis
 * stops at the first network that runs out; those after it are not expanded).
 */
export function budgetDiagnostics(analysis: FileAnalysis, budgetMs: number): CnnDiagnostic[] {
    if (!analysis.stopped) return [];
    const stoppedIn = analysis.networks.find(network => network.stopped);
    return analysis.networks.filter(network => network.stopped).map(network => {
        const last = network.rows.at(-1);
        const where = last ? `at row ${network.rows.length.toLocaleString('en-US')} (${lineOf(last.node, analysis.uri)})` : 'before its first row';
        const message = network === stoppedIn
            ? `analysis stopped after ${budgetMs} ms in the editor, ${where}: shapes and costs after it are not shown; 'cnn analyze' analyses the whole network`
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
