import { getHeapSpaceStatistics } from 'node:v8';
import { DocumentState, type DocumentBuilder } from 'langium';

/** Past this share of the young generation in use after a build, it is collected at once. */
const FILL_TO_COLLECT = 0.5;

type Collect = (options: { type: 'minor' }) => void;

/**
 * Collects the young generation right after a build, when it is already half full, instead of
 * letting the next build fill it. A build of a written-out ResNet-152 allocates tens of megabytes
 * and keeps the document's tree, so the collection that would come inside the next build copies
 * that tree: a pause of up to 10 ms, measured between the parse and the analysis of the last
 * keystroke typed 20 ms apart (server/node-flags.ts gives the 64 MiB young generation). After the
 * build the server is idle and its diagnostics are out, so the same collection costs no one a wait.
 *
 * Needs `--expose-gc` (server/node-flags.ts); without it, as in a server started some other way,
 * this does nothing.
 */
export function collectAfterBuilds(builder: DocumentBuilder, collect = (globalThis as { gc?: Collect }).gc, fill = youngGenerationFill): void {
    if (typeof collect !== 'function') return;
    builder.onBuildPhase(DocumentState.Validated, () => {
        setImmediate(() => {
            if (fill() > FILL_TO_COLLECT) collect({ type: 'minor' });
        });
    });
}

/** The share of the young generation's current capacity that is in use. */
export function youngGenerationFill(): number {
    const young = getHeapSpaceStatistics().find(space => space.space_name === 'new_space');
    if (!young) return 0;
    const capacity = young.space_used_size + young.space_available_size;
    return capacity > 0 ? young.space_used_size / capacity : 0;
}
