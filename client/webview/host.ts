import type { SaveMessage, WebviewMessage } from '../webview-protocol.js';

/** The part of VS Code's webview API the page uses. */
interface VsCodeApi {
    postMessage(message: unknown): void;
    getState(): unknown;
    setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

export interface Host {
    /** True inside VS Code; false on the standalone `cnn report` page. */
    readonly inEditor: boolean;
    post(message: WebviewMessage): void;
    getState(): unknown;
    setState(state: unknown): void;
}

/**
 * VS Code's API when there is one; otherwise (the `cnn report` page) a local host that saves
 * exports as downloads and shows where a clicked layer is, since there is no editor to reveal it in.
 */
export function connectHost(showStatus: (text: string) => void): Host {
    if (typeof acquireVsCodeApi === 'function') {
        const api = acquireVsCodeApi();
        return { inEditor: true, post: m => api.postMessage(m), getState: () => api.getState(), setState: s => api.setState(s) };
    }
    let state: unknown;
    return {
        inEditor: false,
        post(message) {
            if (message.type === 'save') download(message);
            else if (message.type === 'reveal') showStatus(`${message.file ? `${message.file}: line` : 'Line'} ${message.line}, column ${message.column}`);
            else if (message.type === 'openFile') showStatus(message.uri);
        },
        getState: () => state,
        setState: s => { state = s; }
    };
}

function download(message: SaveMessage): void {
    const bytes = message.encoding === 'base64' ? Uint8Array.from(atob(message.data), c => c.charCodeAt(0)) : new TextEncoder().encode(message.data);
    const type = message.format === 'png' ? 'image/png' : message.format === 'svg' ? 'image/svg+xml' : 'text/csv';
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = message.fileName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
