import type * as vscode from 'vscode';
import type { DrawnMessage } from './webview-protocol.js';

/**
 * What `activate()` returns: for other extensions and for the tests in the extension host,
 * which cannot read the status bar or reach into the webview otherwise.
 */
export interface CnnExtensionApi {
    /** Milliseconds from the start of activate() until the language client was running. */
    readonly activationMs: number;
    /** The status bar item's text ('' while hidden) and tooltip. */
    statusText(): string;
    statusTooltip(): string;
    /** Fires with the status bar's new text after each update. */
    readonly onDidUpdateStatus: vscode.Event<string>;
    /** Fires when the server announces a new analysis of a document (`cnn/analysisChanged`). */
    readonly onDidChangeAnalysis: vscode.Event<{ uri: string; version: number }>;
    /** What the open chart drew, asked through the page's `queryDrawn` message; undefined if none is open. */
    queryChart(): Promise<DrawnMessage | undefined>;
    /** Replaces the save dialog of the export commands (tests); undefined restores the real one. */
    setSaveDialog(dialog: ((options: vscode.SaveDialogOptions) => Thenable<vscode.Uri | undefined>) | undefined): void;
}
