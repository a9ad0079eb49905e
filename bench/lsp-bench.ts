import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StdioLspClient } from '../test/lsp/stdio-client.js';
import { RESNET152_STAGES, resnetWithBlocks, resnetWrittenOut } from './resnet-text.js';

// Editor latency over stdio against the built server (`cnn lsp --stdio`), as an editor sees it:
// from didChange to publishDiagnostics, and hover round trips. Medians; compare ratios.

const EDITS = 21;
const HOVERS = 41;

function median(samples: number[]): number {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

async function measure(client: StdioLspClient, folder: string, name: string, text: string) {
    const uri = pathToFileURL(join(folder, `${name}.cnn`)).toString();
    let version = 1;
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'cnn', version, text } });
    await client.diagnosticsFor(uri);
    const lines = text.split('\n');
    const layerLine = lines.findIndex(line => line.includes('conv') && line.includes('3x3'));
    const diagnostics: number[] = [];
    for (let i = 0; i < EDITS; i++) {
        version++;
        const edited = `${text}// edit ${i}\n`;
        const start = performance.now();
        const published = client.diagnosticsFor(uri);
        await client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: edited }] });
        const result = await published;
        diagnostics.push(performance.now() - start);
        if (result.diagnostics.length > 0) throw new Error(`${name}: ${result.diagnostics[0].message}`);
    }
    const hovers: number[] = [];
    for (let i = 0; i < HOVERS; i++) {
        const start = performance.now();
        await client.request('textDocument/hover', { textDocument: { uri }, position: { line: layerLine, character: lines[layerLine].indexOf('conv') + 1 } });
        hovers.push(performance.now() - start);
    }
    const report = await client.request<{ networks: Array<{ layers: unknown[] }> }>('cnn/analysis', { uri });
    return { name, layers: report.networks[0].layers.length, diagnosticsMs: median(diagnostics), hoverMs: median(hovers) };
}

async function main(): Promise<void> {
    const folder = mkdtempSync(join(tmpdir(), 'cnn-lsp-bench-'));
    writeFileSync(join(folder, 'placeholder.txt'), '');
    const client = new StdioLspClient(process.argv[2]);
    await client.initialize(folder);
    const results = [
        await measure(client, folder, 'resnet152-blocks', resnetWithBlocks(RESNET152_STAGES)),
        await measure(client, folder, 'resnet152-written-out', resnetWrittenOut(RESNET152_STAGES)),
        await measure(client, folder, 'resnet608-written-out', resnetWrittenOut(RESNET152_STAGES.map(n => n * 4)))
    ];
    await client.close();

    console.log(`language server over stdio (medians: ${EDITS} edits, ${HOVERS} hovers)`);
    console.log('document                   layers  didChange→diagnostics ms  hover ms');
    for (const r of results) {
        console.log(`${r.name.padEnd(26)} ${String(r.layers).padStart(6)} ${r.diagnosticsMs.toFixed(1).padStart(25)} ${r.hoverMs.toFixed(2).padStart(9)}`);
    }
    const [, small, large] = results;
    console.log(`growth: ${(large.layers / small.layers).toFixed(2)}× the layers took ${(large.diagnosticsMs / small.diagnosticsMs).toFixed(2)}× the time to diagnostics`);
}

void main();
