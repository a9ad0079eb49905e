import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { JsonReport } from '../language/analysis/to-json.js';
import {
    ANALYSIS_CHANGED_NOTIFICATION, ANALYSIS_REQUEST, COMPARE_REQUEST, type AnalysisChangedParams, type AnalysisParams, type AnalysisResult,
    type CompareParams, type CompareResult, MODEL_SPEC_REQUEST, type ModelSpecParams, type ModelSpecResult
} from '../server/protocol.js';
import { parseJsonReport } from './webview-protocol.js';

/**
 * The client's one door to the server's numbers: `cnn/analysis`, `cnn/compare`, and the
 * `cnn/analysisChanged` notification fanned out to the status bar and the chart.
 */
export class AnalysisSource implements vscode.Disposable {
    private readonly changed = new vscode.EventEmitter<AnalysisChangedParams>();
    readonly onDidChange = this.changed.event;
    private readonly disposables: vscode.Disposable[] = [this.changed];

    constructor(private readonly client: LanguageClient, private readonly output: vscode.OutputChannel) {
        this.disposables.push(client.onNotification(ANALYSIS_CHANGED_NOTIFICATION, (params: AnalysisChangedParams) => {
            if (params && typeof params.uri === 'string') this.changed.fire(params);
        }));
    }

    /** The report of an open document at the editor's settings; null when the server has none. */
    async analysis(uri: vscode.Uri): Promise<JsonReport | null> {
        try {
            const params: AnalysisParams = { uri: uri.toString() };
            const result = await this.client.sendRequest<AnalysisResult>(ANALYSIS_REQUEST, params);
            // Validated like every message that crosses a process boundary.
            return result === null ? null : parseJsonReport(result);
        } catch (error) {
            this.output.appendLine(`cnn/analysis failed for ${uri.toString()}: ${String(error)}`);
            return null;
        }
    }

    async compare(uri: vscode.Uri, network: string | null, extraUris: vscode.Uri[]): Promise<CompareResult> {
        try {
            const params: CompareParams = { uri: uri.toString(), network, extraUris: extraUris.map(u => u.toString()) };
            const result = await this.client.sendRequest<CompareResult>(COMPARE_REQUEST, params);
            return Array.isArray(result) ? result : [];
        } catch (error) {
            this.output.appendLine(`cnn/compare failed: ${String(error)}`);
            return [];
        }
    }

    /** `cnn/modelSpec`: the network compiled for the chart's Run tab; a failure is a message. */
    async modelSpec(uri: vscode.Uri, network: string | null): Promise<ModelSpecResult> {
        try {
            const params: ModelSpecParams = { uri: uri.toString(), network };
            const result = await this.client.sendRequest<ModelSpecResult>(MODEL_SPEC_REQUEST, params);
            return result && typeof result === 'object' ? result : { error: 'the server gave no model' };
        } catch (error) {
            this.output.appendLine(`cnn/modelSpec failed: ${String(error)}`);
            return { error: String(error) };
        }
    }

    dispose(): void {
        for (const d of this.disposables) d.dispose();
    }
}
