// `npm run bench:chart`: bundles bench/chart-bench.ts (playwright-core stays external) and runs it.
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';

await esbuild.build({
    entryPoints: { 'bench/chart-bench': 'bench/chart-bench.ts' },
    outdir: 'out', outExtension: { '.js': '.cjs' }, bundle: true, format: 'cjs', platform: 'node', target: 'node20',
    external: ['playwright-core'], logLevel: 'warning'
});
const result = spawnSync(process.execPath, ['out/bench/chart-bench.cjs'], { stdio: 'inherit' });
process.exitCode = result.status ?? 1;
