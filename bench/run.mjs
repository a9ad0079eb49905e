// Runs the benchmarks from the bundles `npm run build` made (see bench/analysis-bench.ts).
import { spawnSync } from 'node:child_process';

for (const bench of ['out/bench/analysis-bench.cjs', 'out/bench/lsp-bench.cjs', 'out/bench/typing-bench.cjs', 'out/bench/startup-bench.cjs']) {
    const result = spawnSync(process.execPath, [bench, 'out/cli/cnn.cjs'], { stdio: 'inherit' });
    if (result.status !== 0) {
        process.exitCode = result.status ?? 1;
        break;
    }
    console.log();
}
