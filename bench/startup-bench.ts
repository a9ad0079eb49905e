import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// The CLI's start-up, end to end (process start to exit), in one run: this machine is shared, so
// compare the ratios, not the absolute times. Each round runs every variant of every command once,
// in turn (the order rotates per round), and the medians are taken over the rounds.
//  - before: the whole CLI in one bundle, out/cli/cnn-main.cjs, which is what out/cli/cnn.cjs was
//    before the start-up snapshot (same sources, same bundle, started the same way);
//  - no snapshot: the bin with CNN_SNAPSHOT=0 (launcher, then that bundle): what a Node.js other
//    than the one that built out/cli/cnn.blob gets;
//  - after: the bin as it ships, `analyze`/`check`/`compare` from the start-up snapshot.
// Usage: node out/bench/startup-bench.cjs [out/cli/cnn.cjs] [--runs N]

const cli = resolve(process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 'out/cli/cnn.cjs');
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 15;
const bundle = join(dirname(cli), 'cnn-main.cjs');
for (const file of [cli, bundle, join(dirname(cli), 'cnn.blob')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run 'npm run bundle' first`);
}

interface Variant { name: string; script: string; env: NodeJS.ProcessEnv }
const variants: Variant[] = [
    { name: 'before', script: bundle, env: process.env },
    { name: 'no snapshot', script: cli, env: { ...process.env, CNN_SNAPSHOT: '0' } },
    { name: 'after', script: cli, env: process.env }
];
const commands = [
    ['analyze', 'examples/resnet50.cnn'],
    ['compare', 'examples/alexnet.cnn', 'examples/vgg16.cnn', 'examples/resnet50.cnn'],
    ['check', 'examples/mobilenet-v2.cnn'],
    ['--help']
].filter(args => args.slice(1).every(file => file.startsWith('-') || existsSync(file)));

function run(variant: Variant, args: string[]): { ms: number; status: number | null; stdout: string } {
    const start = performance.now();
    const result = spawnSync(process.execPath, [variant.script, ...args], { encoding: 'utf8', env: variant.env });
    return { ms: performance.now() - start, status: result.status, stdout: result.stdout };
}

function median(samples: number[]): number {
    const sorted = [...samples].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// One untimed run of each: the disk cache, and a check that every variant prints the same.
for (const args of commands) {
    const [first, ...others] = variants.map(variant => run(variant, args));
    for (const [i, other] of others.entries()) {
        if (other.status !== first.status || other.stdout !== first.stdout) {
            throw new Error(`cnn ${args.join(' ')}: '${variants[i + 1].name}' differs from 'before' (exit ${other.status} vs ${first.status})`);
        }
    }
}

const samples = commands.map(() => variants.map(() => [] as number[]));
for (let round = 0; round < runs; round++) {
    for (const [c, args] of commands.entries()) {
        for (let k = 0; k < variants.length; k++) {
            const v = (k + round) % variants.length;
            samples[c][v].push(run(variants[v], args).ms);
        }
    }
}
const floor = median(Array.from({ length: runs }, () => run({ name: 'node', script: '-e', env: process.env }, ['0']).ms));

console.log(`CLI start-up, end to end (median of ${runs} alternating runs, ms; compare the ratios)`);
console.log(`${'command'.padEnd(44)}${variants.map(v => v.name.padStart(13)).join('')}  before/after`);
for (const [c, args] of commands.entries()) {
    const medians = samples[c].map(median);
    const label = `cnn ${args.join(' ')}`;
    const shown = label.length > 43 ? `${label.slice(0, 40)}...` : label;
    console.log(`${shown.padEnd(44)}${medians.map(ms => ms.toFixed(0).padStart(13)).join('')}  ${(medians[0] / medians[2]).toFixed(2).padStart(11)}×`);
}
console.log(`node -e 0 (Node.js's own start-up): ${floor.toFixed(0)} ms`);
