import { DocumentState, type DocumentBuilder } from 'langium';
import { describe, expect, it } from 'vitest';
import { collectAfterBuilds, youngGenerationFill } from '../../server/idle-collection.js';

/** A builder that only keeps its build-phase listeners, and fires the Validated ones. */
function fakeBuilder() {
    const listeners: Array<{ state: DocumentState; listener: () => void }> = [];
    const builder = { onBuildPhase: (state: DocumentState, listener: () => void) => listeners.push({ state, listener }) } as unknown as DocumentBuilder;
    const validated = async () => {
        listeners.filter(l => l.state === DocumentState.Validated).forEach(l => l.listener());
        // The collection waits for the build to return: one turn of the event loop.
        await new Promise(resolve => setImmediate(resolve));
    };
    return { builder, listeners, validated };
}

describe('collecting the young generation between builds', () => {
    it('collects after a build that left it more than half full, and only then', async () => {
        const calls: unknown[] = [];
        let fill = 0.6;
        const { builder, validated } = fakeBuilder();
        collectAfterBuilds(builder, options => calls.push(options), () => fill);
        expect(calls).toEqual([]);
        await validated();
        expect(calls).toEqual([{ type: 'minor' }]);
        fill = 0.4;
        await validated();
        expect(calls).toEqual([{ type: 'minor' }]);
    });

    it('does nothing where the collector is not exposed (a server started without --expose-gc)', () => {
        const { builder, listeners } = fakeBuilder();
        collectAfterBuilds(builder, undefined);
        expect(listeners).toEqual([]);
    });

    it('reads the young generation of this process', () => {
        const fill = youngGenerationFill();
        expect(fill).toBeGreaterThan(0);
        expect(fill).toBeLessThanOrEqual(1);
    });
});
