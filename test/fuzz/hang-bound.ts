import { readFileSync } from 'node:fs';

/**
 * When a document's answers count as a hang. The machine that runs the fuzzer is shared (the
 * whole suite in parallel on two cores, other work besides), so wall time alone cannot tell a
 * server that is slow because it gets little of the CPU from one that will never answer. The
 * bound therefore watches the server's own CPU time (Linux /proc):
 * - spinning: the server spent HANG_CPU_MS of CPU on one document without answering it;
 * - never answers: requests are outstanding, yet the server used no CPU for IDLE_MS;
 * - and, whatever the CPU says (or where it cannot be read), HANG_WALL_MS of wall time.
 * Answers that come, however late, are slow, not hangs: the run reports them apart.
 */
export const HANG_CPU_MS = 30_000;
export const IDLE_MS = 20_000;
export const HANG_WALL_MS = 240_000;
/** A document that took this much of the server's CPU is reported as slow (not a failure). */
export const SLOW_CPU_MS = 2_000;

const POLL_MS = 250;
/** Linux reports process times in clock ticks of 1/100 s. */
const TICK_MS = 10;

/** A process's CPU time (user + system) in milliseconds, or undefined where /proc cannot be read. */
export function cpuMsOf(pid: number | undefined): number | undefined {
    if (pid === undefined) return undefined;
    try {
        // The command name (in parentheses) may hold spaces: the fields are counted after it.
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    } catch {
        return undefined;
    }
}

/** Why a document counts as hung. */
export type HangReason = { kind: 'spinning' | 'idle' | 'wall'; detail: string };

/** Watches one document's requests: `expired` resolves with the reason once a bound is passed. */
export class DocumentBound {
    readonly expired: Promise<HangReason>;
    private readonly startWall = performance.now();
    private readonly startCpu: number | undefined;
    private timer: NodeJS.Timeout | undefined;

    constructor(private readonly pid: number | undefined) {
        this.startCpu = cpuMsOf(pid);
        let lastCpu = this.startCpu;
        let lastProgress = this.startWall;
        this.expired = new Promise(resolve => {
            this.timer = setInterval(() => {
                const now = performance.now();
                const wall = now - this.startWall;
                const cpu = cpuMsOf(this.pid);
                if (cpu !== undefined && lastCpu !== undefined && this.startCpu !== undefined) {
                    if (cpu > lastCpu) {
                        lastCpu = cpu;
                        lastProgress = now;
                    }
                    if (cpu - this.startCpu >= HANG_CPU_MS) return this.expire(resolve, { kind: 'spinning', detail: `no answer after ${seconds(cpu - this.startCpu)} s of the server's CPU (${seconds(wall)} s wall)` });
                    if (now - lastProgress >= IDLE_MS) return this.expire(resolve, { kind: 'idle', detail: `no answer, and the server idle for ${seconds(now - lastProgress)} s (never answers)` });
                }
                if (wall >= HANG_WALL_MS) this.expire(resolve, { kind: 'wall', detail: `no answer within ${seconds(wall)} s` });
            }, POLL_MS);
        });
    }

    /** The server's CPU time spent since the document was sent (undefined where it cannot be read). */
    cpuMs(): number | undefined {
        const cpu = cpuMsOf(this.pid);
        return cpu === undefined || this.startCpu === undefined ? undefined : cpu - this.startCpu;
    }

    wallMs(): number {
        return performance.now() - this.startWall;
    }

    stop(): void {
        clearInterval(this.timer);
    }

    private expire(resolve: (reason: HangReason) => void, reason: HangReason): void {
        this.stop();
        resolve(reason);
    }
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
