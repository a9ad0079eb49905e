import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import type { Position, TextEdit } from 'vscode-languageserver';
import type { Model } from '../../language/generated/ast.js';
import { createCnnServices } from '../../server/cnn-module.js';

export const { shared, Cnn } = createCnnServices(EmptyFileSystem);
const parse = parseHelper<Model>(Cnn);
// No client here: settings are ready at once (and empty, so every default applies).
await shared.workspace.ConfigurationProvider.initialized({});

/** Builds documents in memory (validated, as an editor would have them) at `file:///ws/<name>`. */
export async function open(text: string, name = 'main.cnn'): Promise<LangiumDocument<Model>> {
    return parse(text, { documentUri: URI.file(`/ws/${name}`).toString(), validation: true });
}

export async function reset(): Promise<void> {
    await clearDocuments(shared);
}

/** Removes a `<|>` cursor marker and returns the text and the cursor position. */
export function cursor(marked: string): { text: string; position: Position } {
    const offset = marked.indexOf('<|>');
    if (offset < 0) throw new Error('no <|> in the text');
    const text = marked.slice(0, offset) + marked.slice(offset + 3);
    const before = text.slice(0, offset).split('\n');
    return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

export function textDocument(document: LangiumDocument) {
    return { uri: document.uri.toString() };
}

/** Applies an editor's text edits to a text, last first so earlier offsets stay valid. */
export function applyEdits(text: string, edits: TextEdit[]): string {
    const lines = text.split('\n');
    const offset = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))
        .reduce((out, e) => out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end)), text);
}
