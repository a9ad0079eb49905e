// Builds the CLI's start-up snapshot out/cli/cnn.blob from out/cli/cnn-snapshot.cjs (see
// cli/snapshot-entry.ts), with its stamp out/cli/cnn.blob.json. A failure only warns: `cnn`
// then starts from the plain bundle (cli/launcher.ts), slower but the same.
import { spawnSync } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';

const dir = 'out/cli';
const blob = `${dir}/cnn.blob`;
const stamp = `${dir}/cnn.blob.json`;

export function buildCliSnapshot() {
    // First the stamp: a blob without one is never used, whatever happens below.
    for (const file of [stamp, `${stamp}.tmp`, blob, `${blob}.tmp`]) rmSync(file, { force: true });
    const build = spawnSync(process.execPath, ['--snapshot-blob', `${blob}.tmp`, '--build-snapshot', `${dir}/cnn-snapshot.cjs`, 'examples'], { encoding: 'utf8' });
    if (build.status !== 0) {
        const lines = build.stderr?.trim().split('\n') ?? [];
        const why = build.error?.message ?? lines.find(line => /Error/.test(line)) ?? (lines.at(-1) || `exit ${build.status ?? build.signal}`);
        console.warn(`esbuild.mjs: no start-up snapshot for the CLI (cnn starts from the bundle, about 4× slower): ${why}`);
        for (const file of [`${stamp}.tmp`, `${blob}.tmp`]) rmSync(file, { force: true });
        return;
    }
    renameSync(`${blob}.tmp`, blob);
    renameSync(`${stamp}.tmp`, stamp);
}
