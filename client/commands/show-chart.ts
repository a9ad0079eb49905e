import * as vscode from 'vscode';
import { CnnChartPanel } from '../chart-panel.js';
import type { ExtensionState } from '../extension-state.js';
import type { ChartTab } from '../webview-protocol.js';
import { commandTarget } from './target.js';

/** `CNN: Show Cost Chart` (also the `Show chart` code lens and the status bar item). */
export function showChart(state: ExtensionState, uriArg?: unknown, networkArg?: unknown, tab: ChartTab = 'layers'): CnnChartPanel | undefined {
    const target = commandTarget(uriArg, networkArg);
    if (!target) {
        void vscode.window.showInformationMessage('Open a .cnn file to show its cost chart.');
        return undefined;
    }
    return CnnChartPanel.createOrShow(state.extensionUri, state.source, state.output, state.hooks, target.uri, target.network, tab);
}
