import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI = resolve('out/cli/cnn.cjs');

export interface CliResult { status: number | null; stdout: string; stderr: string }

/** Runs the built `cnn` bin (npm test builds it first) as a user would. */
export function cnn(...args: string[]): CliResult {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' (npm test does it)`);
    // JSON reports of the largest examples pass spawnSync's default 1 MiB of output.
    const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: resolve('.'), maxBuffer: 256 * 2 ** 20 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes `text` to a file called `name` in a new temporary directory; returns its path. */
export function tempFile(name: string, text: string): string {
    const path = join(mkdtempSync(join(tmpdir(), 'cnn-cli-')), name);
    writeFileSync(path, text);
    return path;
}
