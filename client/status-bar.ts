import * as vscode from 'vscode';
import { formatBytes, formatCount } from '../language/analysis/format.js';
import type { JsonNetwork } from '../language/analysis/to-json.js';
import type { AnalysisSource } from './analysis-source.js';
import { displaySettings } from './display-settings.js';
import { networkAt } from './network-at-cursor.js';
import { SHOW_CHART_COMMAND } from '../server/protocol.js';

/** Waits this long after the cursor stops before asking which network it is in. */
const CURSOR_DELAY_MS = 120;

/**
 * The active network's totals in the status bar: params, MACs or FLOPs, activation memory —
 * the network under the cursor when the file has several, else the file's first. Clicking it
 * opens the cost chart of that network.
 */
export class CnnStatusBar implements vscode.Disposable {
    private readonly item = vscode.window.createStatusBarItem('cnn.totals', vscode.StatusBarAlignment.Right, 100);
    private readonly disposables: vscode.Disposable[] = [this.item];
    private timer: ReturnType<typeof setTimeout> | undefined;
    /** Bumped by every refresh, so an older, slower answer never overwrites a newer one. */
    private generation = 0;
    private readonly updated = new vscode.EventEmitter<string>();
    /** Fires with the new text after each update (tests wait on it). */
    readonly onDidUpdate = this.updated.event;

    constructor(private readonly source: AnalysisSource) {
        this.item.name = 'CNN Architect totals';
        this.disposables.push(
            this.updated,
            vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
            vscode.window.onDidChangeTextEditorSelection(event => {
                if (event.textEditor === vscode.window.activeTextEditor) this.refreshSoon();
            }),
            source.onDidChange(change => {
                if (vscode.window.activeTextEditor?.document.uri.toString() === change.uri) this.refresh();
            }),
            vscode.workspace.onDidChangeConfiguration(event => {
                if (event.affectsConfiguration('cnn')) this.refresh();
            })
        );
        this.refresh();
    }

    get text(): string {
        return this.item.text;
    }

    get tooltipText(): string {
        const tooltip = this.item.tooltip;
        return typeof tooltip === 'string' ? tooltip : tooltip?.value ?? '';
    }

    private refreshSoon(): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => this.refresh(), CURSOR_DELAY_MS);
    }

    async refresh(): Promise<void> {
        const generation = ++this.generation;
        const editor = vscode.window.activeTextEditor;
        if (!editor || editor.document.languageId !== 'cnn') {
            this.item.hide();
            return;
        }
        const document = editor.document;
        const [report, name] = await Promise.all([
            this.source.analysis(document.uri),
            networkAt(document, editor.selection.active).catch(() => undefined)
        ]);
        if (generation !== this.generation) return;
        const network = report?.networks.find(n => n.name === name) ?? report?.networks[0];
        if (!network) {
            this.item.hide();
            return;
        }
        const settings = displaySettings(document.uri);
        this.item.text = `$(circuit-board) ${statusText(network, settings.unit)}`;
        this.item.tooltip = tooltip(network, settings);
        this.item.command = { title: 'Show Cost Chart', command: SHOW_CHART_COMMAND, arguments: [document.uri.toString(), network.name] };
        this.item.show();
        this.updated.fire(this.item.text);
    }

    dispose(): void {
        if (this.timer) clearTimeout(this.timer);
        for (const d of this.disposables) d.dispose();
    }
}

/** `ResNet50: 25.6M params · 4.09G MACs · 42.4 MiB`, from the report's exact totals. */
export function statusText(network: JsonNetwork, unit: 'macs' | 'flops'): string {
    const { totals } = network;
    const compute = unit === 'flops' ? `${formatCount(BigInt(totals.flops))} FLOPs` : `${formatCount(BigInt(totals.macs))} MACs`;
    return `${network.name}: ${formatCount(BigInt(totals.params))} params · ${compute} · ${formatBytes(BigInt(totals.memoryBytes))}`;
}

function tooltip(network: JsonNetwork, settings: { unit: 'macs' | 'flops'; batch: number; bytesPerElement: number }): vscode.MarkdownString {
    const { totals } = network;
    const exact = (value: number | string) => BigInt(value).toLocaleString('en-US');
    const text = new vscode.MarkdownString(undefined, true);
    text.isTrusted = false;
    text.appendMarkdown('**');
    text.appendText(network.name);
    text.appendMarkdown(`** (batch ${settings.batch}, ${settings.bytesPerElement} B per element)\n\n`);
    text.appendMarkdown(`- params: ${exact(totals.params)}\n`);
    text.appendMarkdown(`- MACs: ${exact(totals.macs)} (FLOPs ${exact(totals.flops)})\n`);
    text.appendMarkdown(`- activation memory: ${exact(totals.memoryBytes)} B\n\n`);
    text.appendMarkdown('Click to show the cost chart.');
    return text;
}
