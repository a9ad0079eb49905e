import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AnalysisSource } from './analysis-source.js';
import { CnnChartPanel } from './chart-panel.js';
import { compareNetworks } from './commands/compare-networks.js';
import { compileToTfjs } from './commands/compile-tfjs.js';
import { exportCostTable } from './commands/export-cost-table.js';
import { showChart } from './commands/show-chart.js';
import type { CnnExtensionApi } from './extension-api.js';
import type { ExtensionState } from './extension-state.js';
import { createServerClient } from './server-client.js';
import { CnnStatusBar } from './status-bar.js';

let client: LanguageClient | undefined;

/**
 * Starts the bundled language server and wires the editor to it: commands, the status bar and
 * the chart. Thin on purpose: every number comes from the server.
 */
export async function activate(context: vscode.ExtensionContext): Promise<CnnExtensionApi> {
    const started = performance.now();
    const output = vscode.window.createOutputChannel('CNN Architect', { log: true });
    context.subscriptions.push(output);
    client = createServerClient(context, output);
    const source = new AnalysisSource(client, output);
    const state: ExtensionState = { extensionUri: context.extensionUri, source, output, hooks: {} };
    context.subscriptions.push(
        source,
        vscode.commands.registerCommand('cnn.showChart', (uri?: unknown, network?: unknown) => { showChart(state, uri, network); }),
        vscode.commands.registerCommand('cnn.compareNetworks', (uri?: unknown, network?: unknown) => { compareNetworks(state, uri, network); }),
        vscode.commands.registerCommand('cnn.exportCostTable', (uri?: unknown, network?: unknown, format?: unknown) => exportCostTable(state, uri, network, format)),
        vscode.commands.registerCommand('cnn.compile', (uri?: unknown, network?: unknown) => compileToTfjs(state, uri, network))
    );
    await client.start();
    const activationMs = performance.now() - started;
    output.appendLine(`CNN Architect: language server ready in ${activationMs.toFixed(0)} ms`);
    const status = new CnnStatusBar(source);
    context.subscriptions.push(status);
    return {
        activationMs,
        statusText: () => status.text,
        statusTooltip: () => status.tooltipText,
        onDidUpdateStatus: status.onDidUpdate,
        onDidChangeAnalysis: source.onDidChange,
        queryChart: async () => CnnChartPanel.currentPanel?.queryDrawn(),
        setSaveDialog: dialog => { state.hooks.saveDialog = dialog; }
    };
}

export async function deactivate(): Promise<void> {
    CnnChartPanel.currentPanel?.dispose();
    await client?.stop();
    client = undefined;
}
