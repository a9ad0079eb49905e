import { CstUtils, TextDocument, type AstNode, type LangiumDocument, type LangiumDocumentFactory } from 'langium';
import type { TextEdit } from 'vscode-languageserver';
import { IssueCodes } from '../../language/analysis/issue-codes.js';
import type { CnnDiagnostic } from '../../language/analysis/types.js';
import type { CnnDocumentAnalyzer, DocumentAnalysis } from '../document-analyzer.js';
import { ancestors } from './node-at.js';

/** What a quick fix does to the file, found by analysing the edited text. */
export interface CheckedFix {
    /** The fix's own edits, then the annotation updates it needs (in the document's coordinates). */
    edits: TextEdit[];
    /** The fixed statement's output in each of its expansions after the fix, when that changes (`64×28×28`). */
    newOutputs: string[];
    /** How many annotations the fix also updates so that they still hold. */
    annotationsUpdated: number;
}

/**
 * A fix changes one annotation after another only as far as inference gets: each round applies
 * the updates the last analysis asked for, so a chain of annotations takes one round per stop.
 */
const MAX_ROUNDS = 4;

/**
 * Keeps quick fixes sound (issue 9 item 7, docs/decisions.md): a fix is applied to the text and
 * the result analysed, as the editor would after accepting it. A fix is offered only when the
 * edited file has no error the original did not have; when the only new errors are annotations
 * (`-> 64x28x28`, on a layer, call, composite or stage) that the new shapes no longer match, the
 * fix updates them too and says so. Anything else (a residual add, a concat, a budget it breaks)
 * withholds the fix. The analysis is pure and takes milliseconds; the parse dominates.
 */
export class FixChecker {
    constructor(private readonly factory: LangiumDocumentFactory, private readonly analyzer: CnnDocumentAnalyzer) {}

    check(document: LangiumDocument, statement: AstNode, edits: TextEdit[]): CheckedFix | undefined {
        const original = this.analyzer.analyze(document);
        const before = countErrors(original.diagnostics);
        let all = edits;
        for (let round = 0; round < MAX_ROUNDS; round++) {
            const { edited, analysis } = this.analyseEdited(document, all);
            const fresh = newErrors(before, analysis.diagnostics);
            if (fresh.length === 0) {
                return { edits: all, newOutputs: changedOutputs(original, statement, edited, analysis), annotationsUpdated: all.length - edits.length };
            }
            const updates = annotationUpdates(fresh, edited, document, all);
            if (!updates) return undefined;
            all = [...all, ...updates];
        }
        return undefined;
    }

    private analyseEdited(document: LangiumDocument, edits: TextEdit[]): { edited: LangiumDocument; analysis: DocumentAnalysis } {
        const text = TextDocument.applyEdits(document.textDocument, edits);
        // Same URI: imports resolve as in the document, and the analysis reads this text for it.
        const edited = this.factory.fromString(text, document.uri);
        return { edited, analysis: this.analyzer.analyze(edited) };
    }
}

/** The title's note: `: the output becomes 64×28×28`, and `; also updates 1 annotation to match`. */
export function shapeNote(checked: CheckedFix): string {
    const outputs = checked.newOutputs;
    const shapes = outputs.length === 0 ? '' : `: the output${outputs.length > 1 ? 's become' : ' becomes'} ${outputs.join(', ')}`;
    const n = checked.annotationsUpdated;
    return n === 0 ? shapes : `${shapes}; also updates ${n} annotation${n === 1 ? '' : 's'} to match`;
}

function errorKey(diagnostic: CnnDiagnostic): string {
    return `${diagnostic.code}|${diagnostic.message}`;
}

function countErrors(diagnostics: readonly CnnDiagnostic[]): Map<string, number> {
    const counts = new Map<string, number>();
    for (const d of diagnostics) if (d.severity === 'error') counts.set(errorKey(d), (counts.get(errorKey(d)) ?? 0) + 1);
    return counts;
}

/** Errors of the edited file beyond those the original had (same code and message; positions may move). */
function newErrors(before: Map<string, number>, after: readonly CnnDiagnostic[]): CnnDiagnostic[] {
    const left = new Map(before);
    return after.filter(d => {
        if (d.severity !== 'error') return false;
        const n = left.get(errorKey(d)) ?? 0;
        left.set(errorKey(d), n - 1);
        return n <= 0;
    });
}

/**
 * The edits (in the original document's coordinates) that set each newly broken annotation to
 * what is inferred; undefined when a new error is not an annotation, or one annotation would need
 * two shapes (a block called with different inputs).
 */
function annotationUpdates(fresh: CnnDiagnostic[], edited: LangiumDocument, document: LangiumDocument, applied: TextEdit[]): TextEdit[] | undefined {
    const updates = new Map<string, TextEdit>();
    for (const d of fresh) {
        const data = d.data as { inferred?: unknown; annotationRange?: TextEdit['range'] } | undefined;
        if (d.code !== IssueCodes.AnnotationMismatch || typeof data?.inferred !== 'string' || !data.annotationRange) return undefined;
        const start = originalOffset(edited.textDocument.offsetAt(data.annotationRange.start), document, applied);
        const end = originalOffset(edited.textDocument.offsetAt(data.annotationRange.end), document, applied);
        if (start === undefined || end === undefined) return undefined;
        const key = `${start}-${end}`;
        const previous = updates.get(key);
        if (previous && previous.newText !== data.inferred) return undefined;
        const text = document.textDocument;
        updates.set(key, { range: { start: text.positionAt(start), end: text.positionAt(end) }, newText: data.inferred });
    }
    return [...updates.values()];
}

/** Maps an offset of the edited text back to the original; undefined inside text an edit inserted. */
function originalOffset(offset: number, document: LangiumDocument, edits: TextEdit[]): number | undefined {
    const text = document.textDocument;
    const spans = edits.map(e => ({ from: text.offsetAt(e.range.start), to: text.offsetAt(e.range.end), length: e.newText.length }))
        .sort((a, b) => a.from - b.from);
    let delta = 0;
    for (const span of spans) {
        const start = span.from + delta;
        if (offset < start) break;
        if (offset < start + span.length) return undefined;
        delta += span.length - (span.to - span.from);
    }
    return offset - delta;
}

/** The statement's outputs after the fix, when they differ from before (empty otherwise). */
function changedOutputs(original: DocumentAnalysis, statement: AstNode, edited: LangiumDocument, analysis: DocumentAnalysis): string[] {
    const counterpart = sameStatement(edited, statement);
    if (!counterpart) return [];
    const shapes = (list: ReadonlyArray<readonly number[]>) => [...new Set(list.map(shape => shape.join('×')))];
    const before = shapes(original.outputsOf(statement));
    const after = shapes(analysis.outputsOf(counterpart));
    return after.length > 0 && after.join() !== before.join() ? after : [];
}

/** The statement of the edited tree that starts where the fixed one does (fixes never edit before it). */
function sameStatement(edited: LangiumDocument, statement: AstNode): AstNode | undefined {
    const offset = statement.$cstNode?.offset;
    const root = edited.parseResult.value.$cstNode;
    if (offset === undefined || !root) return undefined;
    const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
    for (const node of ancestors(leaf?.astNode)) if (node.$type === statement.$type && node.$cstNode?.offset === offset) return node;
    return undefined;
}
