// Runs the benchmarks from the bundles `npm run build` made (see bench/analysis-bench.ts).
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['out/bench/analysis-bench.cjs', 'out/cli/cnn.cjs'], { stdio: 'inherit' });
process.exitCode = result.status ?? 1;
