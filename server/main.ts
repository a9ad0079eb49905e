import { DocumentState, URI } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import type { Connection } from 'vscode-languageserver';
import { lineReader, toJsonReport } from '../language/analysis/to-json.js';
import { DEFAULT_SETTINGS } from '../language/analysis/settings.js';
import { createCnnServices } from './cnn-module.js';
import { ANALYSIS_CHANGED_NOTIFICATION, ANALYSIS_REQUEST, type AnalysisChangedParams, type AnalysisParams, type AnalysisResult } from './protocol.js';

/** Starts the CNN language server on a connection (stdio for `cnn lsp --stdio`, IPC in VS Code). */
export function startCnnLanguageServer(connection: Connection): void {
    const { shared, Cnn } = createCnnServices({ connection, ...NodeFileSystem });
    const documents = shared.workspace.LangiumDocuments;
    const analyzer = Cnn.analysis.DocumentAnalyzer;

    connection.onRequest(ANALYSIS_REQUEST, (params: AnalysisParams): AnalysisResult => {
        const document = documents.getDocument(URI.parse(params.uri));
        if (!document) return null;
        const settings = { bytesPerElement: params.bytesPerElement ?? DEFAULT_SETTINGS.bytesPerElement, batch: params.batch ?? DEFAULT_SETTINGS.batch };
        const { analysis, diagnostics } = analyzer.analyze(document);
        const lineText = lineReader(uri => documents.getDocument(URI.parse(uri))?.textDocument.getText());
        return toJsonReport(params.uri, analysis, diagnostics, settings, lineText);
    });

    shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => {
        const params: AnalysisChangedParams = { uri: document.uri.toString(), version: document.textDocument.version };
        void connection.sendNotification(ANALYSIS_CHANGED_NOTIFICATION, params);
    });

    startLanguageServer(shared);
}
