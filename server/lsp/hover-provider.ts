import { AstUtils, type AstNode, type LangiumDocument, type LangiumDocuments } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import { MarkupKind, type ClientCapabilities, type Hover, type HoverParams } from 'vscode-languageserver';
import type { Group, NetworkAnalysis } from '../../language/analysis/types.js';
import { parseDims } from '../../language/analysis/shape.js';
import {
    isAnnot, isBlock, isCall, isConcat, isInput, isLayer, isLimit, isNetwork, isOpParam, isResidual, isScale, isSplit, isStage, isTap,
    type Block
} from '../../language/generated/ast.js';
import type { CnnServices } from '../cnn-module.js';
import type { CnnDocumentAnalyzer, DocumentAnalysis } from '../document-analyzer.js';
import {
    annotationHover, blockHover, callHover, compositeHover, inputHover, layerHover, limitHover, networkHover, stageHover
} from './hover-content.js';
import { expressionHover, isExpression, outermostExpression } from './expression-hover.js';
import { errorLineAbove } from './inference-stop.js';
import { ancestors, leafAt } from './node-at.js';
import { plainText } from './plain-text.js';
import type { CnnEditorSettings } from '../settings.js';

/**
 * Hovers on every construct (issue 3): a layer's shapes, costs with formulas, receptive field and
 * share; a call's instance totals and layers; a block's signature and call sites; a stage's or
 * network's totals; input, budget limits and shape annotations.
 */
export class CnnHoverProvider implements HoverProvider {
    private readonly analyzer: CnnDocumentAnalyzer;
    private readonly documents: LangiumDocuments;
    private readonly settings: CnnEditorSettings;
    /** A client that declares only plain-text hovers gets them as aligned text (plain-text.ts). */
    private plainText = false;

    constructor(services: CnnServices) {
        this.settings = services.analysis.Settings;
        this.analyzer = services.analysis.DocumentAnalyzer;
        this.documents = services.shared.workspace.LangiumDocuments;
        services.shared.lsp.LanguageServer.onInitialize(params => this.useClientCapabilities(params.capabilities));
    }

    useClientCapabilities(capabilities: ClientCapabilities): void {
        const formats = capabilities.textDocument?.hover?.contentFormat;
        this.plainText = formats !== undefined && formats.length > 0 && !formats.includes(MarkupKind.Markdown);
    }

    getHoverContent(document: LangiumDocument, params: HoverParams): Hover | undefined {
        const leaf = leafAt(document, params.position);
        if (!leaf) return undefined;
        const analysis = this.analyzer.analyze(document);
        const statement = this.contentFor(leaf.astNode, leaf.text, analysis);
        // Inside an expression: its computed values first (LANGUAGE.md §8.1), then the statement.
        const value = isExpression(leaf.astNode)
            ? expressionHover(outermostExpression(leaf.astNode), analysis.analysis.networks, block => this.callSites(block).map(site => site.group))
            : undefined;
        const markdown = [value, statement].filter(Boolean).join('\n\n---\n\n');
        if (!markdown) return undefined;
        const contents = this.plainText ? { kind: MarkupKind.PlainText, value: plainText(markdown) } : { kind: MarkupKind.Markdown, value: markdown };
        return { contents, range: leaf.range };
    }

    private contentFor(start: AstNode, word: string, analysis: DocumentAnalysis): string | undefined {
        const settings = this.settings.current;
        for (const node of ancestors(start)) {
            if (isAnnot(node)) return annotationHover(node.dims ?? node.flat ?? '', analysis.outputsOf(node.$container));
            if (isLimit(node)) {
                const network = analysis.networkOf(AstUtils.getContainerOfType(node, isNetwork)!);
                return network && limitHover(node, network, settings);
            }
            if (isInput(node)) {
                const dims = parseDims(node.dims ?? '');
                return dims.length === 3 ? inputHover(dims as [number, number, number], settings) : undefined;
            }
            if (isLayer(node)) {
                const rows = analysis.rowsOf(node);
                return rows.length > 0 ? layerHover(rows, settings) : notInferred(node.label ?? node.op, analysis, node);
            }
            // A word alone (LANGUAGE.md §8.3): the layer of the operator its parameter held.
            if (isOpParam(node)) {
                const rows = analysis.rowsOf(node);
                return rows.length > 0 ? layerHover(rows, settings) : notInferred(node.label ?? node.name, analysis, node);
            }
            if (isCall(node)) {
                const calls = analysis.groupsOf(node);
                return calls.length > 0 ? callHover(calls, settings) : notInferred(node.label ?? node.block, analysis, node);
            }
            if (isResidual(node) || isConcat(node) || isSplit(node) || isScale(node)) {
                const keyword = node.$type.toLowerCase();
                const rows = analysis.ownRowsOf(node);
                return rows.length > 0 ? compositeHover(keyword, rows, settings) : notInferred(node.label ?? keyword, analysis, node);
            }
            if (isStage(node) || isTap(node)) {
                const groups = analysis.groupsOf(node);
                return groups.length > 0 ? stageHover(isStage(node) ? 'stage' : 'tap', groups, settings) : notInferred(`${node.$type.toLowerCase()} ${node.name}`, analysis, node);
            }
            if (isBlock(node)) return word === node.name ? blockHover(node, this.callSites(node)) : undefined;
            if (isNetwork(node)) {
                const network = analysis.networkOf(node);
                if (word !== node.name || !network) return undefined;
                const stopped = network.stopped ? `*The analysis stopped at its time budget: these totals cover the first ${network.rows.length.toLocaleString('en-US')} rows only.*\n\n` : '';
                return stopped + networkHover(network, settings);
            }
        }
        return undefined;
    }

    /** Every call of a block in the workspace's analysed networks (its own file and importers). */
    private callSites(block: Block): Array<{ network: NetworkAnalysis; group: Group }> {
        const sites: Array<{ network: NetworkAnalysis; group: Group }> = [];
        for (const document of this.documents.all) {
            for (const network of this.analyzer.analyze(document).analysis.networks) {
                for (const group of network.calls) if (group.block === block) sites.push({ network, group });
            }
        }
        return sites;
    }
}

function notInferred(what: string, analysis: DocumentAnalysis, node: AstNode): string {
    const errorLine = errorLineAbove(analysis, node);
    if (errorLine !== undefined) return `**${what}**: not inferred — the error at line ${errorLine} stops shape inference before it.`;
    const stopped = analysis.analysis.networks.find(network => network.stopped);
    if (stopped) return `**${what}**: not inferred — the analysis stopped at its time budget before it (see the warning on network ${stopped.name}).`;
    return `**${what}**: not inferred — nothing runs it (or an error in what calls it stops inference).`;
}
