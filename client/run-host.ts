import * as vscode from 'vscode';
import type { ModelSpecResult } from '../server/protocol.js';
import { parseRunWebviewMessage, type RunHostMessage, type RunResultMessage } from './run-protocol.js';

/** Timed whole-network runs the Run tab makes after its warm-up. */
const RUNS = 20;

export interface RunHostContext {
    webview: vscode.Webview;
    extensionUri: vscode.Uri;
    /** The chart's document and network. */
    uri: vscode.Uri;
    network: string | null;
    /** `cnn/modelSpec` through the language client. */
    modelSpec(uri: vscode.Uri, network: string | null): Promise<ModelSpecResult>;
    output: vscode.OutputChannel;
}

const results = new vscode.EventEmitter<RunResultMessage>();
/** Each Run tab measurement, as the page reported it (tests and the log). */
export const onDidRun = results.event;

/**
 * The host side of the chart's Run tab: a `runRequest` is answered with the compiled network
 * (from the server) and the URIs of out/webview/run.js and the wasm files, in trusted workspaces
 * only (running a network executes TensorFlow.js on the user's machine); a `runResult` is logged.
 */
export async function handleRunMessage(raw: unknown, context: RunHostContext): Promise<void> {
    const message = parseRunWebviewMessage(raw);
    if (!message) {
        context.output.appendLine('Ignored a malformed Run tab message from the chart.');
        return;
    }
    if (message.type === 'runResult') {
        context.output.appendLine(`Run ${message.network} on ${message.backend}: median ${message.medianMs.toFixed(2)} ms, ${message.gmacPerSecond.toFixed(2)} GMAC/s`
            + (message.backendNotes.length ? ` (${message.backendNotes.join('; ')})` : ''));
        results.fire(message);
        return;
    }
    const post = (m: RunHostMessage) => void context.webview.postMessage(m);
    if (!vscode.workspace.isTrusted) {
        post({ type: 'runUnavailable', reason: 'Run is off in an untrusted workspace: trust the workspace (Workspaces: Manage Workspace Trust) to run networks with TensorFlow.js.' });
        return;
    }
    const result = await context.modelSpec(context.uri, message.network ?? context.network);
    if ('error' in result) {
        post({ type: 'runUnavailable', reason: `Cannot run: ${result.error}` });
        return;
    }
    const media = vscode.Uri.joinPath(context.extensionUri, 'out', 'webview');
    post({
        type: 'runModel', network: result.network, spec: result.spec, rows: result.rows, runs: RUNS,
        scriptUri: context.webview.asWebviewUri(vscode.Uri.joinPath(media, 'run.js')).toString(),
        wasmDir: `${context.webview.asWebviewUri(media).toString().replace(/\/$/, '')}/`
    });
}
