import * as vscode from 'vscode';
import { writeFileAtomically } from '../atomic-write.js';
import type { CompiledFiles } from '../compile-tfjs.js';
import type { ExtensionState } from '../extension-state.js';
import { commandTarget } from './target.js';

type Compiler = typeof import('../compile-tfjs.js');

/**
 * `CNN: Compile to TensorFlow.js`: the network (seeded random weights) as `cnn compile` writes it,
 * into `<file>-tfjs/<Network>/` beside the source, each file written atomically, asking (modal)
 * before replacing files already there. Trusted workspaces only. The compiler bundle
 * (out/client/compile-tfjs.cjs, TensorFlow.js inside) is loaded only now.
 * Returns the folder written, or undefined (cancelled, untrusted, or an error shown to the user).
 */
export async function compileToTfjs(state: ExtensionState, uriArg?: unknown, networkArg?: unknown): Promise<vscode.Uri | undefined> {
    if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('CNN: Compile to TensorFlow.js is off in an untrusted workspace.');
        return undefined;
    }
    const target = commandTarget(uriArg, networkArg);
    if (!target || target.uri.scheme !== 'file') {
        void vscode.window.showInformationMessage('Open a saved .cnn file to compile it.');
        return undefined;
    }
    // The compiler reads the file from disk, imports included: save first so it compiles what is shown.
    const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === target.uri.toString());
    if (open?.isDirty && !(await open.save())) return undefined;
    let network = target.network ?? undefined;
    if (network === undefined) {
        const report = await state.source.analysis(target.uri);
        const names = report?.networks.map(n => n.name) ?? [];
        if (names.length > 1) {
            network = await vscode.window.showQuickPick(names, { title: 'Compile which network?' });
            if (!network) return undefined;
        }
    }
    let compiled: CompiledFiles;
    try {
        const compiler = require(vscode.Uri.joinPath(state.extensionUri, 'out', 'client', 'compile-tfjs.cjs').fsPath) as Compiler;
        const layers = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(state.extensionUri, 'out', 'compiler', 'cnn-layers.js'));
        compiled = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Compiling to TensorFlow.js…' },
            () => compiler.compileToFiles(target.uri.fsPath, network, Buffer.from(layers).toString('utf8')));
    } catch (error) {
        void vscode.window.showErrorMessage(`Could not compile: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
    }
    const name = target.uri.path.slice(target.uri.path.lastIndexOf('/') + 1).replace(/\.cnn$/, '');
    const folder = vscode.Uri.joinPath(target.uri, '..', `${name}-tfjs`, compiled.base);
    const existing: string[] = [];
    for (const file of compiled.files) {
        try {
            await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, file.name));
            existing.push(file.name);
        } catch { /* not there: nothing to replace */ }
    }
    if (existing.length > 0) {
        const replace = 'Replace';
        const answer = await vscode.window.showWarningMessage(
            `${name}-tfjs/${compiled.base}/ already holds ${existing.join(', ')}. Replace ${existing.length === 1 ? 'it' : 'them'}?`, { modal: true }, replace);
        if (answer !== replace) return undefined;
    }
    try {
        await vscode.workspace.fs.createDirectory(folder);
        for (const file of compiled.files) {
            await writeFileAtomically(vscode.Uri.joinPath(folder, file.name), typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data);
        }
    } catch (error) {
        void vscode.window.showErrorMessage(`Could not write ${folder.fsPath}: ${String(error)}`);
        return undefined;
    }
    void vscode.window.showInformationMessage(`${compiled.network}: wrote ${compiled.files.length} files to ${name}-tfjs/${compiled.base}/ (random weights, seed 0; ${(compiled.weightsBytes / 2 ** 20).toFixed(1)} MiB).`);
    return folder;
}
