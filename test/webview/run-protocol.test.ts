import { describe, expect, it } from 'vitest';
import { isRunMessageType, parseRunHostMessage, parseRunWebviewMessage } from '../../client/run-protocol.js';
import { layerShares, median, shareOf, throughput } from '../../client/webview/run/run-stats.js';

const SPEC = { network: 'N', inputShape: [8, 8, 3], nodes: [{ name: 'conv_1', className: 'Conv2D', config: { filters: 4 }, inputs: [-1], row: 0 }], outputs: [0], outputNames: ['output'], outputShapes: [[4, 8, 8]], optimized: false };
const MODEL = { type: 'runModel', network: 'N', spec: SPEC, rows: [{ row: 0, name: 'conv_1', macs: '6912' }], scriptUri: 'https://x/run.js', wasmDir: 'https://x/', runs: 5 };
const RESULT = { type: 'runResult', network: 'N', backend: 'wasm', backendNotes: ['webgl: none'], runs: 5, medianMs: 2, imagesPerSecond: 500, gmacPerSecond: 0.003456, layers: [{ row: 0, name: 'conv_1', milliseconds: 1.5, timeShare: 1, macsShare: 1 }] };

describe('Run tab messages', () => {
    it('accept what the host and the page send, copied', () => {
        expect(parseRunHostMessage(MODEL)).toEqual(MODEL);
        expect(parseRunHostMessage({ type: 'runUnavailable', reason: 'untrusted' })).toEqual({ type: 'runUnavailable', reason: 'untrusted' });
        expect(parseRunWebviewMessage(RESULT)).toEqual(RESULT);
        expect(parseRunWebviewMessage({ type: 'runRequest', network: null })).toEqual({ type: 'runRequest', network: null });
        expect(parseRunHostMessage({ ...MODEL, runs: 1_000_000 })).toMatchObject({ runs: 1000 });
        expect(['runModel', 'runUnavailable', 'runRequest', 'runResult', 'analysis', 7].map(type => isRunMessageType({ type }))).toEqual([true, true, true, true, false, false]);
    });

    it('refuse malformed ones', () => {
        const bad: unknown[] = [
            null, [], { ...MODEL, runs: -1 }, { ...MODEL, rows: [{ row: 0, name: 'c', macs: '1e9' }] }, { ...MODEL, rows: [{ row: 0, name: 'c', macs: 5 }] },
            { ...MODEL, spec: { ...SPEC, nodes: [{ ...SPEC.nodes[0], inputs: [-2] }] } }, { ...MODEL, spec: { ...SPEC, nodes: 'x' } }, { ...MODEL, scriptUri: 1 },
            { type: 'runUnavailable' }
        ];
        expect(bad.map(parseRunHostMessage)).toEqual(bad.map(() => null));
        const badResults: unknown[] = [{ ...RESULT, medianMs: Infinity }, { ...RESULT, backendNotes: [1] }, { ...RESULT, layers: [{ ...RESULT.layers[0], timeShare: '1' }] }, { type: 'runRequest', network: 3 }];
        expect(badResults.map(parseRunWebviewMessage)).toEqual(badResults.map(() => null));
    });
});

describe('Run tab figures', () => {
    it('medians, shares past 2^53 and throughput', () => {
        expect([median([]), median([3, 1, 2]), median([4, 1, 3, 2])]).toEqual([0, 2, 2.5]);
        expect(shareOf(2n ** 60n, 2n ** 62n)).toBe(0.25);
        expect(throughput(4, 2_000_000_000n)).toEqual({ imagesPerSecond: 250, gmacPerSecond: 500 });
        expect(throughput(0, 5n)).toEqual({ imagesPerSecond: 0, gmacPerSecond: 0 });
        const rows = [{ row: 0, name: 'a', macs: '300' }, { row: 1, name: 'b', macs: '100' }, { row: 2, name: 'c', macs: '0' }];
        const repeats = [[{ row: 0, milliseconds: 1 }, { row: 2, milliseconds: 3 }], [{ row: 0, milliseconds: 3 }, { row: 2, milliseconds: 1 }], [{ row: 0, milliseconds: 2 }, { row: 2, milliseconds: 2 }]];
        expect(layerShares(repeats, rows)).toEqual([
            { row: 0, name: 'a', milliseconds: 2, timeShare: 0.5, macsShare: 0.75 },
            { row: 2, name: 'c', milliseconds: 2, timeShare: 0.5, macsShare: 0 }
        ]);
    });
});
