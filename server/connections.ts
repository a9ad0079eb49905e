import {
    createConnection, IPCMessageReader, IPCMessageWriter, ProposedFeatures, StreamMessageWriter, type Connection, type Message
} from 'vscode-languageserver/node';
import { CoalescingMessageReader } from './coalescing-reader.js';
import { ChunkStreamMessageReader } from './stream-message-reader.js';

/**
 * The server's connections, each reading through a `CoalescingMessageReader` so that keystrokes
 * read together are handled together.
 */

/** `cnn lsp --stdio`: standard input and output. */
export function stdioConnection(): Connection {
    const reader = new CoalescingMessageReader(new ChunkStreamMessageReader(process.stdin));
    // Given streams, vscode-languageserver ends the process when the input ends, with 0 after a
    // `shutdown` request and 1 otherwise; given a reader it cannot, so that is kept here.
    // (The chunk reader hands on objects only.)
    let shutdownReceived = false;
    reader.onMessage((message: Message) => {
        if ((message as { method?: string }).method === 'shutdown') shutdownReceived = true;
    });
    const exit = () => process.exit(shutdownReceived ? 0 : 1);
    process.stdin.on('end', exit);
    process.stdin.on('close', exit);
    return createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
}

/**
 * The transport the client chose on the command line (VS Code starts the server with
 * `--node-ipc`); any other (`--stdio`, `--socket`, `--pipe`) as vscode-languageserver sets it up.
 */
export function commandLineConnection(): Connection {
    if (!process.argv.includes('--node-ipc')) return createConnection(ProposedFeatures.all);
    return createConnection(ProposedFeatures.all, new CoalescingMessageReader(new IPCMessageReader(process)), new IPCMessageWriter(process));
}
