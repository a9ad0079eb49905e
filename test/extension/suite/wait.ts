import * as vscode from 'vscode';

/**
 * Resolves with the first value of `probe` that `accept` takes, re-probing whenever `event`
 * fires (and, for values that change without an event, every `pollMs`); rejects after `timeoutMs`
 * with the last value seen. No fixed sleeps: it returns as soon as the editor is there.
 */
export function waitFor<T>(what: string, probe: () => T | Promise<T>, accept: (value: T) => boolean,
    options: { event?: vscode.Event<unknown>; pollMs?: number; timeoutMs?: number } = {}): Promise<T> {
    const { event, pollMs = 100, timeoutMs = 30_000 } = options;
    return new Promise((resolve, reject) => {
        let last: T | undefined;
        let done = false;
        let busy = false;
        const finish = (error?: Error, value?: T) => {
            if (done) return;
            done = true;
            clearInterval(interval);
            clearTimeout(timer);
            listener?.dispose();
            if (error) reject(error);
            else resolve(value as T);
        };
        const check = async () => {
            if (done || busy) return;
            busy = true;
            try {
                last = await probe();
                if (accept(last)) finish(undefined, last);
            } catch (error) {
                last = undefined;
                void error;
            } finally {
                busy = false;
            }
        };
        const listener = event?.(() => void check());
        const interval = setInterval(() => void check(), pollMs);
        const timer = setTimeout(() => finish(new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)}`)), timeoutMs);
        void check();
    });
}

/** Diagnostics of one document, re-read on every onDidChangeDiagnostics. */
export function waitForDiagnostics(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
    return waitFor(`diagnostics of ${uri.path}`, () => vscode.languages.getDiagnostics(uri), accept, { event: vscode.languages.onDidChangeDiagnostics, pollMs: 500 });
}
