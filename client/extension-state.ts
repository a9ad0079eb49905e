import type * as vscode from 'vscode';
import type { AnalysisSource } from './analysis-source.js';
import type { ChartPanelHooks } from './chart-panel.js';

/** What the commands share: where the extension lives, the server's numbers, the log, test hooks. */
export interface ExtensionState {
    extensionUri: vscode.Uri;
    source: AnalysisSource;
    output: vscode.OutputChannel;
    hooks: ChartPanelHooks;
}
