import type { LangiumDocument } from 'langium';
import type { Range, TextEdit } from 'vscode-languageserver';

const LAYOUT = /^[ \t\r\n]*$/;

/**
 * The last line of defence for the user's text: formatting may only change spaces, tabs and line
 * breaks. Keeps an edit only if the text it replaces and the text it inserts are both layout and,
 * for range formatting, if it lies inside the range; range formatting in a file with syntax errors
 * changes nothing (Langium's recovery tree there does not cover all the text, and its edits once
 * deleted a line, a string, the `.` of `.05`). In a CRLF document line breaks stay CRLF.
 */
export function safeFormattingEdits(document: LangiumDocument, edits: TextEdit[], range?: Range): TextEdit[] {
    const { lexerErrors, parserErrors } = document.parseResult;
    if (range && lexerErrors.length + parserErrors.length > 0) return [];
    const text = document.textDocument;
    const crlf = text.getText().includes('\r\n');
    return edits
        .filter(edit => LAYOUT.test(edit.newText) && LAYOUT.test(text.getText(edit.range)) && (!range || contains(range, edit.range)))
        .map(edit => crlf ? { range: edit.range, newText: edit.newText.replace(/\r?\n/g, '\r\n') } : edit)
        .filter(edit => text.getText(edit.range) !== edit.newText);
}

function contains(outer: Range, inner: Range): boolean {
    return !before(inner.start, outer.start) && !before(outer.end, inner.end);
}

function before(a: Range['start'], b: Range['start']): boolean {
    return a.line < b.line || (a.line === b.line && a.character < b.character);
}
