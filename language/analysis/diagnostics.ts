import type { AstNode } from 'langium';
import type { IssueCode } from './issue-codes.js';
import { documentUri, statementRange } from './ranges.js';
import type { CnnDiagnostic, Range, RelatedInformation, Severity } from './types.js';

export interface ReportOptions {
    range?: Range;
    severity?: Severity;
    related?: RelatedInformation[];
    data?: Record<string, unknown>;
}

/**
 * Collects diagnostics, keeping one of each (code, place, message): a block expanded many times
 * reports its problem once (LANGUAGE.md §7).
 */
export class DiagnosticSink {
    readonly diagnostics: CnnDiagnostic[] = [];
    private readonly seen = new Set<string>();

    add(diagnostic: CnnDiagnostic): void {
        const { start, end } = diagnostic.range;
        const key = `${diagnostic.code}|${diagnostic.uri}|${start.line}:${start.character}-${end.line}:${end.character}|${diagnostic.message}`;
        if (this.seen.has(key)) return;
        this.seen.add(key);
        this.diagnostics.push(diagnostic);
    }

    /** Reports at a node of the analysed file; the range defaults to the statement's (§7). */
    report(code: IssueCode, message: string, node: AstNode, options: ReportOptions = {}): void {
        this.add({
            severity: options.severity ?? 'error',
            code,
            message,
            uri: documentUri(node),
            range: options.range ?? statementRange(node),
            related: options.related ?? [],
            data: options.data
        });
    }
}

export function related(node: AstNode, message: string, range = statementRange(node)): RelatedInformation {
    return { uri: documentUri(node), range, message };
}
