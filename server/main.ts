import { DocumentState, setInterruptionPeriod, URI } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import type { Connection } from 'vscode-languageserver';
import { lineReader, toJsonReport } from '../language/analysis/to-json.js';
import { createCnnServices } from './cnn-module.js';
import { compareEntries } from './compare-request.js';
import { isModelSpecParams, modelSpecFor } from './model-spec-request.js';
import { MODEL_SPEC_REQUEST, type ModelSpecResult } from './protocol.js';
import {
    ANALYSIS_CHANGED_NOTIFICATION, ANALYSIS_REQUEST, COMPARE_REQUEST, type AnalysisChangedParams, type AnalysisParams, type AnalysisResult,
    type CompareParams, type CompareResult
} from './protocol.js';
import { isCompareParams } from './protocol-guards.js';
import { checkAnalysisParams } from './analysis-params.js';
import { keepClientUris } from './client-uris.js';

/** Starts the CNN language server on a connection (stdio for `cnn lsp --stdio`, IPC in VS Code). */
export function startCnnLanguageServer(connection: Connection): void {
    // A build looks for newer edits between its phases only once this many ms have passed since it
    // last did (Langium's default is 10): with 1, an edit that arrives during the parse (about 7 ms
    // of a written-out ResNet-152) cancels the build before its analysis instead of after it.
    setInterruptionPeriod(1);
    const clientUri = keepClientUris(connection);
    const { shared, Cnn } = createCnnServices({ connection, ...NodeFileSystem });
    const documents = shared.workspace.LangiumDocuments;
    const analyzer = Cnn.analysis.DocumentAnalyzer;

    connection.onRequest(ANALYSIS_REQUEST, (raw: AnalysisParams): AnalysisResult => {
        const params = checkAnalysisParams(raw);
        const document = documents.getDocument(URI.parse(params.uri));
        if (!document) return null;
        // The request's own figures win; otherwise the editor's `cnn.*` settings.
        const editor = Cnn.analysis.Settings.current.cost;
        const settings = { ...editor, bytesPerElement: params.bytesPerElement ?? editor.bytesPerElement, batch: params.batch ?? editor.batch };
        const { analysis, diagnostics } = analyzer.analyze(document);
        const lineText = lineReader(uri => documents.getDocument(URI.parse(uri))?.textDocument.getText());
        return toJsonReport(params.uri, analysis, diagnostics, settings, lineText);
    });

    connection.onRequest(COMPARE_REQUEST, (params: CompareParams): CompareResult => {
        if (!isCompareParams(params)) return [];
        return compareEntries(params, documents, analyzer, Cnn.analysis.Settings.current.cost);
    });

    // The Run tab's compiled network (issue 8): computed here, like every other figure.
    // (`as never`: the LSP typings infer one member of the result union and refuse the other.)
    connection.onRequest(MODEL_SPEC_REQUEST, (params: unknown) =>
        (isModelSpecParams(params) ? modelSpecFor(params, documents, analyzer) : { error: 'cnn/modelSpec: malformed parameters' }) as ModelSpecResult as never);

    // A changed setting changes every number: analyse again, republish, and have the client
    // ask again for inlay hints and code lenses (hovers are asked for on each use).
    Cnn.analysis.Settings.onChange(() => {
        analyzer.clear();
        const uris = [...documents.all].map(d => d.uri);
        void shared.workspace.DocumentBuilder.update(uris, []).then(() => {
            void connection.languages.inlayHint.refresh().catch(() => undefined);
            void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
        });
    });

    shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => {
        const params: AnalysisChangedParams = { uri: clientUri(document.uri.toString()), version: document.textDocument.version };
        void connection.sendNotification(ANALYSIS_CHANGED_NOTIFICATION, params);
    });

    startLanguageServer(shared);
}
