import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Tf } from './tfjs-types.js';

export type BackendName = 'cpu' | 'wasm' | 'webgl' | 'webgpu' | 'tensorflow';

export interface LoadedTf {
    tf: Tf;
    backend: string;
    /** Why the requested backend was not used, if it was not. */
    fallback?: string;
}

/**
 * Loads tfjs in Node on demand (only `cnn compile`/`cnn run` pay for it) and selects a backend:
 * `wasm` with its .wasm files from node_modules, `tensorflow` through @tensorflow/tfjs-node when
 * the user has installed it; `webgl`/`webgpu` exist only in browsers, so Node falls back to wasm.
 */
export async function loadTf(requested: BackendName = 'wasm', from: string = process.cwd()): Promise<LoadedTf> {
    const require = createRequire(join(from, 'noop.js'));
    const fallbackRequire = createRequire(__filenameOrHere());
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const load = (name: string): any => {
        try { return require(name); } catch { return fallbackRequire(name); }
    };
    let fallback: string | undefined;
    let tf: Tf;
    if (requested === 'tensorflow') {
        try {
            tf = load('@tensorflow/tfjs-node') as Tf;
            await tf.setBackend('tensorflow');
            await tf.ready();
            return { tf, backend: tf.getBackend() };
        } catch {
            fallback = `backend 'tensorflow' needs @tensorflow/tfjs-node (npm install @tensorflow/tfjs-node); using wasm`;
            requested = 'wasm';
        }
    }
    tf = load('@tensorflow/tfjs') as Tf;
    if (requested === 'webgl' || requested === 'webgpu') {
        fallback = `backend '${requested}' needs a browser's GPU (the editor's Run view); Node uses wasm`;
        requested = 'wasm';
    }
    if (requested === 'wasm') {
        const wasm = load('@tensorflow/tfjs-backend-wasm');
        const resolve = (name: string) => { try { return require.resolve(name); } catch { return fallbackRequire.resolve(name); } };
        wasm.setWasmPaths(dirname(resolve('@tensorflow/tfjs-backend-wasm')) + '/');
    }
    try {
        if (!(await tf.setBackend(requested))) throw new Error('not available');
    } catch {
        fallback = `${fallback ? fallback + '; ' : ''}backend '${requested}' failed to start; using cpu`;
        await tf.setBackend('cpu');
    }
    await tf.ready();
    // The cpu backend greets Node users with a banner on first use; the CLI's output stays ours.
    if (tf.getBackend() === 'cpu') (tf.backend() as unknown as { firstUse: boolean }).firstUse = false;
    return { tf, backend: tf.getBackend(), fallback };
}

function __filenameOrHere(): string {
    return typeof __filename === 'string' ? __filename : join(process.cwd(), 'noop.js');
}
