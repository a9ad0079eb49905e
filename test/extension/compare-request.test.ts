import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, describe, expect, it } from 'vitest';
import { compareEntries } from '../../server/compare-request.js';
import { expectedBubbles } from './code-server-harness.js';
import { createCnnServices } from '../../server/cnn-module.js';

/** `cnn/compare` over a workspace holding a copy of the examples, plus the examples themselves. */
describe('cnn/compare', () => {
    const { shared, Cnn } = createCnnServices(NodeFileSystem);
    const folder = mkdtempSync(join(tmpdir(), 'cnn-compare-'));
    cpSync(resolve('examples'), folder, { recursive: true });
    afterAll(() => rmSync(folder, { recursive: true, force: true }));
    const files = (dir: string) => readdirSync(dir).filter(n => n.endsWith('.cnn')).map(n => URI.file(join(dir, n)));

    it('lists each network with a top-1 once, the current one marked', async () => {
        const documents = shared.workspace.LangiumDocuments;
        const loaded = await Promise.all(files(folder).map(uri => documents.getOrCreateDocument(uri)));
        await shared.workspace.DocumentBuilder.build(loaded, { validation: false });
        const current = URI.file(join(folder, 'alexnet.cnn')).toString();
        const first = performance.now();
        const entries = compareEntries({ uri: current, network: 'AlexNet', extraUris: files(resolve('examples')).map(u => u.toString()) },
            documents, Cnn.analysis.DocumentAnalyzer, Cnn.analysis.Settings.current.cost);
        // The CLI's `cnn compare examples/*.cnn`, each distinct network once.
        expect(entries).toHaveLength(expectedBubbles());
        expect(new Set(entries.map(e => `${e.name}|${e.params}|${e.macs}`)).size).toBe(entries.length);
        expect(entries.filter(e => e.current).map(e => [e.file, e.name, e.top1])).toEqual([['alexnet.cnn', 'AlexNet', 56.522]]);
        expect(entries.every(e => typeof e.top1 === 'number')).toBe(true);
        // Sorted by MACs, as the chart's x axis.
        expect(entries.map(e => e.macs)).toEqual([...entries.map(e => e.macs)].sort((a, b) => a - b));
        // A second comparison at the same settings reuses the examples' analyses.
        const again = performance.now();
        const second = compareEntries({ uri: current, network: 'AlexNet', extraUris: files(resolve('examples')).map(u => u.toString()) },
            documents, Cnn.analysis.DocumentAnalyzer, Cnn.analysis.Settings.current.cost);
        expect(second).toEqual(entries);
        console.log(`cnn/compare over ${entries.length} networks: first ${(again - first).toFixed(0)} ms, again ${(performance.now() - again).toFixed(0)} ms`);
        const alexnet = entries.find(e => e.current)!;
        expect([alexnet.params, alexnet.macs, alexnet.memoryBytes]).toEqual([61_100_840, 716_767_232, 2_358_432]);
    });
});
