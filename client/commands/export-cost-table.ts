import * as vscode from 'vscode';
import { writeFileAtomically } from '../atomic-write.js';
import { costTable, TABLE_EXTENSIONS, type TableFormat } from '../cost-table.js';
import { displaySettings } from '../display-settings.js';
import type { ExtensionState } from '../extension-state.js';
import { commandTarget } from './target.js';

const FORMATS: Array<{ label: string; description: string; format: TableFormat }> = [
    { label: 'CSV', description: 'for spreadsheets', format: 'csv' },
    { label: 'Markdown', description: 'for documents and pull requests', format: 'markdown' },
    { label: 'JSON', description: 'exact counts, for scripts', format: 'json' }
];

/**
 * `CNN: Export Cost Table`: one network's per-layer params, MACs (or FLOPs) and memory, as the
 * server reports them, to a file the user picks in the save dialog (which asks before replacing
 * a file). Returns the written file, or undefined when the user cancelled.
 */
export async function exportCostTable(state: ExtensionState, uriArg?: unknown, networkArg?: unknown, formatArg?: unknown): Promise<vscode.Uri | undefined> {
    const target = commandTarget(uriArg, networkArg);
    if (!target) {
        void vscode.window.showInformationMessage('Open a .cnn file to export its cost table.');
        return undefined;
    }
    const report = await state.source.analysis(target.uri);
    if (!report || report.networks.length === 0) {
        void vscode.window.showWarningMessage('This file has no network to export.');
        return undefined;
    }
    let network = report.networks.find(n => n.name === target.network);
    if (!network) {
        if (report.networks.length === 1) network = report.networks[0];
        else {
            const picked = await vscode.window.showQuickPick(report.networks.map(n => ({ label: n.name, network: n })), { title: 'Export which network?' });
            network = picked?.network;
        }
    }
    if (!network) return undefined;
    const format = FORMATS.find(f => f.format === formatArg)?.format
        ?? (await vscode.window.showQuickPick(FORMATS, { title: 'Export the cost table as' }))?.format;
    if (!format) return undefined;
    const extension = TABLE_EXTENSIONS[format];
    const folder = vscode.Uri.joinPath(target.uri, '..');
    const options: vscode.SaveDialogOptions = {
        defaultUri: vscode.Uri.joinPath(folder, `${network.name}-costs.${extension}`),
        filters: { [FORMATS.find(f => f.format === format)!.label]: [extension] },
        saveLabel: 'Export'
    };
    const file = await (state.hooks.saveDialog ?? vscode.window.showSaveDialog)(options);
    if (!file) return undefined;
    const text = costTable(network, format, displaySettings(target.uri).unit);
    try {
        await writeFileAtomically(file, Buffer.from(text, 'utf8'));
    } catch (error) {
        void vscode.window.showErrorMessage(`Could not write ${file.fsPath}: ${String(error)}`);
        return undefined;
    }
    return file;
}
