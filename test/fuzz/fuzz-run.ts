import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isWellFormed } from '../../language/unpaired-surrogates.js';
import { StdioLspClient } from '../lsp/stdio-client.js';
import { mutate } from './mutations.js';
import { randomProgram } from './programs.js';
import { Random } from './random.js';
import { cpuMsOf, SLOW_CPU_MS } from './hang-bound.js';
import { ServerChecks, type Finding } from './server-checks.js';

export const REGRESSIONS = resolve('test/fuzz/regressions');

export interface FuzzOptions {
    seed: number;
    /** Stop after this many documents... */
    documents: number;
    /** ...or after this long, whichever comes first. */
    milliseconds: number;
    /** Where minimal failing documents are written (none when undefined). */
    saveTo?: string;
    log?: (line: string) => void;
}

export interface FuzzReport {
    documents: number;
    milliseconds: number;
    failures: Array<{ text: string; findings: Finding[]; saved?: string; origin: string }>;
    /** The server's resident and peak memory at the end, in bytes (Linux), or undefined. */
    serverMemory?: { rss: number; peak: number };
    /** The server's resident memory every MEMORY_EVERY documents (Linux): settling caches flatten, a leak keeps climbing. */
    memory: Array<{ documents: number; rss: number }>;
    /** Documents that were answered correctly but took over SLOW_CPU_MS of the server's CPU: not failures, worth a look. */
    slow: Array<{ text: string; origin: string; cpuMs: number; wallMs: number }>;
    /** CPU time of the server(s) and of this process over the run, in milliseconds (server: Linux only). */
    cpu: { serverMs?: number; fuzzerMs: number };
}

/** How often the server's memory is sampled, in documents. */
export const MEMORY_EVERY = 250;

/** The example files (and the library they import), the seeds of the mutations. */
export function exampleTexts(): string[] {
    const dir = resolve('examples');
    const files = readdirSync(dir, { recursive: true }).map(String).filter(f => f.endsWith('.cnn')).sort();
    return files.map(f => readFileSync(join(dir, f), 'utf8'));
}

/** A workspace like the examples folder, so their imports resolve. */
export function fuzzWorkspace(): string {
    const folder = mkdtempSync(join(tmpdir(), 'cnn-fuzz-'));
    cpSync(resolve('examples/blocks'), join(folder, 'blocks'), { recursive: true });
    return folder;
}

/**
 * Seeded mutations of every example and grammar-based programs, through one long-lived server.
 * A document with findings is shrunk to a minimal one with the same kind of finding.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
    const log = options.log ?? (() => undefined);
    const examples = exampleTexts();
    const folder = fuzzWorkspace();
    let client = new StdioLspClient();
    await client.initialize(folder);
    let checks = new ServerChecks(client, folder);
    const random = new Random(options.seed);
    const started = performance.now();
    const fuzzerCpu = process.cpuUsage();
    const failures: FuzzReport['failures'] = [];
    const memory: FuzzReport['memory'] = [];
    const slow: FuzzReport['slow'] = [];
    // CPU of servers already closed (after a hang), and where the current one started.
    let serverCpu: number | undefined = 0;
    let serverCpuAtStart = cpuMsOf(client.pid);
    const addServerCpu = () => {
        const now = cpuMsOf(client.pid);
        serverCpu = serverCpu === undefined || now === undefined || serverCpuAtStart === undefined ? undefined : serverCpu + now - serverCpuAtStart;
    };
    let documents = 0;
    while (documents < options.documents && performance.now() - started < options.milliseconds) {
        const fromExample = random.chance(0.75);
        const base = fromExample ? examples[documents % examples.length] : randomProgram(random);
        const { text, applied } = fromExample || random.chance(0.5) ? mutate(base, random) : { text: base, applied: [] };
        const seed = random.below(2 ** 31);
        const findings = await checks.check(text, new Random(seed));
        documents++;
        const origin = `${fromExample ? `example #${(documents - 1) % examples.length}` : 'program'} ${applied.join(', ')}`;
        const cost = checks.lastCost;
        if (cost.cpuMs !== undefined && cost.cpuMs > SLOW_CPU_MS && findings.length === 0) {
            slow.push({ text, origin, cpuMs: cost.cpuMs, wallMs: cost.wallMs });
            log(`slow document ${documents} (${origin}): ${cost.cpuMs} ms of the server's CPU, answered in ${(cost.wallMs / 1000).toFixed(1)} s`);
        }
        if (documents % MEMORY_EVERY === 0) {
            const rss = serverMemoryOf(client.pid)?.rss;
            if (rss !== undefined) memory.push({ documents, rss });
        }
        if (findings.length > 0) {
            log(`finding on document ${documents} (${origin}): ${findings[0].kind}: ${findings[0].detail}`);
            if (findings.some(f => f.kind === 'hang' || f.kind === 'server-died')) {
                // A hung server cannot shrink anything: start a fresh one.
                // Killed, not shut down: a hung server never answers `shutdown` (that wait hung a run).
                addServerCpu();
                killServer(client);
                client = new StdioLspClient();
                await client.initialize(folder);
                serverCpuAtStart = cpuMsOf(client.pid);
                checks = new ServerChecks(client, folder);
                // Saved as it is (shrinking would hang as often): a regression to look into.
                failures.push({ text, findings, origin, saved: options.saveTo ? saveRegression(options.saveTo, text, seed) : undefined });
                continue;
            }
            const kind = findings[0].kind;
            const minimal = await shrink(text, async candidate => (await checks.check(candidate, new Random(seed))).some(f => f.kind === kind));
            const failure: FuzzReport['failures'][number] = { text: minimal, findings: await checks.check(minimal, new Random(seed)), origin };
            if (options.saveTo) failure.saved = saveRegression(options.saveTo, minimal, seed);
            failures.push(failure);
        }
    }
    const serverMemory = serverMemoryOf(client.pid);
    addServerCpu();
    const fuzzer = process.cpuUsage(fuzzerCpu);
    await client.close();
    return { documents, milliseconds: performance.now() - started, failures, serverMemory, memory, slow, cpu: { serverMs: serverCpu, fuzzerMs: (fuzzer.user + fuzzer.system) / 1000 } };
}

/**
 * Greedy delta debugging: drop halves, quarters, … of the lines, then of the characters, as long
 * as the failure stays. At most 300 tries, so a shrink never takes longer than the run.
 */
export async function shrink(text: string, fails: (candidate: string) => Promise<boolean>): Promise<string> {
    let current = text;
    let tries = 0;
    for (const unit of ['line', 'char'] as const) {
        const split = (s: string) => (unit === 'line' ? s.split(/(?<=\n)/) : [...s]);
        let parts = split(current);
        let chunk = Math.max(1, Math.floor(parts.length / 2));
        while (chunk >= 1 && tries < 300) {
            let removed = false;
            for (let at = 0; at < parts.length && tries < 300; at += chunk) {
                const candidate = [...parts.slice(0, at), ...parts.slice(at + chunk)].join('');
                tries++;
                if (candidate !== current && await fails(candidate)) {
                    current = candidate;
                    parts = split(current);
                    removed = true;
                    at -= chunk;
                }
            }
            if (!removed) chunk = Math.floor(chunk / 2);
        }
    }
    return current;
}

function killServer(client: StdioLspClient): void {
    if (client.pid !== undefined) {
        try {
            process.kill(client.pid, 'SIGKILL');
        } catch {
            // Already gone (it died, which is its own finding).
        }
    }
    client.connection.dispose();
}

/** A process's resident and peak resident memory in bytes (Linux /proc), else undefined. */
export function serverMemoryOf(pid: number | undefined): { rss: number; peak: number } | undefined {
    try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
        return { rss: kib('VmRSS'), peak: kib('VmHWM') };
    } catch {
        return undefined;
    }
}

/**
 * Saves a failing document: as a .cnn file, or, where the text is not well-formed UTF-16 (an
 * unpaired surrogate, which UTF-8 cannot hold and would turn into U+FFFD), as a JSON string in
 * a .cnn.json file, so the saved case is exactly the one that failed.
 */
function saveRegression(dir: string, text: string, seed: number): string {
    const name = `${createHash('sha256').update(text).digest('hex').slice(0, 12)}.cnn`;
    const wellFormed = isWellFormed(text);
    const path = join(dir, wellFormed ? name : `${name}.json`);
    writeFileSync(path, wellFormed ? text : `${JSON.stringify(text)}\n`);
    writeFileSync(`${path}.seed`, `${seed}\n`);
    return path;
}
