import { DefaultDocumentBuilder, DocumentState, OperationCancelled, type LangiumDocument, type URI } from 'langium';
import { CancellationToken } from 'vscode-languageserver';

/** Edits closer together than this (in ms) are a burst: a typist with no pause, or an editor catching up. */
const BURST_GAP_MS = 4;
/** In a burst, an update waits this long for the next edit before it builds. */
const BURST_QUIET_MS = 1;

/**
 * Builds only the latest state of the workspace when edits arrive faster than builds finish.
 *
 * The JSON-RPC connection reads one queued message per event-loop turn, and Langium starts each
 * update as soon as it is queued, so every keystroke of a fast typist began a parse before the
 * next keystroke could cancel it: 1,653 characters typed in 1.4 s left the final diagnostics
 * 261 s behind. Here an update first waits one turn, letting the next queued edit in, and gives
 * way to it if it came (it is then cancelled). Within a burst it waits a little longer (1 ms),
 * as a build it starts cannot be stopped inside its parse: on a written-out ResNet-152 a build
 * begun in a gap between keystrokes held the last one's diagnostics back by up to 20 ms.
 * The URIs of updates that gave way are carried into the next one, so no change is ever dropped.
 */
export class CnnDocumentBuilder extends DefaultDocumentBuilder {
    private readonly pendingChanged = new Map<string, URI>();
    private readonly pendingDeleted = new Map<string, URI>();
    private lastUpdateAt = -Infinity;

    override async update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
        for (const uri of changed) {
            this.pendingDeleted.delete(uri.toString());
            this.pendingChanged.set(uri.toString(), uri);
        }
        for (const uri of deleted) {
            this.pendingChanged.delete(uri.toString());
            this.pendingDeleted.set(uri.toString(), uri);
        }
        const now = performance.now();
        const inBurst = now - this.lastUpdateAt < BURST_GAP_MS;
        this.lastUpdateAt = now;
        // An update queued behind a newer one starts already cancelled: it gives way at once.
        if (!cancelToken?.isCancellationRequested) await nextEditOrAfter(inBurst ? BURST_QUIET_MS : 0, cancelToken);
        if (cancelToken?.isCancellationRequested) throw OperationCancelled;
        const changedNow = [...this.pendingChanged.values()];
        const deletedNow = [...this.pendingDeleted.values()];
        this.pendingChanged.clear();
        this.pendingDeleted.clear();
        return super.update(changedNow, deletedNow, cancelToken);
    }

    /**
     * A validated document's diagnostics are published at once. Langium gives the event loop a turn
     * before each listener, so that a newer edit can cancel; here nothing is left to cancel, and
     * that turn let queued work run first: garbage collections of 5–13 ms, measured between the
     * end of the validation and the diagnostics of the last keystroke (typing 20 ms apart).
     */
    protected override async notifyDocumentPhase(document: LangiumDocument, state: DocumentState, cancelToken: CancellationToken): Promise<void> {
        return super.notifyDocumentPhase(document, state, state === DocumentState.Validated ? CancellationToken.None : cancelToken);
    }
}

/**
 * Resolves after one event-loop turn (`ms` 0) or `ms` milliseconds, or as soon as a newer edit
 * cancels the update: the workspace lock runs updates one after another, so one asleep on a timer
 * would hold back every edit queued behind it.
 */
function nextEditOrAfter(ms: number, cancelToken: CancellationToken | undefined): Promise<void> {
    return new Promise(resolve => {
        if (ms === 0) {
            setImmediate(resolve);
            return;
        }
        const done = () => {
            clearTimeout(timer);
            subscription?.dispose();
            resolve();
        };
        const timer = setTimeout(done, ms);
        const subscription = cancelToken?.onCancellationRequested(done);
    });
}
