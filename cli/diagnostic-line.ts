import type { CnnDiagnostic } from '../language/analysis/types.js';
import { codePointColumn } from '../language/analysis/to-json.js';

/**
 * `file:line:col: error code: message`, as compilers print it. Hints (the `inexact` check) print
 * as warnings: a terminal has only errors and warnings.
 */
export function diagnosticLine(file: string, diagnostic: CnnDiagnostic, lineText: (uri: string, line: number) => string): string {
    const { start } = diagnostic.range;
    const column = codePointColumn(lineText(diagnostic.uri, start.line), start.character);
    const severity = diagnostic.severity === 'error' ? 'error' : 'warning';
    return `${file}:${start.line + 1}:${column}: ${severity} ${diagnostic.code}: ${diagnostic.message}`;
}
