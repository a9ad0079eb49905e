import { URI, type LangiumDocuments } from 'langium';
import type { RunRow } from '../client/run-protocol.js';
import { CompileError, modelSpec } from '../compiler/model-spec.js';
import { runRows } from '../compiler/run-rows.js';
import type { CnnDocumentAnalyzer } from './document-analyzer.js';
import type { ModelSpecParams, ModelSpecResult } from './protocol.js';

/**
 * `cnn/modelSpec`: the compiled tfjs spec of one network in an open document and every row's MACs,
 * for the chart's Run tab (the client computes nothing about networks). A network that does not
 * compile gives the compiler's message, never an exception.
 */
export function modelSpecFor(params: ModelSpecParams, documents: LangiumDocuments, analyzer: CnnDocumentAnalyzer): ModelSpecResult {
    const document = documents.getDocument(URI.parse(params.uri));
    if (!document) return { error: 'The document is not open.' };
    const networks = analyzer.analyze(document).analysis.networks;
    const network = params.network === null ? networks[0] : networks.find(n => n.name === params.network);
    if (!network) return { error: params.network === null ? 'The document has no network.' : `No network ${params.network} in the document.` };
    try {
        const spec = modelSpec(network);
        const rows: RunRow[] = runRows(network, spec);
        return { network: network.name, spec, rows };
    } catch (error) {
        return { error: error instanceof CompileError ? error.message : `${network.name} does not compile: ${error instanceof Error ? error.message : String(error)}` };
    }
}

export function isModelSpecParams(value: unknown): value is ModelSpecParams {
    if (typeof value !== 'object' || value === null) return false;
    const v = value as Record<string, unknown>;
    return typeof v.uri === 'string' && (v.network === null || typeof v.network === 'string');
}
