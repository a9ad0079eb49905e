/**
 * The compiler's benchmark (npm run bench:compiler): ResNet-18, ResNet-50 and MobileNetV2 on
 * tfjs's wasm backend in Node, batch 1 at 224×224. In one run, alternating, it times the
 * compiled model, the same network written by hand with tfjs layers, and the `--optimize` model
 * (predict + reading the output back), then prints medians, ratios and GMAC/s.
 */
import { analyzeFile } from '../cli/analyze-file.js';
import { createModel } from '../compiler/build-model.js';
import { compileNetwork } from '../compiler/compile-network.js';
import { loadTf } from '../compiler/node-backend.js';
import type { LayersModel, Tensor } from '../compiler/tfjs-types.js';
import { DEFAULT_SETTINGS } from '../language/analysis/settings.js';
import { handWrittenModel } from './hand-written-models.js';

const NETWORKS = [['examples/resnet18.cnn', 'ResNet18'], ['examples/resnet50.cnn', 'ResNet50'], ['examples/mobilenet.cnn', 'MobileNetV2']] as const;
const ROUNDS = Number(process.env.CNN_BENCH_ROUNDS ?? 7);
const WARMUP = 2;

/**
 * One forward pass: its wall time, and the CPU time this process spent on it, which a busy shared
 * machine disturbs far less (tfjs's wasm backend runs on one thread in Node).
 */
async function time(model: LayersModel, input: Tensor): Promise<{ wall: number; cpu: number }> {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const output = model.predict(input) as Tensor;
    await output.data();
    output.dispose();
    const cpu = process.cpuUsage(c0);
    return { wall: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 };
}

const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main(): Promise<void> {
    const { tf, backend } = await loadTf('wasm');
    console.log(`tfjs ${tf.version.tfjs} on ${backend}, batch 1, median of ${ROUNDS} alternating rounds after ${WARMUP} warm-ups`);
    console.log('CPU milliseconds per forward pass (this process); wall milliseconds beside them');
    console.log('network      | compiled ms | hand-written ms | compiled/hand | optimised ms | optimised/compiled | GMAC/s compiled | GMAC/s optimised | wall c / h / o ms | kernels c / h / o');
    for (const [file, name] of NETWORKS) {
        const network = analyzeFile(file, DEFAULT_SETTINGS).analysis.networks.find(n => n.name === name)!;
        const plain = compileNetwork(network, { seed: 1 });
        const optimised = compileNetwork(network, { seed: 1 }, { optimize: true });
        const models = { compiled: createModel(tf, plain.spec, plain.weights), hand: handWrittenModel(tf, name), optimised: createModel(tf, optimised.spec, optimised.weights) };
        const input = tf.randomNormal([1, 224, 224, 3]) as Tensor;
        const times: Record<keyof typeof models, Array<{ wall: number; cpu: number }>> = { compiled: [], hand: [], optimised: [] };
        for (let round = 0; round < WARMUP + ROUNDS; round++) {
            for (const key of Object.keys(models) as Array<keyof typeof models>) {
                const ms = await time(models[key], input);
                if (round >= WARMUP) times[key].push(ms);
            }
        }
        const of = (key: keyof typeof models, what: 'wall' | 'cpu') => median(times[key].map(t => t[what]));
        const [c, h, o] = [of('compiled', 'cpu'), of('hand', 'cpu'), of('optimised', 'cpu')];
        const wall = `${of('compiled', 'wall').toFixed(0)} / ${of('hand', 'wall').toFixed(0)} / ${of('optimised', 'wall').toFixed(0)}`;
        const kernels = async (model: LayersModel) => (await tf.profile(() => { tf.dispose(model.predict(input) as Tensor); })).kernels.length;
        const gmacs = (ms: number) => (Number(network.totals.macs) / (ms / 1000) / 1e9).toFixed(1);
        const counts = `${await kernels(models.compiled)} / ${await kernels(models.hand)} / ${await kernels(models.optimised)}`;
        console.log(`${name.padEnd(12)} | ${c.toFixed(1).padStart(11)} | ${h.toFixed(1).padStart(15)} | ${(c / h).toFixed(3).padStart(13)} | ${o.toFixed(1).padStart(12)} | ${(o / c).toFixed(3).padStart(18)} | ${gmacs(c).padStart(15)} | ${gmacs(o).padStart(16)} | ${wall.padStart(18)} | ${counts}`);
        input.dispose();
        Object.values(models).forEach(m => m.dispose());
    }
}

main().catch(error => { console.error(error); process.exitCode = 1; });
