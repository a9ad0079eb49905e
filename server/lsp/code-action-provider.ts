import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import {
    CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type Range, type TextEdit
} from 'vscode-languageserver';
import { IssueCodes } from '../../language/analysis/issue-codes.js';
import { nodeRange, propertyRange, statementEnd } from '../../language/analysis/ranges.js';
import { isCall, isConcat, isLayer, isResidual, isScale, isSplit, type Layer, type Residual } from '../../language/generated/ast.js';
import type { CnnServices } from '../cnn-module.js';
import type { CnnDocumentAnalyzer } from '../document-analyzer.js';
import { ancestors, leafAt } from './node-at.js';

/**
 * Quick fixes keyed on the diagnostic code, and one refactoring on any layer: insert the inferred
 * shape annotation.
 */
export class CnnCodeActionProvider implements CodeActionProvider {
    private readonly analyzer: CnnDocumentAnalyzer;

    constructor(services: CnnServices) {
        this.analyzer = services.analysis.DocumentAnalyzer;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): Array<Command | CodeAction> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            actions.push(...this.fixesFor(document, diagnostic));
        }
        const annotate = this.annotateAction(document, params.range);
        if (annotate) actions.push(annotate);
        return actions;
    }

    private fixesFor(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const data = (diagnostic.data ?? {}) as Record<string, unknown>;
        const node = statementAt(document, diagnostic.range);
        switch (diagnostic.code) {
            case IssueCodes.ResidualMismatch:
                return isResidual(node) ? shortcutFixes(document, node, diagnostic, data.canProject === true) : [];
            case IssueCodes.AnnotationMismatch: {
                const annotated = node as (AstNode & { annot?: AstNode }) | undefined;
                if (!annotated?.annot || typeof data.inferred !== 'string') return [];
                return [fix(`Change the annotation to ${data.inferred}`, document, diagnostic, [{ range: nodeRange(annotated.annot), newText: data.inferred }], true)];
            }
            case IssueCodes.InMismatch: {
                const option = isLayer(node) ? node.options.find(o => o.name === 'in') : undefined;
                if (!option?.value || typeof data.actual !== 'number') return [];
                return [fix(`Change to 'in ${data.actual}'`, document, diagnostic, [{ range: nodeRange(option.value), newText: String(data.actual) }], true)];
            }
            case IssueCodes.Inexact:
                return isLayer(node) ? inexactFixes(document, node, diagnostic, data.pad as [number, number] | undefined) : [];
            case IssueCodes.UnknownBlock: {
                if (typeof data.suggestion !== 'string') return [];
                return [fix(`Change to '${data.suggestion}'`, document, diagnostic, [{ range: diagnostic.range, newText: data.suggestion }], true)];
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

function shortcutFixes(document: LangiumDocument, residual: Residual, diagnostic: Diagnostic, canProject: boolean): CodeAction[] {
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
        fix(`Use 'shortcut projection'`, document, diagnostic, edit('projection'), true),
        fix(`Use 'shortcut auto' (projection only when shapes differ)`, document, diagnostic, edit('auto'), false)
    ];
}

function inexactFixes(document: LangiumDocument, layer: Layer, diagnostic: Diagnostic, pad: [number, number] | undefined): CodeAction[] {
    if (!layer.kernel) return [];
    // Options may come in any order: a new one goes right after the kernel.
    const afterKernel = nodeRange(layer.kernel).end;
    const insert = (text: string): TextEdit => ({ range: { start: afterKernel, end: afterKernel }, newText: ` ${text}` });
    const actions: CodeAction[] = [];
    if (pad) {
        const text = pad[0] === pad[1] ? `pad ${pad[0]}` : `pad ${pad[0]}x${pad[1]}`;
        const existing = layer.options.find(o => o.name === 'pad');
        const edit = existing ? { range: nodeRange(existing), newText: text } : insert(text);
        actions.push(fix(`Use '${text}' so every input pixel is seen`, document, diagnostic, [edit], true));
    }
    if (layer.op === 'maxpool' || layer.op === 'avgpool') {
        actions.push(fix(`Use 'ceil' mode (one more output row and column)`, document, diagnostic, [insert('ceil')], !pad));
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
        if (isLayer(node) || isCall(node) || isResidual(node) || isConcat(node) || isSplit(node) || isScale(node)) return node;
    }
    return undefined;
}
