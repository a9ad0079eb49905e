import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { StdioLspClient } from '../lsp/stdio-client.js';
import type { Random } from './random.js';
import { DocumentBound, type HangReason } from './hang-bound.js';

/** Something the server must never do, found on one document. */
export interface Finding {
    kind: 'request-failed' | 'hang' | 'range-outside' | 'bad-text' | 'format-changed-text' | 'format-outside-range' | 'server-died';
    detail: string;
}

/** What one document cost the server: its CPU time (undefined where it cannot be read) and the wall time of its answers. */
export interface DocumentCost { cpuMs?: number; wallMs: number }

type Position = { line: number; character: number };
type Range = { start: Position; end: Position };
type TextEdit = { range: Range; newText: string };

/** The lines of a text as LSP counts them: `\r\n`, `\r` and `\n` all end a line. */
export function lineStarts(text: string): number[] {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 13 && text.charCodeAt(i + 1) === 10) continue;
        if (ch === 10 || ch === 13) starts.push(i + 1);
    }
    return starts;
}

class TextModel {
    readonly starts: number[];

    constructor(readonly text: string) {
        this.starts = lineStarts(text);
    }

    /** The length of a line without its line break. */
    lineLength(line: number): number {
        const start = this.starts[line];
        let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
        while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
        return end - start;
    }

    valid(p: Position): boolean {
        return Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < this.starts.length
            && p.character >= 0 && p.character <= this.lineLength(p.line);
    }

    offset(p: Position): number {
        return this.starts[p.line] + Math.min(p.character, this.lineLength(p.line));
    }

    position(offset: number): Position {
        let line = 0;
        while (line + 1 < this.starts.length && this.starts[line + 1] <= offset) line++;
        return { line, character: Math.min(offset - this.starts[line], this.lineLength(line)) };
    }

    apply(edits: TextEdit[]): string {
        const sorted = [...edits].sort((a, b) => this.offset(b.range.start) - this.offset(a.range.start));
        let out = this.text;
        for (const edit of sorted) out = out.slice(0, this.offset(edit.range.start)) + edit.newText + out.slice(this.offset(edit.range.end));
        return out;
    }
}

const FORBIDDEN = [/\bundefined\b/, /\bNaN\b/, /\[object Object\]/];
const LAYOUT = /[ \t\r\n]/g;

/**
 * Serves documents through the real server with every request an editor sends, at random
 * positions, and checks the answers. One long-lived server, one document changed again and again.
 */
export class ServerChecks {
    private version = 0;
    private opened = false;
    readonly uri: string;
    /** The bound of the document being checked (see hang-bound.ts). */
    private bound: DocumentBound | undefined;
    /** Requests of the document being checked that have not been answered yet. */
    private pending: Array<{ method: string }> = [];
    private hang: HangReason | undefined;
    /** What the last document checked cost the server. */
    lastCost: DocumentCost = { wallMs: 0 };

    constructor(private readonly client: StdioLspClient, folder: string, name = 'fuzzed.cnn') {
        this.uri = pathToFileURL(join(folder, name)).toString();
    }

    async check(text: string, random: Random): Promise<Finding[]> {
        const findings: Finding[] = [];
        this.bound = new DocumentBound(this.client.pid);
        this.hang = undefined;
        try {
            await this.serve(text, random, findings);
        } finally {
            this.lastCost = { cpuMs: this.bound.cpuMs(), wallMs: this.bound.wallMs() };
            this.bound.stop();
        }
        const hang = this.hang as HangReason | undefined;
        if (hang) findings.push({ kind: 'hang', detail: `${hang.detail}; unanswered: ${this.pending.map(p => p.method).join(', ')}` });
        // A late answer to a hung request must not touch the next document's list.
        this.pending = [];
        return findings;
    }

    private async serve(text: string, random: Random, findings: Finding[]): Promise<void> {
        const model = new TextModel(text);
        const uri = this.uri;
        const textDocument = { uri };
        this.version++;
        const published = this.client.diagnosticsFor(uri);
        if (!this.opened) {
            await this.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'cnn', version: this.version, text } });
            this.opened = true;
        } else {
            await this.client.notify('textDocument/didChange', { textDocument: { uri, version: this.version }, contentChanges: [{ text }] });
        }
        const diagnostics = await this.bounded('publishDiagnostics', published);
        if (diagnostics) this.inspect('publishDiagnostics', diagnostics, model, findings);

        const position = () => model.position(random.below(text.length + 1));
        const range = (): Range => {
            const a = random.below(text.length + 1);
            const b = Math.min(text.length, a + random.below(400));
            return { start: model.position(a), end: model.position(b) };
        };
        const whole: Range = { start: { line: 0, character: 0 }, end: model.position(text.length) };
        const at = position();
        const someRange = range();
        const options = { tabSize: 4, insertSpaces: true };
        const requests: Array<[string, unknown]> = [
            ['textDocument/hover', { textDocument, position: at }],
            ['textDocument/hover', { textDocument, position: position() }],
            ['textDocument/inlayHint', { textDocument, range: random.chance(0.5) ? whole : someRange }],
            ['textDocument/codeLens', { textDocument }],
            ['textDocument/documentSymbol', { textDocument }],
            ['textDocument/completion', { textDocument, position: position() }],
            ['textDocument/signatureHelp', { textDocument, position: position() }],
            ['textDocument/codeAction', { textDocument, range: someRange, context: { diagnostics: (diagnostics?.diagnostics ?? []).slice(0, 5) } }],
            ['textDocument/prepareRename', { textDocument, position: at }],
            ['textDocument/rename', { textDocument, position: at, newName: 'renamed1' }],
            ['textDocument/references', { textDocument, position: at, context: { includeDeclaration: true } }],
            ['textDocument/definition', { textDocument, position: position() }],
            ['textDocument/foldingRange', { textDocument }],
            ['cnn/analysis', { uri }]
        ];
        // Semantic tokens full and range in flight together, as VS Code sends them.
        const tokens = Promise.all([
            this.request('textDocument/semanticTokens/full', { textDocument }, findings),
            this.request('textDocument/semanticTokens/range', { textDocument, range: someRange }, findings)
        ]);
        // Formatting may only change layout; range formatting only inside its range.
        const formatting = Promise.all([
            this.request('textDocument/formatting', { textDocument, options }, findings),
            this.request('textDocument/rangeFormatting', { textDocument, range: someRange, options }, findings)
        ]);
        const answers = await Promise.all(requests.map(([method, params]) => this.request(method, params, findings)));
        answers.forEach((answer, i) => { if (answer !== undefined) this.inspect(requests[i][0], answer, model, findings); });
        for (const answer of await tokens) if (answer) this.inspectTokens(answer as { data: number[] }, model, findings);
        const [formatted, ranged] = await formatting as Array<TextEdit[] | null | undefined>;
        if (formatted) this.inspectFormatting('formatting', formatted, model, undefined, findings);
        if (ranged) this.inspectFormatting('rangeFormatting', ranged, model, someRange, findings);
    }

    /** Total milliseconds per request method, for finding what makes a run slow. */
    readonly timings = new Map<string, number>();

    private async request(method: string, params: unknown, findings: Finding[]): Promise<unknown> {
        const start = performance.now();
        try {
            return await this.bounded(method, this.client.request(method, params));
        } catch (error) {
            // A closed connection is a server that died (its exit ends every later request too).
            const died = /Connection is (closed|disposed)/.test((error as Error).message);
            findings.push({ kind: died ? 'server-died' : 'request-failed', detail: `${method}: ${(error as Error).message}` });
            return undefined;
        } finally {
            this.timings.set(method, (this.timings.get(method) ?? 0) + performance.now() - start);
        }
    }

    /** The answer, or undefined once the document's bound has expired (one `hang` finding per document, made by check). */
    private async bounded<T>(what: string, promise: Promise<T>): Promise<T | undefined> {
        const bound = this.bound!;
        const entry = { method: what };
        const pending = this.pending;
        pending.push(entry);
        const answered = promise.finally(() => { if (pending.includes(entry)) pending.splice(pending.indexOf(entry), 1); }).then(value => ({ value }));
        const result = await Promise.race([answered, bound.expired]);
        if ('kind' in result) {
            this.hang = result;
            return undefined;
        }
        return result.value;
    }

    /** Every position and range of this document inside it; no `undefined`, `NaN`, `[object Object]` in any text. */
    private inspect(method: string, answer: unknown, model: TextModel, findings: Finding[]): void {
        const walk = (value: unknown, path: string): void => {
            if (typeof value === 'string') {
                for (const pattern of FORBIDDEN) {
                    if (pattern.test(value) && !pattern.test(model.text)) findings.push({ kind: 'bad-text', detail: `${method} ${path}: ${JSON.stringify(value.slice(0, 200))}` });
                }
                return;
            }
            if (typeof value !== 'object' || value === null) return;
            if (Array.isArray(value)) {
                value.forEach((item, i) => walk(item, `${path}[${i}]`));
                return;
            }
            const record = value as Record<string, unknown>;
            // Locations in other files (an imported block) are checked against their own text elsewhere.
            if (typeof record.uri === 'string' && record.uri !== this.uri) return;
            if (typeof record.targetUri === 'string' && record.targetUri !== this.uri) return;
            if (isPosition(record) && !model.valid(record)) {
                findings.push({ kind: 'range-outside', detail: `${method} ${path}: ${JSON.stringify(record)}` });
            }
            for (const [key, child] of Object.entries(record)) {
                // A workspace edit's `changes` is keyed by URI: look only at this document's.
                if (key === 'changes' && typeof child === 'object' && child !== null) {
                    walk((child as Record<string, unknown>)[this.uri], `${path}.changes`);
                    continue;
                }
                if (key === 'data' && method === 'publishDiagnostics') continue;
                walk(child, `${path}.${key}`);
            }
        };
        walk(answer, '');
    }

    private inspectTokens(answer: { data: number[] }, model: TextModel, findings: Finding[]): void {
        let line = 0;
        let character = 0;
        for (let i = 0; i < answer.data.length; i += 5) {
            line += answer.data[i];
            character = answer.data[i] === 0 ? character + answer.data[i + 1] : answer.data[i + 1];
            const length = answer.data[i + 2];
            if (line >= model.starts.length || character + length > model.lineLength(line)) {
                findings.push({ kind: 'range-outside', detail: `semanticTokens: token at ${line}:${character} length ${length}` });
                return;
            }
        }
    }

    private inspectFormatting(method: string, edits: TextEdit[], model: TextModel, range: Range | undefined, findings: Finding[]): void {
        this.inspect(method, edits, model, findings);
        if (edits.some(e => !model.valid(e.range.start) || !model.valid(e.range.end))) return;
        const after = model.apply(edits);
        if (after.replace(LAYOUT, '') !== model.text.replace(LAYOUT, '')) {
            findings.push({ kind: 'format-changed-text', detail: `${method}: ${JSON.stringify(edits.slice(0, 3))}` });
        }
        if (range) {
            const outside = edits.filter(e => model.offset(e.range.start) < model.offset(range.start) || model.offset(e.range.end) > model.offset(range.end));
            if (outside.length > 0) findings.push({ kind: 'format-outside-range', detail: `${method} ${JSON.stringify(range)}: ${JSON.stringify(outside.slice(0, 3))}` });
        }
    }
}

function isPosition(value: Record<string, unknown>): value is Position {
    return typeof value.line === 'number' && typeof value.character === 'number';
}
