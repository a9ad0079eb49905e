import * as vscode from 'vscode';
import type { DisplaySettings } from './webview-protocol.js';

/** The `cnn.*` settings the client itself needs (the server reads all of them on its own). */
export function displaySettings(scope?: vscode.Uri): DisplaySettings {
    const config = vscode.workspace.getConfiguration('cnn', scope);
    const positive = (value: unknown, fallback: number) => typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : fallback;
    return {
        unit: config.get('computeUnit') === 'flops' ? 'flops' : 'macs',
        bytesPerElement: positive(config.get('bytesPerElement'), 4),
        batch: positive(config.get('batch'), 1)
    };
}
