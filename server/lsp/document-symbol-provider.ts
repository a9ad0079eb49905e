import type { AstNode, LangiumDocument } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver';
import { nodeRange, propertyRange, statementRange } from '../../language/analysis/ranges.js';
import { formatShape } from '../../language/analysis/shape.js';
import {
    isBranch, isCall, isConcat, isIf, isLayer, isOpParam, isRepeat, isResidual, isScale, isShortcut, isSplit, isStage, isTap,
    type Model, type Stmt
} from '../../language/generated/ast.js';
import type { CnnServices } from '../cnn-module.js';
import type { CnnDocumentAnalyzer, DocumentAnalysis } from '../document-analyzer.js';

/** The outline: network › stage › layer or call (composites and taps as containers); blocks › their statements. */
export class CnnDocumentSymbolProvider implements DocumentSymbolProvider {
    private readonly analyzer: CnnDocumentAnalyzer;

    constructor(services: CnnServices) {
        this.analyzer = services.analysis.DocumentAnalyzer;
    }

    getSymbols(document: LangiumDocument, _params: DocumentSymbolParams): DocumentSymbol[] {
        const model = document.parseResult.value as Model;
        const analysis = this.analyzer.analyze(document);
        const networks = model.networks.filter(n => n.name !== undefined).map(network => symbol(network.name, SymbolKind.Class, network,
            propertyRange(network, 'name'), shapeDetail(analysis.networkOf(network)?.output ?? null), statements(network.body, analysis)));
        const blocks = model.blocks.filter(b => b.name !== undefined).map(block => symbol(block.name, SymbolKind.Function, block,
            propertyRange(block, 'name'), `(${block.params.map(p => p.name).join(', ')})`, statements(block.body, analysis)));
        return [...networks, ...blocks];
    }
}

function statements(body: Stmt[], analysis: DocumentAnalysis): DocumentSymbol[] {
    return body.flatMap(stmt => {
        if (isStage(stmt)) return [symbol(stmt.name, SymbolKind.Namespace, stmt, propertyRange(stmt, 'name'), groupDetail(stmt, analysis), statements(stmt.body, analysis))];
        if (isTap(stmt)) return [symbol(`tap ${stmt.name}`, SymbolKind.Event, stmt, propertyRange(stmt, 'name'), groupDetail(stmt, analysis), statements(stmt.body, analysis))];
        if (isRepeat(stmt)) return statements(stmt.body, analysis);
        // `if` adds no level of its own (LANGUAGE.md §8.2): both branches show their statements.
        if (isIf(stmt)) return [...statements(stmt.body, analysis), ...(stmt.elseIf ? statements([stmt.elseIf], analysis) : statements(stmt.elseBody, analysis))];
        const name = isLayer(stmt) ? stmt.label ?? stmt.op : isOpParam(stmt) ? stmt.label ?? stmt.name : isCall(stmt) ? stmt.label ?? `${stmt.block}()` : stmt.label ?? stmt.$type.toLowerCase();
        const kind = isCall(stmt) ? SymbolKind.Method : isLayer(stmt) ? SymbolKind.Field : SymbolKind.Struct;
        return [symbol(name, kind, stmt, statementRange(stmt), outputsDetail(stmt, analysis), children(stmt, analysis))];
    });
}

function children(stmt: Stmt, analysis: DocumentAnalysis): DocumentSymbol[] {
    if (isResidual(stmt)) {
        const shortcut = stmt.shortcut && isShortcut(stmt.shortcut) && stmt.shortcut.body.length > 0 ? statements(stmt.shortcut.body, analysis) : [];
        return [...statements(stmt.body, analysis), ...shortcut];
    }
    if (isConcat(stmt) || isSplit(stmt)) {
        return stmt.branches.filter(isBranch).map((branch, i) => symbol(branch.name ?? `branch${i + 1}`, SymbolKind.Namespace, branch,
            nodeRange(branch), undefined, statements(branch.body, analysis)));
    }
    if (isScale(stmt)) return statements(stmt.body, analysis);
    return [];
}

function symbol(name: string, kind: SymbolKind, node: AstNode, selectionRange: DocumentSymbol['range'], detail: string | undefined, kids: DocumentSymbol[]): DocumentSymbol {
    return { name, kind, range: nodeRange(node), selectionRange, detail, children: kids.length > 0 ? kids : undefined };
}

function outputsDetail(stmt: AstNode, analysis: DocumentAnalysis): string | undefined {
    const distinct = [...new Set(analysis.outputsOf(stmt).map(formatShape))];
    return distinct.length > 0 ? `→ ${distinct.slice(0, 3).join(' | ')}` : undefined;
}

function groupDetail(node: AstNode, analysis: DocumentAnalysis): string | undefined {
    const output = analysis.groupsOf(node)[0]?.group.output;
    return output ? `→ ${formatShape(output)}` : undefined;
}

function shapeDetail(shape: readonly number[] | null): string | undefined {
    return shape ? `→ ${shape.join('×')}` : undefined;
}
