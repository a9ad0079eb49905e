import type { LangiumDocument } from 'langium';
import { TOO_DEEP } from '../nesting-guard.js';
import type { RecoveredError } from '../statement-recovery.js';
import { bySourceOrder } from './diagnostics.js';
import { IssueCodes, type IssueCode } from './issue-codes.js';
import type { CnnDiagnostic, Range } from './types.js';

/** The lexer's and parser's errors of a document as `syntax-error` diagnostics. */
export function syntaxErrors(document: LangiumDocument): CnnDiagnostic[] {
    const { lexerErrors, parserErrors } = document.parseResult;
    const text = document.textDocument;
    const toDiagnostic = (message: string, range: Range, code: IssueCode = IssueCodes.SyntaxError): CnnDiagnostic =>
        ({ severity: 'error', code, message, uri: document.uri.toString(), range, related: [] });
    const lexical = lexerErrors.map(error => {
        const start = { line: (error.line ?? 1) - 1, character: (error.column ?? 1) - 1 };
        return toDiagnostic(error.message, { start, end: { line: start.line, character: start.character + error.length } });
    });
    const uri = document.uri.toString();
    const grammatical = parserErrors.map(error => {
        const { token } = error;
        const length = text.getText().length;
        // Chevrotain's end-of-file token has offset -1 (or NaN): the error is where the text stops.
        const atEnd = !(token.startOffset >= 0) || token.startOffset >= length || token.tokenType?.name === 'EOF';
        const endOfText = text.positionAt(length);
        const range: Range = atEnd
            ? { start: endOfText, end: endOfText }
            : { start: text.positionAt(token.startOffset), end: text.positionAt((token.endOffset ?? token.startOffset) + 1) };
        const diagnostic = toDiagnostic(error.message, range, error.name === TOO_DEEP ? IssueCodes.TooLarge : IssueCodes.SyntaxError);
        for (const related of (error as RecoveredError).related ?? []) {
            diagnostic.related.push({ uri, message: related.message, range: { start: text.positionAt(related.offset), end: text.positionAt(related.end) } });
        }
        return diagnostic;
    });
    // Chevrotain's recovery often reports the same token twice (no viable alternative, then a
    // mismatch): keep the first message at each position.
    const seen = new Set<string>();
    const inTextOrder = [...lexical, ...grammatical].sort(bySourceOrder);
    return inTextOrder.filter(d => {
        const key = `${d.range.start.line}:${d.range.start.character}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

/** What a file shows: its syntax errors and the analysis's diagnostics located in it, in text order. */
export function fileDiagnostics(document: LangiumDocument, analysisDiagnostics: readonly CnnDiagnostic[]): CnnDiagnostic[] {
    const uri = document.uri.toString();
    return [...syntaxErrors(document), ...analysisDiagnostics.filter(d => d.uri === uri)].sort(bySourceOrder);
}
