import { MEMORY_EVERY, REGRESSIONS, runFuzz } from './fuzz-run.js';
import { SLOW_CPU_MS } from './hang-bound.js';

// `npm run fuzz -- --minutes N [--seed S]`: a long fuzz run against the built server; minimal
// failing documents are saved under test/fuzz/regressions/ (then run by `npm test`).

function option(name: string, fallback: number): number {
    const at = process.argv.indexOf(`--${name}`);
    const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number`);
    return value;
}

async function main(): Promise<void> {
    const minutes = option('minutes', 5);
    const seed = option('seed', Date.now() % 2 ** 31);
    console.log(`fuzzing for ${minutes} min, seed ${seed}`);
    const report = await runFuzz({ seed, documents: Number.POSITIVE_INFINITY, milliseconds: minutes * 60_000, saveTo: REGRESSIONS, log: line => console.log(line) });
    const seconds = report.milliseconds / 1000;
    console.log(`${report.documents} documents in ${seconds.toFixed(0)} s (${(report.documents / seconds).toFixed(1)}/s); ${report.failures.length} failures`);
    if (report.serverMemory) console.log(`server memory at the end ${(report.serverMemory.rss / 2 ** 20).toFixed(0)} MiB, peak ${(report.serverMemory.peak / 2 ** 20).toFixed(0)} MiB`);
    if (report.memory.length > 0) console.log(`server memory every ${MEMORY_EVERY} documents (MiB): ${report.memory.map(m => (m.rss / 2 ** 20).toFixed(0)).join(' ')}`);
    console.log(`CPU: server ${report.cpu.serverMs === undefined ? 'unknown' : `${(report.cpu.serverMs / 1000).toFixed(0)} s`}, fuzzer ${(report.cpu.fuzzerMs / 1000).toFixed(0)} s; ${report.slow.length} slow documents (over ${SLOW_CPU_MS} ms of the server's CPU)`);
    for (const failure of report.failures) console.log(`- ${failure.findings[0]?.kind}: ${failure.findings[0]?.detail} (${failure.saved ?? 'not saved'})`);
    process.exitCode = report.failures.length > 0 ? 1 : 0;
}

void main();
