import type { AstNode } from 'langium';
import type { DocumentAnalysis } from '../document-analyzer.js';

/**
 * The line (1-based) of the last error at or above a statement within its network or block: what
 * stops shape inference there (LANGUAGE.md §8.11), so hovers and inlay hints can say so instead of
 * showing nothing. Undefined when no error precedes it (then nothing runs the statement).
 */
export function errorLineAbove(analysis: DocumentAnalysis, node: AstNode): number | undefined {
    const at = node.$cstNode?.range.start;
    if (!at) return undefined;
    let owner: AstNode | undefined = node;
    while (owner && owner.$type !== 'Network' && owner.$type !== 'Block') owner = owner.$container;
    const from = owner?.$cstNode?.range.start.line ?? 0;
    let line: number | undefined;
    for (const d of analysis.diagnostics) {
        if (d.severity !== 'error') continue;
        const start = d.range.start;
        const before = start.line < at.line || (start.line === at.line && start.character <= at.character);
        if (before && start.line >= from && (line === undefined || start.line > line)) line = start.line;
    }
    return line === undefined ? undefined : line + 1;
}
