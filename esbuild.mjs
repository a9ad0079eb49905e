// Bundles the entry points into out/ (CommonJS .cjs; Langium is ESM-only and esbuild handles that).
// `tsc -b` type-checks; this only bundles.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');

const options = {
    entryPoints: {
        'cli/cnn': 'cli/main.ts',
        'bench/analysis-bench': 'bench/analysis-bench.ts',
        'bench/lsp-bench': 'bench/lsp-bench.ts'
    },
    outdir: 'out',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    external: ['vscode'],
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning'
};

if (watch) {
    const context = await esbuild.context(options);
    await context.watch();
} else {
    await esbuild.build(options);
}
