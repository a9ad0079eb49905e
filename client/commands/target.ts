import * as vscode from 'vscode';

/**
 * The document and network a command acts on: the arguments the code lens passes (URI string
 * and network name), else the active `.cnn` editor. Arguments of the wrong type are ignored.
 */
export function commandTarget(uriArg: unknown, networkArg: unknown): { uri: vscode.Uri; network: string | null } | undefined {
    if (typeof uriArg === 'string' && uriArg.length > 0) {
        try {
            return { uri: vscode.Uri.parse(uriArg, true), network: typeof networkArg === 'string' ? networkArg : null };
        } catch {
            return undefined;
        }
    }
    if (uriArg instanceof vscode.Uri) return { uri: uriArg, network: typeof networkArg === 'string' ? networkArg : null };
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.languageId === 'cnn') return { uri: editor.document.uri, network: null };
    return undefined;
}
