import * as vscode from 'vscode';
import type { JsonReport } from '../language/analysis/to-json.js';
import type { AnalysisSource } from './analysis-source.js';
import { writeFileAtomically } from './atomic-write.js';
import { displaySettings } from './display-settings.js';
import { makeNonce } from './nonce.js';
import { chartHtml } from './webview-html.js';
import { handleRunMessage } from './run-host.js';
import { isRunMessageType } from './run-protocol.js';
import {
    parseWebviewMessage, type ChartTab, type CompareEntry, type DrawnMessage, type HostMessage, type SaveMessage
} from './webview-protocol.js';

/** How long a test's `queryDrawn` waits for the webview's answer. */
const QUERY_TIMEOUT_MS = 10_000;

export interface ChartPanelHooks {
    /** Replaces the save dialog (the test API sets it; undefined: the real dialog). */
    saveDialog?: (options: vscode.SaveDialogOptions) => Thenable<vscode.Uri | undefined>;
}

/**
 * The cost chart beside the editor: one panel, showing one document's network, fed by
 * `cnn/analysis` and refreshed on `cnn/analysisChanged`. The page (H1's webview bundle) may load
 * only from the extension's out/webview folder; every message from it is validated and a bad
 * one is logged and dropped.
 */
export class CnnChartPanel implements vscode.Disposable {
    static readonly viewType = 'cnn.costChart';
    private static current: CnnChartPanel | undefined;

    private readonly disposables: vscode.Disposable[] = [];
    private ready = false;
    private nextRequest = 1;
    private readonly pending = new Map<number, (message: DrawnMessage | undefined) => void>();
    /** The compare entries last sent: only their URIs may be opened from the page. */
    private compareUris = new Set<string>();
    private revealable = new Set<string>();
    private readonly posted = new vscode.EventEmitter<HostMessage>();
    /** Fires after each message sent to the page (tests wait on the next analysis). */
    readonly onDidPost = this.posted.event;

    static get currentPanel(): CnnChartPanel | undefined {
        return CnnChartPanel.current;
    }

    /** Shows the chart of `network` in `uri` (null: the first), creating the panel beside the editor if needed. */
    static createOrShow(extensionUri: vscode.Uri, source: AnalysisSource, output: vscode.OutputChannel, hooks: ChartPanelHooks,
        uri: vscode.Uri, network: string | null, tab: ChartTab = 'layers'): CnnChartPanel {
        const existing = CnnChartPanel.current;
        if (existing) {
            existing.panel.reveal(vscode.ViewColumn.Beside, true);
            existing.show(uri, network, tab);
            return existing;
        }
        const media = vscode.Uri.joinPath(extensionUri, 'out', 'webview');
        const panel = vscode.window.createWebviewPanel(CnnChartPanel.viewType, 'CNN cost chart', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
            enableScripts: true,
            localResourceRoots: [media],
            retainContextWhenHidden: true
        });
        CnnChartPanel.current = new CnnChartPanel(panel, extensionUri, source, output, hooks, uri, network, tab);
        return CnnChartPanel.current;
    }

    private constructor(
        private readonly panel: vscode.WebviewPanel,
        private readonly extensionUri: vscode.Uri,
        private readonly source: AnalysisSource,
        private readonly output: vscode.OutputChannel,
        private readonly hooks: ChartPanelHooks,
        private uri: vscode.Uri,
        private network: string | null,
        private tab: ChartTab
    ) {
        const webview = panel.webview;
        const media = vscode.Uri.joinPath(extensionUri, 'out', 'webview');
        panel.iconPath = {
            light: vscode.Uri.joinPath(extensionUri, 'images', 'cnn-file-light.svg'),
            dark: vscode.Uri.joinPath(extensionUri, 'images', 'cnn-file-dark.svg')
        };
        webview.html = chartHtml({
            cspSource: webview.cspSource,
            nonce: makeNonce(),
            scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'chart.js')).toString(),
            styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'chart.css')).toString(),
            // The Run tab may fall back to TensorFlow.js's wasm backend (client/run-host.ts).
            wasm: true
        });
        this.disposables.push(
            this.posted,
            panel.onDidDispose(() => this.dispose()),
            webview.onDidReceiveMessage(raw => this.receive(raw)),
            source.onDidChange(change => {
                if (change.uri === this.uri.toString()) void this.sendAnalysis();
            }),
            vscode.workspace.onDidChangeConfiguration(event => {
                if (event.affectsConfiguration('cnn')) void this.sendAnalysis();
            }),
            vscode.window.onDidChangeTextEditorSelection(event => {
                if (event.textEditor.document.uri.toString() === this.uri.toString()) {
                    this.post({ type: 'cursor', line: event.selections[0].active.line + 1 });
                }
            })
        );
    }

    get documentUri(): vscode.Uri {
        return this.uri;
    }

    /** Asks the page what it drew (bars, values, banner); undefined if it does not answer in time. */
    queryDrawn(): Promise<DrawnMessage | undefined> {
        // Before the page says it is ready, nothing has been drawn and a message would be lost.
        if (!this.ready) return Promise.resolve(undefined);
        const requestId = this.nextRequest++;
        return new Promise(resolve => {
            const timer = setTimeout(() => {
                this.pending.delete(requestId);
                resolve(undefined);
            }, QUERY_TIMEOUT_MS);
            this.pending.set(requestId, message => {
                clearTimeout(timer);
                resolve(message);
            });
            this.post({ type: 'queryDrawn', requestId });
        });
    }

    private show(uri: vscode.Uri, network: string | null, tab: ChartTab): void {
        this.uri = uri;
        this.network = network;
        this.tab = tab;
        if (this.ready) void this.sendAll();
    }

    private async sendAll(): Promise<void> {
        await this.sendAnalysis();
        if (this.tab === 'compare') await this.sendCompare();
        this.post({ type: 'showTab', tab: this.tab });
    }

    private async sendAnalysis(): Promise<void> {
        if (!this.ready) return;
        const uri = this.uri;
        const report = await this.source.analysis(uri);
        if (!report || uri.toString() !== this.uri.toString()) return;
        const document = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
        const version = document?.version ?? 0;
        this.panel.title = `Costs: ${this.network ?? report.networks[0]?.name ?? baseName(uri)}`;
        // The files a click may reveal: the document and the imported files its rows come from.
        this.revealable = new Set(report.networks.flatMap(n => n.layers.map(l => l.file ?? report.file)));
        this.post({
            type: 'analysis', report: report as JsonReport, network: this.network, fileName: baseName(uri), version,
            settings: displaySettings(uri)
        });
    }

    /** The comparison: the workspace's networks with a `meta top1` and the bundled examples. */
    async sendCompare(): Promise<void> {
        const examples = await exampleFiles(vscode.Uri.joinPath(this.extensionUri, 'examples'));
        const entries: CompareEntry[] = await this.source.compare(this.uri, this.network, examples);
        this.compareUris = new Set(entries.map(e => e.uri));
        this.post({ type: 'compare', entries });
    }

    private post(message: HostMessage): void {
        if (!this.ready) return;
        void this.panel.webview.postMessage(message).then(() => this.posted.fire(message), () => undefined);
    }

    private receive(raw: unknown): void {
        if (isRunMessageType(raw)) {
            void handleRunMessage(raw, {
                webview: this.panel.webview, extensionUri: this.extensionUri, uri: this.uri, network: this.network,
                modelSpec: (uri, network) => this.source.modelSpec(uri, network), output: this.output
            });
            return;
        }
        const message = parseWebviewMessage(raw);
        if (!message) {
            this.output.appendLine(`Ignored a malformed message from the chart: ${truncate(safeJson(raw))}`);
            return;
        }
        switch (message.type) {
            case 'ready':
                this.ready = true;
                void this.sendAll();
                return;
            case 'reveal':
                if (message.file === undefined) void this.reveal(this.uri, message.line, message.column);
                else if (this.revealable.has(message.file)) void this.reveal(vscode.Uri.parse(message.file), message.line, message.column);
                else this.output.appendLine(`Ignored a request to reveal a file the analysis did not name: ${truncate(message.file)}`);
                return;
            case 'tabShown':
                // The comparison is analysed only when the user first looks at it.
                this.tab = message.tab;
                if (message.tab === 'compare') void this.sendCompare();
                return;
            case 'openFile':
                if (this.compareUris.has(message.uri)) void vscode.window.showTextDocument(vscode.Uri.parse(message.uri), { viewColumn: vscode.ViewColumn.One });
                else this.output.appendLine(`Ignored a request to open a file the comparison did not list: ${truncate(message.uri)}`);
                return;
            case 'save':
                void this.save(message);
                return;
            case 'drawn': {
                const resolve = this.pending.get(message.requestId);
                this.pending.delete(message.requestId);
                resolve?.(message);
                return;
            }
        }
    }

    private async reveal(uri: vscode.Uri, line: number, column: number): Promise<void> {
        const document = await vscode.workspace.openTextDocument(uri);
        const position = document.validatePosition(new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1)));
        const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
        editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }

    private async save(message: SaveMessage): Promise<void> {
        const fileName = message.fileName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 200) || `chart.${message.format}`;
        const folder = vscode.Uri.joinPath(this.uri, '..');
        const options: vscode.SaveDialogOptions = {
            defaultUri: vscode.Uri.joinPath(folder, fileName),
            filters: { [message.format.toUpperCase()]: [message.format] },
            saveLabel: `Export ${message.format.toUpperCase()}`
        };
        const target = await (this.hooks.saveDialog ?? vscode.window.showSaveDialog)(options);
        if (!target) return;
        const data = message.encoding === 'base64' ? Buffer.from(message.data, 'base64') : Buffer.from(message.data, 'utf8');
        try {
            await writeFileAtomically(target, data);
            void vscode.window.showInformationMessage(`Saved ${baseName(target)}.`);
        } catch (error) {
            void vscode.window.showErrorMessage(`Could not save ${baseName(target)}: ${String(error)}`);
        }
    }

    dispose(): void {
        if (CnnChartPanel.current === this) CnnChartPanel.current = undefined;
        for (const resolve of this.pending.values()) resolve(undefined);
        this.pending.clear();
        this.panel.dispose();
        while (this.disposables.length) this.disposables.pop()?.dispose();
    }
}

async function exampleFiles(folder: vscode.Uri): Promise<vscode.Uri[]> {
    try {
        const entries = await vscode.workspace.fs.readDirectory(folder);
        return entries.filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.cnn')).map(([name]) => vscode.Uri.joinPath(folder, name));
    } catch {
        return [];
    }
}

function baseName(uri: vscode.Uri): string {
    return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function safeJson(value: unknown): string {
    try {
        return JSON.stringify(value) ?? String(value);
    } catch {
        return String(value);
    }
}

function truncate(text: string): string {
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
