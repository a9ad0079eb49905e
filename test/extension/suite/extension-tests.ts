import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CnnExtensionApi } from '../../../client/extension-api.js';
import type { DrawnMessage } from '../../../client/webview-protocol.js';
import { waitFor, waitForDiagnostics } from './wait.js';

/**
 * The extension in a real editor (issue 7, item 7), on a workspace holding a copy of the
 * examples and `broken.cnn`. Expected numbers are the CLI's (`cnn analyze examples/alexnet.cnn
 * --format json`): AlexNet has 19 rows, conv1 = 72,855,552 MACs, 23,296 params, 802,816 bytes.
 */
const EXTENSION_ID = 'cnn-architect.cnn-architect';
const ALEXNET_ROWS = 19;
const CONV1_MACS = 72_855_552;
/**
 * The chart's bars: one per row that writes a new tensor (relu runs in place and flatten is a
 * view, so the chart folds them into the bar before), with the CLI's numbers for those rows.
 */
const BAR_LABELS = ['conv1', 'pool1', 'conv2', 'pool2', 'conv3', 'conv4', 'conv5', 'pool5', 'fc6', 'fc7', 'fc8'];
const BAR_MACS = [72855552, 0, 223948800, 0, 112140288, 149520384, 99680256, 0, 37748736, 16777216, 4096000];
const BAR_PARAMS = [23296, 0, 307392, 0, 663936, 884992, 590080, 0, 37752832, 16781312, 4097000];
const BAR_MEMORY = [802816, 186624, 559872, 129792, 259584, 173056, 173056, 36864, 16384, 16384, 4000];

function log(line: string): void {
    // Printed by the runner (code-server's codeAutomationLog, test-electron's stdout).
    console.log(`[cnn] ${line}`);
}

export function registerExtensionTests(): void {
    describe('CNN Architect in a real editor', function () {
        let api: CnnExtensionApi;
        let folder: vscode.Uri;
        let alexnet: vscode.TextEditor;

        before(async function () {
            folder = vscode.workspace.workspaceFolders![0].uri;
            const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'alexnet.cnn'));
            alexnet = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
            const extension = vscode.extensions.getExtension<CnnExtensionApi>(EXTENSION_ID);
            assert.ok(extension, `${EXTENSION_ID} is installed`);
            api = await extension.activate();
            log(`activation: ${api.activationMs.toFixed(0)} ms (activate() start to language client ready)`);
        });

        afterEach(async function () {
            await vscode.workspace.getConfiguration('cnn').update('batch', undefined, vscode.ConfigurationTarget.Workspace);
        });

        it('publishes the residual-mismatch error with its range and clears it when fixed', async function () {
            const uri = vscode.Uri.joinPath(folder, 'broken.cnn');
            const document = await vscode.workspace.openTextDocument(uri);
            const original = document.getText();
            await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
            const published = await waitForDiagnostics(uri, d => d.some(x => x.code === 'residual-mismatch'));
            assert.equal(published.length, 1);
            const [diagnostic] = published;
            assert.equal(diagnostic.message, "residual: body gives 32×32×32, shortcut gives 16×32×32 (channels 32 ≠ 16); use 'shortcut projection'");
            assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
            assert.equal(diagnostic.source, 'cnn');
            // The `residual` keyword (LANGUAGE.md: a composite's error sits on its keyword).
            assert.deepEqual(rangeOf(diagnostic.range), [4, 4, 4, 12]);
            // The fix: a projection shortcut, typed through the editor's own edit path.
            const edit = new vscode.WorkspaceEdit();
            edit.insert(uri, new vscode.Position(6, 5), ' shortcut projection');
            assert.ok(await vscode.workspace.applyEdit(edit));
            const after = await waitForDiagnostics(uri, d => d.length === 0);
            assert.deepEqual(after, []);
            await restore(document, original);
        });

        it('drops the inexact hint while cnn.hints.inexact is off, without a reload', async function () {
            const uri = vscode.Uri.joinPath(folder, 'inexact.cnn');
            await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), vscode.ViewColumn.One);
            const [diagnostic] = await waitForDiagnostics(uri, d => d.length > 0);
            assert.equal(diagnostic.code, 'inexact');
            assert.equal(diagnostic.message, 'conv: (8 − 3) / 2 is not whole: the last input row and column are never seen');
            assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Hint);
            assert.deepEqual(rangeOf(diagnostic.range), [2, 4, 2, 23]);
            const config = vscode.workspace.getConfiguration('cnn');
            try {
                await config.update('hints.inexact', false, vscode.ConfigurationTarget.Workspace);
                assert.deepEqual(await waitForDiagnostics(uri, d => d.length === 0), []);
            } finally {
                await config.update('hints.inexact', undefined, vscode.ConfigurationTarget.Workspace);
            }
            const back = await waitForDiagnostics(uri, d => d.length === 1);
            assert.equal(back[0].code, 'inexact');
        });

        it("shows a layer's MACs in its hover", async function () {
            const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', alexnet.document.uri, new vscode.Position(12, 6));
            const text = hovers.flatMap(h => h.contents.map(c => typeof c === 'string' ? c : c.value)).join('\n');
            assert.match(text, /^\*\*conv1\*\* `conv` — 3×227×227 → \*\*64×56×56\*\*/);
            const macsLine = text.split('\n').find(line => line.startsWith('| MACs |'));
            assert.equal(macsLine, '| MACs | 64×56×56 × (3×11×11) = **72,855,552** (72.9M) |');
        });

        it('gives inlay hints and code lenses', async function () {
            const uri = alexnet.document.uri;
            const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, new vscode.Range(0, 0, 28, 0));
            const labels = hints.map(h => `${h.position.line}:${typeof h.label === 'string' ? h.label : h.label.map(p => p.value).join('')}`);
            log(`inlay hints: ${JSON.stringify(labels)}`);
            // conv1, pool1 and conv2 carry annotations that agree: no hint. relu → 64×56×56 on line 14, …
            assert.deepEqual(labels.slice(0, 4), ['13: → 64×56×56', '16: → 192×27×27', '18: → 384×13×13', '18: → 384×13×13']);
            const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
            const titles = lenses.map(l => `${l.range.start.line}:${l.command?.title}`);
            log(`code lenses: ${JSON.stringify(titles)}`);
            assert.deepEqual(titles.slice(0, 4), [
                '8:params 61.1M · MACs 717M · memory 2.25 MiB · peak 1.36 MiB', '8:Show chart',
                '28:params 61.1M · MACs 714M · memory 2.26 MiB · peak 1.31 MiB', '28:Show chart'
            ]);
            assert.deepEqual(lenses[1].command?.arguments, [uri.toString(), 'AlexNet']);
        });

        it("shows the totals of the network under the cursor in the status bar", async function () {
            const editor = await vscode.window.showTextDocument(alexnet.document, vscode.ViewColumn.One);
            editor.selection = new vscode.Selection(12, 4, 12, 4);
            const first = await waitFor('the AlexNet status', () => api.statusText(), t => t.includes('AlexNet:'), { event: api.onDidUpdateStatus });
            assert.equal(first, '$(circuit-board) AlexNet: 61.1M params · 717M MACs · 2.25 MiB');
            editor.selection = new vscode.Selection(33, 8, 33, 8);
            const second = await waitFor('the AlexNetTorchvision status', () => api.statusText(), t => t.includes('AlexNetTorchvision:'), { event: api.onDidUpdateStatus });
            assert.equal(second, '$(circuit-board) AlexNetTorchvision: 61.1M params · 714M MACs · 2.26 MiB');
        });

        it('opens the cost chart, which reports what it drew; batch 8 multiplies the MACs', async function () {
            const editor = await vscode.window.showTextDocument(alexnet.document, vscode.ViewColumn.One);
            editor.selection = new vscode.Selection(12, 4, 12, 4);
            const opened = performance.now();
            await vscode.commands.executeCommand('cnn.showChart', alexnet.document.uri.toString(), 'AlexNet');
            const drawn = await waitForChart(api, d => d.bars > 0);
            log(`chart opened and first drawn in ${(performance.now() - opened).toFixed(0)} ms`);
            assert.equal(drawn.network, 'AlexNet');
            assert.equal(drawn.bars, BAR_LABELS.length);
            assert.deepEqual(drawn.labels, BAR_LABELS);
            assert.deepEqual(drawn.compute, BAR_MACS);
            assert.deepEqual(drawn.params, BAR_PARAMS);
            assert.deepEqual(drawn.memory, BAR_MEMORY);
            assert.equal(drawn.banner, null);
            const changed = performance.now();
            await vscode.workspace.getConfiguration('cnn').update('batch', 8, vscode.ConfigurationTarget.Workspace);
            const written = performance.now();
            const batched = await waitForChart(api, d => d.compute[0] === 8 * CONV1_MACS);
            log(`setting change: written in ${(written - changed).toFixed(0)} ms, chart redrawn at batch 8 after ${(performance.now() - changed).toFixed(0)} ms`);
            assert.deepEqual(batched.compute, BAR_MACS.map(m => 8 * m));
            assert.deepEqual(batched.params, BAR_PARAMS);
            assert.deepEqual(batched.memory, BAR_MEMORY.map(m => 8 * m));
            const statusWait = performance.now();
            const status = await waitFor('the batch-8 status', () => api.statusText(), t => t.includes('5.73G MACs'), { event: api.onDidUpdateStatus });
            assert.equal(status, '$(circuit-board) AlexNet: 61.1M params · 5.73G MACs · 18 MiB');
            log(`status bar at batch 8 after another ${(performance.now() - statusWait).toFixed(0)} ms`);
            // The same setting reaches the server's hovers and lenses without a reload.
            const uri = alexnet.document.uri;
            const lens = await waitFor('the batch-8 lens', async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri))[0]?.command?.title,
                t => t?.includes('5.73G') === true);
            assert.equal(lens, 'params 61.1M · MACs 5.73G · memory 18 MiB · peak 10.8 MiB');
            const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(12, 6));
            const macsLine = hovers.flatMap(h => h.contents.map(c => typeof c === 'string' ? c : c.value)).join('\n').split('\n').find(l => l.startsWith('| MACs |'));
            assert.equal(macsLine, '| MACs | **582,844,416 (583M)** (batch 8) |');
        });

        it('follows an edit within the update latency', async function () {
            await vscode.commands.executeCommand('cnn.showChart', alexnet.document.uri.toString(), 'AlexNet');
            await waitForChart(api, d => d.compute[0] === CONV1_MACS);
            const editor = await vscode.window.showTextDocument(alexnet.document, vscode.ViewColumn.One);
            const original = alexnet.document.getText();
            const started = performance.now();
            try {
                const uri = alexnet.document.uri.toString();
                let analysed = 0;
                const listener = api.onDidChangeAnalysis(change => {
                    if (change.uri === uri && analysed === 0) analysed = performance.now();
                });
                // fc8: 1000 → 2000 classes; its MACs double (4096 × 2000).
                await editor.edit(b => b.replace(new vscode.Range(25, 12, 25, 16), '2000'));
                const drawn = await waitForChart(api, d => d.compute[10] === 8_192_000, 10);
                const latency = performance.now() - started;
                listener.dispose();
                log(`chart update latency after an edit: ${latency.toFixed(0)} ms (edit to new drawn values; ` +
                    `the server's cnn/analysisChanged after ${(analysed - started).toFixed(0)} ms)`);
                assert.deepEqual(drawn.compute, [...BAR_MACS.slice(0, 10), 8_192_000]);
                assert.equal(drawn.params[10], 4096 * 2000 + 2000);
                assert.equal(drawn.banner, null);
            } finally {
                await restore(alexnet.document, original);
            }
            await waitForChart(api, d => d.compute[10] === 4_096_000);
        });

        it('compares the networks of the workspace and the bundled examples', async function () {
            await vscode.commands.executeCommand('cnn.compareNetworks', alexnet.document.uri.toString(), 'AlexNet');
            const drawn = await waitForChart(api, d => d.tab === 'compare' && d.bubbles > 0);
            // The runner's reference from `cnn compare examples/*.cnn`: the networks with a `meta top1`,
            // each once (the workspace's copies and the extension's own examples are the same networks).
            const expected = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'expected-compare.json')))) as { bubbles: number };
            assert.ok(expected.bubbles >= 20, `the examples hold ${expected.bubbles} networks with a top-1`);
            assert.equal(drawn.bubbles, expected.bubbles);
            await vscode.commands.executeCommand('cnn.showChart', alexnet.document.uri.toString(), 'AlexNet');
            await waitForChart(api, d => d.tab === 'layers');
        });

        it('exports the cost table to the file chosen in the save dialog', async function () {
            const target = vscode.Uri.joinPath(folder, 'exported', 'alexnet.csv');
            await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder, 'exported'));
            let offered: vscode.SaveDialogOptions | undefined;
            api.setSaveDialog(async options => { offered = options; return target; });
            try {
                const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('cnn.exportCostTable', alexnet.document.uri.toString(), 'AlexNet', 'csv');
                assert.equal(written?.toString(), target.toString());
            } finally {
                api.setSaveDialog(undefined);
            }
            assert.equal(offered?.defaultUri?.path.endsWith('/AlexNet-costs.csv'), true);
            const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
            const lines = text.split('\r\n');
            assert.equal(lines[0], 'layer,path,op,line,input,output,params,macs,memory_bytes');
            assert.equal(lines[1], 'conv1,,conv,13,3x227x227,64x56x56,23296,72855552,802816');
            assert.equal(lines[ALEXNET_ROWS + 1], 'total,,,,3x227x227,1000,61100840,716767232,2358432');
            assert.equal(lines.length, ALEXNET_ROWS + 3);
            await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, 'exported'), { recursive: true });
        });
    });
}

function rangeOf(range: vscode.Range): number[] {
    return [range.start.line, range.start.character, range.end.line, range.end.character];
}

/** Asks the open chart what it drew until `accept` holds; queries are cheap messages, answered at once. */
function waitForChart(api: CnnExtensionApi, accept: (drawn: DrawnMessage) => boolean, pollMs = 100): Promise<DrawnMessage> {
    return waitFor('the chart', () => api.queryChart(), (d): d is DrawnMessage => d !== undefined && accept(d), { pollMs }) as Promise<DrawnMessage>;
}

/** Puts a document's text back as it was (through an edit, like the user's undo) and saves it. */
async function restore(document: vscode.TextDocument, text: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(document.getText(), text);
    await document.save();
}
