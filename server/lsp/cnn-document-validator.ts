import { DefaultDocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { CnnDiagnostic } from '../../language/analysis/types.js';
import type { CnnServices } from '../cnn-module.js';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, hint: DiagnosticSeverity.Hint } as const;

/**
 * Publishes exactly what `cnn check` reports: the syntax errors, then the analysis's diagnostics
 * (text checks, shape inference, budgets) for this document, from the shared per-version analysis.
 */
export class CnnDocumentValidator extends DefaultDocumentValidator {
    private readonly analyzer: CnnServices['analysis']['DocumentAnalyzer'];

    constructor(services: CnnServices) {
        super(services);
        this.analyzer = services.analysis.DocumentAnalyzer;
    }

    override async validateDocument(document: LangiumDocument, _options?: ValidationOptions): Promise<Diagnostic[]> {
        return this.analyzer.analyze(document).diagnostics.map(toLspDiagnostic);
    }
}

export function toLspDiagnostic(diagnostic: CnnDiagnostic): Diagnostic {
    return {
        severity: SEVERITY[diagnostic.severity],
        range: diagnostic.range,
        message: diagnostic.message,
        code: diagnostic.code,
        source: 'cnn',
        relatedInformation: diagnostic.related.length > 0
            ? diagnostic.related.map(r => ({ location: { uri: r.uri, range: r.range }, message: r.message }))
            : undefined,
        data: { code: diagnostic.code, ...diagnostic.data }
    };
}
