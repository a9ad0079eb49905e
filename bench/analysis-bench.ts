import { spawnSync } from 'node:child_process';
import { EmptyFileSystem, URI } from 'langium';
import { analyzeSource } from '../language/analysis/analyze.js';
import { sourceOf } from '../language/analysis/sources.js';
import { createCnnCoreServices } from '../language/cnn-module.js';
import type { Model } from '../language/generated/ast.js';
import { RESNET152_STAGES, resnetWithBlocks, resnetWrittenOut } from './resnet-text.js';

// Measures, in one run (this machine is noisy: compare the ratios, not the absolute times):
//  - parse and analysis time for ResNet-50/152 written with blocks and written out layer by layer;
//  - how analysis time grows with the number of layers (it should be linear);
//  - the whole `cnn analyze examples/resnet50.cnn` command, process start included.

const { shared } = createCnnCoreServices(EmptyFileSystem);

function median(samples: number[]): number {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function time(run: () => void, repetitions: number): number {
    for (let i = 0; i < 3; i++) run(); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < repetitions; i++) {
        const start = performance.now();
        run();
        samples.push(performance.now() - start);
    }
    return median(samples);
}

function measure(label: string, text: string): { label: string; rows: number; parseMs: number; analysisMs: number } {
    const uri = URI.parse(`memory:///${label}.cnn`);
    const parse = () => shared.workspace.LangiumDocumentFactory.fromString<Model>(text, uri);
    const document = parse();
    const source = sourceOf(document);
    const analyse = () => analyzeSource(source, () => undefined);
    const first = analyse();
    if (first.diagnostics.length > 0) throw new Error(`${label}: ${first.diagnostics[0].message}`);
    const rows = first.networks[0].rows.length;
    return { label, rows, parseMs: time(parse, 15), analysisMs: time(analyse, 15) };
}

const results = [
    measure('ResNet-50, blocks', resnetWithBlocks([3, 4, 6, 3])),
    measure('ResNet-152, blocks', resnetWithBlocks(RESNET152_STAGES)),
    measure('ResNet-152, written out', resnetWrittenOut(RESNET152_STAGES)),
    measure('ResNet-608, written out', resnetWrittenOut(RESNET152_STAGES.map(n => n * 4)))
];

console.log('analysis (median of 15 after 3 warm-ups)');
console.log('network                     rows   parse ms  analysis ms  analysis µs/row');
for (const r of results) {
    console.log(`${r.label.padEnd(26)} ${String(r.rows).padStart(5)} ${r.parseMs.toFixed(2).padStart(10)} ${r.analysisMs.toFixed(2).padStart(12)} ${(1000 * r.analysisMs / r.rows).toFixed(2).padStart(16)}`);
}
const [, , small, large] = results;
console.log(`growth: ${(large.rows / small.rows).toFixed(2)}× the rows took ${(large.analysisMs / small.analysisMs).toFixed(2)}× the analysis time ` +
    `and ${(large.parseMs / small.parseMs).toFixed(2)}× the parse time`);

const cli = process.argv[2];
if (cli) {
    const samples: number[] = [];
    for (let i = 0; i < 7; i++) {
        const start = performance.now();
        const result = spawnSync(process.execPath, [cli, 'analyze', 'examples/resnet50.cnn'], { encoding: 'utf8' });
        if (result.status !== 0) throw new Error(result.stderr);
        samples.push(performance.now() - start);
    }
    console.log(`\ncnn analyze examples/resnet50.cnn: median ${median(samples).toFixed(0)} ms over 7 runs (process start, parse, analysis, table)`);
}
