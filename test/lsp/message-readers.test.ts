import { fork, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { TextDocument } from 'langium';
import { describe, expect, it } from 'vitest';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, type Message, type NotificationMessage } from 'vscode-languageserver/node';
import { CoalescingMessageReader, coalesceEdits } from '../../server/coalescing-reader.js';
import { ChunkStreamMessageReader } from '../../server/stream-message-reader.js';

// The server's input (server/connections.ts): LSP framing read a chunk at a time, and the edits
// of a chunk handed on as one. An editor's edits must end in exactly the same document.

type Change = { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };

const at = (line: number, character: number) => ({ line, character });
const didChange = (uri: string, version: number, ...contentChanges: Change[]): NotificationMessage =>
    ({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges } });
const hover = { jsonrpc: '2.0', id: 7, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///a.cnn' }, position: at(0, 0) } } as Message;

/** `message` as JSON with an LSP header (any JSON: the reader must also meet what is not a message). */
function frame(message: unknown, contentType = ''): Buffer {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n${contentType}\r\n`, 'ascii'), body]);
}

/** Applies didChange notifications one after another, as the server's text documents do. */
function applied(text: string, messages: Message[]): { text: string; version: number } {
    let document = TextDocument.create('file:///a.cnn', 'cnn', 1, text);
    for (const message of messages) {
        const params = (message as NotificationMessage).params as { textDocument: { version: number }; contentChanges: Change[] };
        document = TextDocument.update(document, params.contentChanges, params.textDocument.version);
    }
    return { text: document.getText(), version: document.version };
}

describe('coalesceEdits', () => {
    it('merges a run of edits to one document into one, changes in order, with the last version', () => {
        const merged = coalesceEdits([
            didChange('file:///a.cnn', 2, { range: { start: at(0, 0), end: at(0, 0) }, text: 'c' }),
            didChange('file:///a.cnn', 3, { range: { start: at(0, 1), end: at(0, 1) }, text: 'o' }),
            didChange('file:///a.cnn', 4, { range: { start: at(0, 2), end: at(0, 2) }, text: 'nv' })
        ]);
        expect(merged).toEqual([didChange('file:///a.cnn', 4,
            { range: { start: at(0, 0), end: at(0, 0) }, text: 'c' },
            { range: { start: at(0, 1), end: at(0, 1) }, text: 'o' },
            { range: { start: at(0, 2), end: at(0, 2) }, text: 'nv' })]);
    });

    it('merges nothing across another document or another message', () => {
        const edits = [
            didChange('file:///a.cnn', 2, { text: 'a' }), didChange('file:///b.cnn', 2, { text: 'b' }), didChange('file:///a.cnn', 3, { text: 'c' }),
            hover, didChange('file:///a.cnn', 4, { text: 'd' })
        ];
        expect(coalesceEdits(edits)).toEqual(edits);
    });

    it('passes malformed edits and a request named didChange on untouched, and merges around them', () => {
        const malformed = { jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: 'file:///a.cnn', version: 3 }, contentChanges: 'x' } } as Message;
        const request = { ...didChange('file:///a.cnn', 4, { text: 'r' }), id: 1 } as Message;
        const messages = [didChange('file:///a.cnn', 2, { text: 'a' }), malformed, request, didChange('file:///a.cnn', 5, { text: 'b' }), didChange('file:///a.cnn', 6, { text: 'c' })];
        expect(coalesceEdits(messages)).toEqual([messages[0], malformed, request, didChange('file:///a.cnn', 6, { text: 'b' }, { text: 'c' })]);
    });

    it('passes anything that is not an object on untouched', () => {
        const odd = [null, 42, 'didChange'] as unknown as Message[];
        expect(coalesceEdits([...odd, didChange('file:///a.cnn', 2, { text: 'a' })])).toEqual([...odd, didChange('file:///a.cnn', 2, { text: 'a' })]);
    });

    it('leaves the document exactly as the edits one by one do: typing, deleting, line breaks, a whole-text change', () => {
        const start = 'network N {\n    input 3x8x8\n}\n';
        const edits: Message[] = [];
        let version = 1;
        const edit = (change: Change) => edits.push(didChange('file:///a.cnn', ++version, change));
        for (const [i, ch] of [...'conv 8 3x3\n    relu'].entries()) edit({ range: { start: at(2, i), end: at(2, i) }, text: ch });
        edit({ range: { start: at(3, 4), end: at(3, 8) }, text: '' });
        edit({ range: { start: at(1, 10), end: at(3, 0) }, text: 'x16\n    bn\n' });
        edit({ text: `${start}// replaced\n` });
        edit({ range: { start: at(0, 8), end: at(0, 9) }, text: 'Net😀' });
        const merged = coalesceEdits(edits);
        expect(merged).toHaveLength(1);
        expect(applied(start, merged)).toEqual(applied(start, edits));
        expect(applied(start, merged)).toEqual({ text: 'network Net😀 {\n    input 3x8x8\n}\n// replaced\n', version: 24 });
    });
});

/** A reader on a stream and what it handed on. */
function reading() {
    const stream = new PassThrough();
    const reader = new ChunkStreamMessageReader(stream);
    const messages: Message[] = [];
    const errors: string[] = [];
    let closed = false;
    reader.onError(error => errors.push(error.message));
    reader.onClose(() => { closed = true; });
    reader.listen(message => messages.push(message));
    const settled = () => new Promise(resolve => setImmediate(resolve));
    return { stream, reader, messages, errors, closed: () => closed, settled };
}

describe('ChunkStreamMessageReader', () => {
    const first = didChange('file:///a.cnn', 2, { text: 'network Ünïcödé😀 { input 3x8x8 }' });
    const second = hover;

    it('reads the same messages however the input is cut, inside a header or a UTF-8 character too', async () => {
        const bytes = Buffer.concat([frame(first), frame(second)]);
        for (let cut = 1; cut < bytes.length; cut++) {
            const { stream, messages, errors, settled } = reading();
            stream.write(bytes.subarray(0, cut));
            stream.write(bytes.subarray(cut));
            await settled();
            expect(errors, `cut at ${cut}`).toEqual([]);
            expect(messages, `cut at ${cut}`).toEqual([first, second]);
        }
    });

    it('reads headers in any case, with a Content-Type and spaces', async () => {
        const { stream, messages, settled } = reading();
        const body = Buffer.from(JSON.stringify(second));
        stream.write(Buffer.concat([Buffer.from(`content-length:   ${body.length}  \r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n`), body]));
        stream.write(frame(first, 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n'));
        await settled();
        expect(messages).toEqual([second, first]);
    });

    it('reports a header without a length and malformed JSON, and reads on after them', async () => {
        const { stream, messages, errors, settled } = reading();
        stream.write('Content-Type: text/plain\r\n\r\n');
        await settled();
        stream.write(Buffer.concat([Buffer.from('Content-Length: 5\r\n\r\n{"a":'), frame(first)]));
        await settled();
        expect(errors).toEqual([
            'Read an LSP header without a Content-Length: "Content-Type: text/plain"; the input read so far is dropped.',
            expect.stringMatching(/JSON/)
        ]);
        expect(messages).toEqual([first]);
    });

    it('reports a body that is JSON but not a message object, and reads on', async () => {
        const { stream, messages, errors, settled } = reading();
        stream.write(Buffer.concat([frame(null), frame(42), frame([1, 2]), frame(second)]));
        await settled();
        expect(errors).toEqual(['null', '42', '[1,2]'].map(json => `Read an LSP message that is not a JSON object: ${json}`));
        expect(messages).toEqual([second]);
    });

    it('drops a header section that never ends, past 64 KiB, and says so', async () => {
        const { stream, messages, errors, settled } = reading();
        stream.write(`X-Filler: ${'x'.repeat(70_000)}`);
        await settled();
        stream.write(frame(second));
        await settled();
        expect(errors).toEqual(['Read an LSP header section of more than 65536 bytes; the input read so far is dropped.']);
        expect(messages).toEqual([second]);
    });

    it('reports the end of its input', async () => {
        const { stream, closed, settled } = reading();
        stream.end();
        stream.resume();
        await settled();
        await settled();
        expect(closed()).toBe(true);
    });

    it('hands on the edits of one chunk as one notification', async () => {
        const stream = new PassThrough();
        const reader = new CoalescingMessageReader(new ChunkStreamMessageReader(stream));
        const seen: Message[] = [];
        const handed: Message[] = [];
        reader.onMessage(message => seen.push(message));
        reader.listen(message => handed.push(message));
        const edits = [1, 2, 3].map(n => didChange('file:///a.cnn', n + 1, { range: { start: at(0, n), end: at(0, n) }, text: String(n) }));
        stream.write(Buffer.concat([...edits.map(e => frame(e)), frame(second)]));
        await new Promise(resolve => setImmediate(resolve));
        expect(seen).toEqual([...edits, second]);
        expect(handed).toEqual([coalesceEdits(edits)[0], second]);
        expect((handed[0] as NotificationMessage).params).toMatchObject({ textDocument: { version: 4 } });
    });
});

describe('cnn lsp --stdio', () => {
    /** A server started on stdio, and a wait for its answer to request `id`. */
    const startServer = () => {
        const server = spawn(process.execPath, [resolve('out/cli/cnn.cjs'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
        let output = '';
        const waiters: Array<() => void> = [];
        server.stdout.on('data', chunk => {
            output += String(chunk);
            for (const check of [...waiters]) check();
        });
        const answer = (id: number) => new Promise<string>(done => {
            const check = () => {
                if (output.includes(`"id":${id}`)) done(output);
            };
            waiters.push(check);
            check();
        });
        return { server, answer };
    };

    /** Starts a server, sends it `messages`, waits for the answer to the last request, ends its input. */
    const serverExit = async (messages: object[]) => {
        const { server, answer } = startServer();
        const exited = new Promise<number | null>(done => server.once('exit', code => done(code)));
        for (const message of messages) server.stdin.write(frame(message));
        if (messages.length > 0) await answer(messages.length);
        server.stdin.end();
        return exited;
    };

    it('answers after input that is not LSP (a body that is not an object, malformed JSON)', async () => {
        const { server, answer } = startServer();
        server.stdin.write(Buffer.concat([frame(null), Buffer.from('Content-Length: 2\r\n\r\n{]')]));
        server.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
        expect(await answer(1)).toContain('"capabilities"');
        server.kill();
    });

    it("runs in a Node.js started with the server's flags, which a signal to cnn reaches", async () => {
        const { server, answer } = startServer();
        server.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
        await answer(1);
        const children = readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
        expect(children).toHaveLength(1);
        const argv = readFileSync(`/proc/${children[0]}/cmdline`, 'utf8').split('\0');
        expect(argv.slice(1, 4)).toEqual(['--max-semi-space-size=64', '--expose-gc', resolve('out/cli/cnn-main.cjs')]);
        expect(argv.slice(4)).toEqual(['lsp', '--stdio', '']);
        const ended = new Promise<string | null>(done => server.once('exit', (_code, signal) => done(signal)));
        server.kill('SIGTERM');
        expect(await ended).toBe('SIGTERM');
        expect(existsSync(`/proc/${children[0]}`)).toBe(false);
    });

    it('ends with exit code 1 when its input ends without a shutdown request', async () => {
        expect(await serverExit([])).toBe(1);
    });

    it('ends with exit code 0 when its input ends after a shutdown request', async () => {
        expect(await serverExit([
            { jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } },
            { jsonrpc: '2.0', id: 2, method: 'shutdown' }
        ])).toBe(0);
    });
});

describe('the server over node IPC, as VS Code starts it', () => {
    it('publishes diagnostics and analyses the last of a run of edits', async () => {
        const server = fork(resolve('out/server/main.cjs'), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
        const connection = createMessageConnection(new IPCMessageReader(server), new IPCMessageWriter(server));
        const published = new Promise<Array<{ code?: string }>>(done => connection.onNotification('textDocument/publishDiagnostics', (p: { diagnostics: Array<{ code?: string }> }) => done(p.diagnostics)));
        const versions: number[] = [];
        const analysed = new Promise<void>(done => connection.onNotification('cnn/analysisChanged', (p: { version: number }) => {
            versions.push(p.version);
            if (p.version === 41) done();
        }));
        connection.listen();
        try {
            await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
            await connection.sendNotification('initialized', {});
            const uri = 'file:///tmp/ipc-check.cnn';
            const text = 'network N {\n    input 3x8x8\n    residual { conv 16 3x3 pad 1 } shortcut identity\n}\n';
            await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'cnn', version: 1, text } });
            expect((await published).map(d => d.code)).toEqual(['residual-mismatch']);
            for (let version = 2; version <= 41; version++) {
                const end = at(3, version - 2);
                void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: end, end }, text: 'x' }] });
            }
            await analysed;
            expect(versions.length).toBeLessThan(41);
        } finally {
            connection.dispose();
            server.kill();
        }
    });
});
