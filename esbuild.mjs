// Bundles the entry points into out/ (CommonJS .cjs; Langium is ESM-only and esbuild handles that).
// `tsc -b` type-checks; this only bundles.
import * as esbuild from 'esbuild';
import { buildCliSnapshot } from './scripts/build-cli-snapshot.mjs';

const watch = process.argv.includes('--watch');

const options = {
    entryPoints: {
        // The bin: a launcher of node built-ins that starts analyze/check/compare from the start-up
        // snapshot built below (cli/snapshot-entry.ts), anything else from the whole CLI, cnn-main.
        'cli/cnn': 'cli/launcher.ts',
        'cli/cnn-main': 'cli/main.ts',
        'cli/cnn-snapshot': 'cli/snapshot-entry.ts',
        // cnn compile / cnn run: loaded on demand so the other commands never pay for TensorFlow.js.
        'cli/tfjs-commands': 'cli/tfjs-commands.ts',
        'bench/compiler-bench': 'bench/compiler-bench.ts',
        'bench/analysis-bench': 'bench/analysis-bench.ts',
        'bench/lsp-bench': 'bench/lsp-bench.ts',
        'bench/typing-bench': 'bench/typing-bench.ts',
        'bench/startup-bench': 'bench/startup-bench.ts',
        // `npm run fuzz -- --minutes N`: the long fuzz run (test/fuzz/).
        'test/fuzz/fuzz-cli': 'test/fuzz/fuzz-cli.ts',
        // The mocha suite that runs inside the extension host (test/extension/).
        'test/extension/suite/index': 'test/extension/suite/index.ts'
    },
    outdir: 'out',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    // vscode is the editor's; mocha is loaded from node_modules by the test suite (never packaged).
    external: ['vscode', 'mocha'],
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning'
};

// The VS Code extension: its client (vscode is provided by the editor) and the server it starts
// over IPC, minified since they ship in the .vsix (their source maps stay out of it).
const extensionOptions = {
    ...options,
    entryPoints: { 'client/extension': 'client/extension.ts', 'server/main': 'server/ipc-main.ts' },
    minify: true,
    banner: {}
};

// The chart webview: a browser bundle (Chart.js inlined, no CDN) and its style sheet, loaded by the
// extension's panel and inlined into `cnn report` pages.
const webviewOptions = {
    entryPoints: [{ in: 'client/webview/main.ts', out: 'webview/chart' }, { in: 'client/webview/chart.css', out: 'webview/chart' }],
    outdir: 'out',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning'
};

// The Run tab's TensorFlow.js bundle (client/webview/run/), loaded by the chart page only when the
// tab opens; the wasm backend's files are copied beside it for setWasmPaths.
const runTabOptions = { ...webviewOptions, entryPoints: { 'webview/run': 'client/webview/run/run-entry.ts' } };
async function copyWasm() {
    const { copyFileSync, mkdirSync } = await import('node:fs');
    mkdirSync('out/webview', { recursive: true });
    for (const name of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
        copyFileSync(`node_modules/@tensorflow/tfjs-backend-wasm/dist/${name}`, `out/webview/${name}`);
    }
}

// `CNN: Compile to TensorFlow.js`: TensorFlow.js and the compiler, required by the extension only
// when the command runs (extension.cjs stays without TensorFlow.js).
const compileCommandOptions = { ...extensionOptions, entryPoints: { 'client/compile-tfjs': 'client/compile-tfjs.ts' } };

// The compiler's custom tfjs layers as a readable ES module, copied next to every compiled network.
const compilerLayersOptions = {
    entryPoints: { 'compiler/cnn-layers': 'compiler/custom-layers.ts' },
    outdir: 'out',
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    logLevel: 'warning'
};

if (watch) {
    const context = await esbuild.context(options);
    await context.watch();
    await (await esbuild.context(extensionOptions)).watch();
    await (await esbuild.context(webviewOptions)).watch();
    await (await esbuild.context(runTabOptions)).watch();
    await copyWasm();
} else {
    await Promise.all([esbuild.build(options), esbuild.build(extensionOptions), esbuild.build(webviewOptions), esbuild.build(compilerLayersOptions), esbuild.build(runTabOptions), esbuild.build(compileCommandOptions), copyWasm()]);
    // After the bundles: it runs out/cli/cnn-snapshot.cjs (watch mode keeps the old blob, which
    // the launcher then sees is older than its bundle and leaves alone).
    buildCliSnapshot();
}
