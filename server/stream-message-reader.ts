import { AbstractMessageReader, Disposable, type DataCallback, type Message } from 'vscode-languageserver/node';

const HEADER_END = Buffer.from('\r\n\r\n');
/** A header section longer than this is not LSP: reported, and the input is dropped. */
const MAX_HEADER_BYTES = 64 * 1024;

/**
 * Reads LSP messages (`Content-Length` framed JSON, UTF-8) from a stream and hands on every
 * message of a chunk synchronously, in order.
 *
 * vscode-jsonrpc's `StreamMessageReader` hands on one message per event-loop turn (it decodes
 * each behind a semaphore released on `setImmediate`), so nothing after it can see which
 * messages arrived together; this one lets `CoalescingMessageReader` merge the keystrokes of a
 * chunk. Framing errors and malformed JSON are reported through `onError`, as there.
 */
export class ChunkStreamMessageReader extends AbstractMessageReader {
    private chunks: Buffer[] = [];
    private buffered = 0;
    /** The body length announced by the last header, or -1 while reading a header. */
    private bodyLength = -1;

    constructor(private readonly stream: NodeJS.ReadableStream) {
        super();
    }

    listen(callback: DataCallback): Disposable {
        const onData = (chunk: Buffer | string) => this.read(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk, callback);
        const onError = (error: Error) => this.fireError(error);
        const onClose = () => this.fireClose();
        this.stream.on('data', onData);
        this.stream.on('error', onError);
        this.stream.on('close', onClose);
        return Disposable.create(() => {
            this.stream.off('data', onData);
            this.stream.off('error', onError);
            this.stream.off('close', onClose);
        });
    }

    private read(chunk: Buffer, callback: DataCallback): void {
        this.chunks.push(chunk);
        this.buffered += chunk.length;
        for (;;) {
            if (this.bodyLength < 0 && !this.readHeader()) return;
            if (this.buffered < this.bodyLength) return;
            const body = this.take(this.bodyLength).toString('utf8');
            this.bodyLength = -1;
            let message: unknown;
            try {
                message = JSON.parse(body);
            } catch (error) {
                this.fireError(error);
                continue;
            }
            // JSON-RPC messages are objects; `null`, `42` or `[]` reach no handler.
            if (typeof message === 'object' && message !== null && !Array.isArray(message)) callback(message as Message);
            else this.fireError(new Error(`Read an LSP message that is not a JSON object: ${body.slice(0, 80)}`));
        }
    }

    /** Reads a whole header section if it is there, setting `bodyLength`; false while it is not. */
    private readHeader(): boolean {
        const pending = this.joined();
        const end = pending.indexOf(HEADER_END);
        if (end < 0) {
            if (pending.length > MAX_HEADER_BYTES) this.drop(`an LSP header section of more than ${MAX_HEADER_BYTES} bytes`);
            return false;
        }
        const header = this.take(end + HEADER_END.length).toString('ascii');
        const length = /^content-length:[ \t]*(\d+)[ \t]*$/im.exec(header)?.[1];
        if (length === undefined) {
            this.drop(`an LSP header without a Content-Length: ${JSON.stringify(header.trim())}`);
            return false;
        }
        this.bodyLength = Number(length);
        return true;
    }

    private drop(what: string): void {
        this.chunks = [];
        this.buffered = 0;
        this.bodyLength = -1;
        this.fireError(new Error(`Read ${what}; the input read so far is dropped.`));
    }

    /** Everything buffered as one buffer (copied only when it spans chunks). */
    private joined(): Buffer {
        if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
        return this.chunks[0] ?? Buffer.alloc(0);
    }

    /** Removes and returns the first `count` buffered bytes (count ≤ buffered). */
    private take(count: number): Buffer {
        const all = this.joined();
        const rest = all.subarray(count);
        this.chunks = rest.length > 0 ? [rest] : [];
        this.buffered = rest.length;
        return all.subarray(0, count);
    }
}
