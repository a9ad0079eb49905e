import { describe, expect, test } from 'vitest';
import { REGRESSIONS, runFuzz } from './fuzz-run.js';

// The bounded fuzz run of `npm test` (issue 11): seeded mutations of every example and
// grammar-based programs through the built server over stdio, every editor request on each.
// `npm run fuzz -- --minutes 30` runs longer with fresh seeds. FUZZ_DOCUMENTS overrides the count.

const DOCUMENTS = Number(process.env.FUZZ_DOCUMENTS ?? 2000);
const LIMIT_MS = 120_000;

describe('fuzzing the language server', () => {
    test(`${DOCUMENTS} documents (or ${LIMIT_MS / 1000} s): no failure, hang, range outside, bad text or changed text`, async () => {
        const report = await runFuzz({ seed: 20261202, documents: DOCUMENTS, milliseconds: LIMIT_MS, saveTo: REGRESSIONS, log: line => console.log(line) });
        const rate = report.documents / (report.milliseconds / 1000);
        console.log(`fuzz: ${report.documents} documents in ${(report.milliseconds / 1000).toFixed(1)} s (${rate.toFixed(1)}/s), server memory ${report.serverMemory ? `${(report.serverMemory.rss / 2 ** 20).toFixed(0)} MiB (peak ${(report.serverMemory.peak / 2 ** 20).toFixed(0)} MiB)` : 'unknown'}`);
        const shown = report.failures.map(f => `${f.findings.map(x => `${x.kind}: ${x.detail}`).join('; ')}\n  minimal (${f.origin})${f.saved ? `, saved as ${f.saved}` : ''}: ${JSON.stringify(f.text.slice(0, 500))}`);
        expect(shown).toEqual([]);
        // The whole suite runs in parallel on two cores: 2 documents/s there, 10/s alone. A run
        // too short to mean anything fails.
        expect(report.documents).toBeGreaterThanOrEqual(Math.min(DOCUMENTS, 100));
    }, LIMIT_MS + 120_000);
});
