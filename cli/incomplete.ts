import type { CnnDiagnostic, NetworkAnalysis } from '../language/analysis/types.js';

/**
 * Why a network's table stops early (LANGUAGE.md §8.11): `incomplete: syntax error at 4:11`,
 * naming the first error inside the network (syntax errors first, since they are what a person
 * is typing), else the first in the file. Undefined when inference reached the end.
 */
export function incompleteNote(network: NetworkAnalysis, diagnostics: readonly CnnDiagnostic[]): string | undefined {
    if (network.output !== null) return undefined;
    const errors = diagnostics.filter(d => d.severity === 'error');
    const cst = network.node.$cstNode;
    const inside = (d: CnnDiagnostic) => cst !== undefined && d.range.start.line >= cst.range.start.line && d.range.start.line <= cst.range.end.line;
    const isSyntax = (d: CnnDiagnostic) => d.code === 'syntax-error';
    const first = errors.find(d => isSyntax(d) && inside(d)) ?? errors.find(isSyntax) ?? errors.find(inside) ?? errors[0];
    if (!first) return 'incomplete';
    return `incomplete: ${isSyntax(first) ? 'syntax error' : 'error'} at ${first.range.start.line + 1}:${first.range.start.character + 1}`;
}
