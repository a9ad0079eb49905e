import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { SERVER_NODE_FLAGS } from '../../server/node-flags.js';

export interface PublishedDiagnostics {
    uri: string;
    version?: number;
    diagnostics: Array<{ code?: string; message: string; range: { start: { line: number; character: number } } }>;
}

/**
 * An editor's side of an LSP session with the built server (`cnn lsp --stdio`), for the
 * protocol-level tests and the benchmark. Waits on notifications, never on sleeps.
 */
export class StdioLspClient {
    readonly connection: MessageConnection;
    private readonly server: ChildProcess;
    private readonly diagnostics = new Map<string, PublishedDiagnostics[]>();
    private readonly waiters: Array<{ uri: string; accept: (d: PublishedDiagnostics) => boolean; resolve: (d: PublishedDiagnostics) => void }> = [];
    readonly analysisChanged: Array<{ uri: string; version: number }> = [];
    private readonly analysisWaiters: Array<{ uri: string; version: number; resolve: () => void }> = [];
    stderr = '';

    constructor(cli = resolve('out/cli/cnn.cjs')) {
        // With the server's node flags, as the VS Code extension starts it: the server is then this
        // very process (cli/launcher.ts), whose memory and CPU the tests read.
        this.server = spawn(process.execPath, [...SERVER_NODE_FLAGS, cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        this.server.stderr!.on('data', chunk => { this.stderr += String(chunk); });
        this.connection = createMessageConnection(new StreamMessageReader(this.server.stdout!), new StreamMessageWriter(this.server.stdin!));
        this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) => {
            const list = this.diagnostics.get(params.uri) ?? [];
            list.push(params);
            this.diagnostics.set(params.uri, list);
            for (const waiter of [...this.waiters]) {
                if (waiter.uri === params.uri && waiter.accept(params)) {
                    this.waiters.splice(this.waiters.indexOf(waiter), 1);
                    waiter.resolve(params);
                }
            }
        });
        this.connection.onNotification('cnn/analysisChanged', (params: { uri: string; version: number }) => {
            this.analysisChanged.push(params);
            for (const waiter of this.analysisWaiters.filter(w => w.uri === params.uri && w.version === params.version)) {
                this.analysisWaiters.splice(this.analysisWaiters.indexOf(waiter), 1);
                waiter.resolve();
            }
        });
        this.connection.onNotification('window/logMessage', () => undefined);
        this.connection.listen();
    }

    /** The server's process id (to read its memory from /proc). */
    get pid(): number | undefined {
        return this.server.pid;
    }

    async initialize(folder: string): Promise<unknown> {
        const rootUri = pathToFileURL(folder).toString();
        const result = await this.connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
            capabilities: {
                textDocument: {
                    hover: { contentFormat: ['markdown'] },
                    completion: { completionItem: { snippetSupport: true } },
                    publishDiagnostics: { relatedInformation: true }
                },
                workspace: { workspaceFolders: true }
            }
        });
        await this.connection.sendNotification('initialized', {});
        return result;
    }

    /** The next diagnostics published for a document that satisfy a condition (or the latest, if it already does). */
    diagnosticsFor(uri: string, accept: (d: PublishedDiagnostics) => boolean = () => true, fromLatest = false): Promise<PublishedDiagnostics> {
        const latest = this.diagnostics.get(uri)?.at(-1);
        if (fromLatest && latest && accept(latest)) return Promise.resolve(latest);
        return new Promise(resolve => this.waiters.push({ uri, accept, resolve }));
    }

    /**
     * Resolves when the server has announced (`cnn/analysisChanged`) the analysis of a document's
     * version, sent in the same step as that version's diagnostics; at once if it already has.
     */
    analysed(uri: string, version: number): Promise<void> {
        if (this.analysisChanged.some(a => a.uri === uri && a.version === version)) return Promise.resolve();
        return new Promise(resolve => this.analysisWaiters.push({ uri, version, resolve }));
    }

    request<T>(method: string, params: unknown): Promise<T> {
        return this.connection.sendRequest(method, params) as Promise<T>;
    }

    notify(method: string, params: unknown): Promise<void> {
        return this.connection.sendNotification(method, params);
    }

    async close(): Promise<number | null> {
        const exited = new Promise<number | null>(resolve => this.server.once('exit', code => resolve(code)));
        await this.connection.sendRequest('shutdown');
        await this.connection.sendNotification('exit');
        const code = await exited;
        this.connection.dispose();
        return code;
    }
}
