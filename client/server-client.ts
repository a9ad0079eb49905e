import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../server/node-flags.js';

/**
 * The CNN language server, bundled into the extension (out/server/main.cjs), started in its own
 * Node process and spoken to over IPC. Everything the extension shows comes from it.
 */
export function createServerClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
    const module = context.asAbsolutePath('out/server/main.cjs');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'cnn' }],
        // The server pulls the `cnn` section (workspace/configuration) and is told of changes.
        synchronize: { configurationSection: 'cnn', fileEvents: vscode.workspace.createFileSystemWatcher('**/*.cnn') },
        outputChannel: output
    };
    return new LanguageClient('cnn', 'CNN Architect', serverOptions, clientOptions);
}
