import type { AstNode } from 'langium';
import { IssueCodes, type IssueCode } from './issue-codes.js';
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
    private readonly seen = new Map<string, CnnDiagnostic>();

    /** Adds a diagnostic; a repeat only adds its related information (another call site) to the first. */
    add(diagnostic: CnnDiagnostic): void {
        const { start, end } = diagnostic.range;
        // The inexact hint comes once per statement (LANGUAGE.md §7), whatever input each expansion gave it.
        const message = diagnostic.code === IssueCodes.Inexact ? '' : diagnostic.message;
        const key = `${diagnostic.code}|${diagnostic.uri}|${start.line}:${start.character}-${end.line}:${end.character}|${message}`;
        const first = this.seen.get(key);
        if (!first) {
            this.seen.set(key, diagnostic);
            this.diagnostics.push(diagnostic);
            return;
        }
        for (const info of diagnostic.related) {
            if (!first.related.some(r => r.uri === info.uri && r.message === info.message && sameRange(r.range, info.range))) first.related.push(info);
        }
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

function sameRange(a: Range, b: Range): boolean {
    return a.start.line === b.start.line && a.start.character === b.start.character
        && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function related(node: AstNode, message: string, range = statementRange(node)): RelatedInformation {
    return { uri: documentUri(node), range, message };
}

/** Orders diagnostics as they appear in the text. */
export function bySourceOrder(a: { range: Range }, b: { range: Range }): number {
    return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
