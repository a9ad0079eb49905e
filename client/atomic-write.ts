import * as vscode from 'vscode';

/**
 * Writes a file so that it is either the old one or the whole new one: the bytes go to a
 * temporary file beside it, which is then renamed over the target. The caller has already had
 * the user confirm the target (the save dialog asks before replacing a file).
 */
export async function writeFileAtomically(target: vscode.Uri, data: Uint8Array): Promise<void> {
    const name = target.path.slice(target.path.lastIndexOf('/') + 1);
    const temporary = vscode.Uri.joinPath(target, '..', `.${name}.${process.pid}.${Date.now()}.tmp`);
    await vscode.workspace.fs.writeFile(temporary, data);
    try {
        await vscode.workspace.fs.rename(temporary, target, { overwrite: true });
    } catch (error) {
        await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
        throw error;
    }
}
