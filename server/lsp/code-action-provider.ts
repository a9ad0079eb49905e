import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import {
    CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type Range, type TextEdit
} from 'vscode-languageserver';
import { IssueCodes } from '../../language/analysis/issue-codes.js';
import { nodeRange, propertyRange, statementEnd } from '../../language/analysis/ranges.js';
import { isCall, isConcat, isLayer, isOpParam, isResidual, isScale, isSplit, type Layer, type Residual } from '../../language/generated/ast.js';
import type { CnnServices } from '../cnn-module.js';
import type { CnnDocumentAnalyzer } from '../document-analyzer.js';
import { FixChecker, shapeNote } from './fix-check.js';
import { ancestors, leafAt } from './node-at.js';

/** A quick fix before it is checked: its title (without the note on shapes), edits and whether it is the preferred one. */
interface Candidate { title: string; edits: TextEdit[]; preferred: boolean }

/**
 * Quick fixes keyed on the diagnostic code, and one refactoring on any layer: insert the inferred
 * shape annotation. Every quick fix is checked on the edited text first (fix-check.ts): its title
 * says how the statement's output changes, and a fix that would leave a new error is not offered.
 */
export class CnnCodeActionProvider implements CodeActionProvider {
    private readonly analyzer: CnnDocumentAnalyzer;
    private readonly checker: FixChecker;

    constructor(services: CnnServices) {
        this.analyzer = services.analysis.DocumentAnalyzer;
        this.checker = new FixChecker(services.shared.workspace.LangiumDocumentFactory, this.analyzer);
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): Array<Command | CodeAction> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const node = statementAt(document, diagnostic.range);
            if (!node) continue;
            for (const candidate of this.fixesFor(document, node, diagnostic)) {
                const checked = this.checker.check(document, node, candidate.edits);
                if (checked) actions.push(fix(candidate.title + shapeNote(checked), document, diagnostic, checked.edits, candidate.preferred));
            }
        }
        const annotate = this.annotateAction(document, params.range);
        if (annotate) actions.push(annotate);
        return actions;
    }

    private fixesFor(document: LangiumDocument, node: AstNode, diagnostic: Diagnostic): Candidate[] {
        const data = (diagnostic.data ?? {}) as Record<string, unknown>;
        switch (diagnostic.code) {
            case IssueCodes.ResidualMismatch:
                return isResidual(node) ? shortcutFixes(node, data.canProject === true) : [];
            case IssueCodes.AnnotationMismatch: {
                const annotated = node as AstNode & { annot?: AstNode };
                if (!annotated.annot || typeof data.inferred !== 'string') return [];
                return [{ title: `Change the annotation to ${data.inferred}`, edits: [{ range: nodeRange(annotated.annot), newText: data.inferred }], preferred: true }];
            }
            case IssueCodes.InMismatch: {
                const option = isLayer(node) ? node.options.find(o => o.name === 'in') : undefined;
                if (!option?.value || typeof data.actual !== 'number') return [];
                return [{ title: `Change to 'in ${data.actual}'`, edits: [{ range: nodeRange(option.value), newText: String(data.actual) }], preferred: true }];
            }
            case IssueCodes.Inexact:
                return isLayer(node) ? inexactFixes(node, data.pad as [number, number] | undefined) : [];
            case IssueCodes.UnknownBlock: {
                if (typeof data.suggestion !== 'string') return [];
                return [{ title: `Change to '${data.suggestion}'`, edits: [{ range: diagnostic.range, newText: data.suggestion }], preferred: true }];
            }
            case IssueCodes.SyntaxError: {
                // `conv1 conv 64 3x3`: the label's colon (v2-text-checks.ts).
                const at = data.labelColonAt as Range['start'] | undefined;
                if (!at || !isOpParam(node)) return [];
                return [{ title: `Insert ':' after the label '${node.name}'`, edits: [{ range: { start: at, end: at }, newText: ':' }], preferred: true }];
            }
            default:
                return [];
        }
    }

    /** Refactoring: `-> 64x56x56` after a layer without an annotation, from the inferred shape. */
    private annotateAction(document: LangiumDocument, range: Range): CodeAction | undefined {
        const layer = statementAt(document, range);
        if (!isLayer(layer) || layer.annot) return undefined;
        const outputs = [...new Set(this.analyzer.analyze(document).outputsOf(layer).map(shape => shape.join('x')))];
        const end = statementEnd(layer);
        if (outputs.length !== 1 || !end) return undefined;
        return {
            title: `Annotate the output shape (-> ${outputs[0]})`,
            kind: CodeActionKind.RefactorRewrite,
            edit: { changes: { [document.uri.toString()]: [{ range: { start: end, end }, newText: ` -> ${outputs[0]}` }] } }
        };
    }
}

function shortcutFixes(residual: Residual, canProject: boolean): Candidate[] {
    const edit = (kind: string): TextEdit[] => {
        const shortcut = residual.shortcut;
        if (shortcut?.kind !== undefined) return [{ range: propertyRange(shortcut, 'kind'), newText: kind }];
        if (shortcut) return [{ range: nodeRange(shortcut), newText: `shortcut ${kind}` }];
        const close = GrammarUtils.findNodesForKeyword(residual.$cstNode, '}')[0];
        const at = close?.range.end ?? nodeRange(residual).end;
        return [{ range: { start: at, end: at }, newText: ` shortcut ${kind}` }];
    };
    if (!canProject) return [];
    return [
        { title: `Use 'shortcut projection'`, edits: edit('projection'), preferred: true },
        { title: `Use 'shortcut auto' (projection only when shapes differ)`, edits: edit('auto'), preferred: false }
    ];
}

function inexactFixes(layer: Layer, pad: [number, number] | undefined): Candidate[] {
    if (!layer.kernel) return [];
    // Options may come in any order: a new one goes right after the kernel.
    const afterKernel = nodeRange(layer.kernel).end;
    const insert = (text: string): TextEdit => ({ range: { start: afterKernel, end: afterKernel }, newText: ` ${text}` });
    const actions: Candidate[] = [];
    if (pad) {
        const text = pad[0] === pad[1] ? `pad ${pad[0]}` : `pad ${pad[0]}x${pad[1]}`;
        const existing = layer.options.find(o => o.name === 'pad');
        const edit = existing ? { range: nodeRange(existing), newText: text } : insert(text);
        actions.push({ title: `Use '${text}' so every input pixel is seen`, edits: [edit], preferred: true });
    }
    if (layer.op === 'maxpool' || layer.op === 'avgpool') {
        actions.push({ title: `Use 'ceil' mode (one more output row and column)`, edits: [insert('ceil')], preferred: !pad });
    }
    return actions;
}

function fix(title: string, document: LangiumDocument, diagnostic: Diagnostic, edits: TextEdit[], preferred: boolean): CodeAction {
    return {
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: preferred,
        edit: { changes: { [document.uri.toString()]: edits } }
    };
}

/** The innermost statement (layer, call or composite) at the start of the given range. */
function statementAt(document: LangiumDocument, range: Range): AstNode | undefined {
    const leaf = leafAt(document, range.start);
    for (const node of ancestors(leaf?.astNode)) {
        if (isLayer(node) || isCall(node) || isResidual(node) || isConcat(node) || isSplit(node) || isScale(node) || isOpParam(node)) return node;
    }
    return undefined;
}
