import { statSync } from 'node:fs';
import { join } from 'node:path';

/** The start-up snapshot, its stamp and the bundle it is built from, side by side in out/cli/. */
export const SNAPSHOT_BLOB = 'cnn.blob';
export const SNAPSHOT_STAMP = 'cnn.blob.json';
export const SNAPSHOT_BUNDLE = 'cnn-snapshot.cjs';

/**
 * What a snapshot is only valid for: V8 refuses (aborts on) a blob from another Node.js build, and
 * a blob older than its bundle (esbuild's watch mode rebuilds the bundle, not the blob) would run
 * stale code. Compared as a whole, so any difference means "do not use it".
 */
export interface SnapshotStamp {
    node: string;
    arch: string;
    platform: string;
    bundle: { size: number; mtimeMs: number };
}

/** The stamp a snapshot of the bundle in `dir` would carry if this Node.js built it now. */
export function currentStamp(dir: string): SnapshotStamp {
    const bundle = statSync(join(dir, SNAPSHOT_BUNDLE));
    return { node: process.version, arch: process.arch, platform: process.platform, bundle: { size: bundle.size, mtimeMs: bundle.mtimeMs } };
}

export function sameStamp(a: SnapshotStamp, b: SnapshotStamp): boolean {
    return a.node === b.node && a.arch === b.arch && a.platform === b.platform
        && a.bundle?.size === b.bundle.size && a.bundle?.mtimeMs === b.bundle.mtimeMs;
}
