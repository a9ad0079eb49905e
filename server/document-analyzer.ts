import { URI, type AstNode, type LangiumDocument, type LangiumDocuments, type LangiumSharedCoreServices } from 'langium';
import { analyzeSource } from '../language/analysis/analyze.js';
import { sourceOf, type CnnSource } from '../language/analysis/sources.js';
import { fileDiagnostics } from '../language/analysis/syntax-errors.js';
import type { CnnDiagnostic, FileAnalysis, Group, LayerRow, NetworkAnalysis, Shape } from '../language/analysis/types.js';
import { isCall, isLayer, isOpParam, type Model } from '../language/generated/ast.js';
import { IssueCodes } from '../language/analysis/issue-codes.js';
import { ANALYSIS_BUDGET_MS, analysisBudgetMs, budgetDiagnostics, parseMsOf, stopAfter } from './analysis-budget.js';
import { OutsideFiles } from './outside-files.js';
import { DEFAULT_EDITOR_SETTINGS, type EditorSettings } from './settings.js';

/** One analysis of a document, with lookups from syntax nodes to what they produced. */
export interface DocumentAnalysis {
    analysis: FileAnalysis;
    /** What the document shows: syntax errors and the analysis's diagnostics in it, as `cnn check` prints them. */
    diagnostics: CnnDiagnostic[];
    /** The rows each statement produced, in every network and every expansion. */
    rowsOf(node: AstNode): Array<{ network: NetworkAnalysis; row: LayerRow }>;
    /** The stage, tap and call groups each statement produced. */
    groupsOf(node: AstNode): Array<{ network: NetworkAnalysis; group: Group }>;
    networkOf(node: AstNode): NetworkAnalysis | undefined;
    /**
     * The rows a layer or composite statement writes itself, one per expansion: all of a layer's;
     * of a residual, concat, split or scale only its own add/concat/split/scale row, not its body's.
     */
    ownRowsOf(statement: AstNode): Array<{ network: NetworkAnalysis; row: LayerRow }>;
    /** A statement's output in each of its expansions (a call's, a layer's, a composite's). */
    outputsOf(statement: AstNode): Shape[];
}

/**
 * Analyses documents once per state of what they read and shares the result with every editor
 * feature (diagnostics, hover, inlay hints, code lens, the `cnn/analysis` request): a hover, hint
 * or lens never analyses again. An analysis stays valid while its document's parse and the parse
 * of every file it imported (or looked for) are the ones it read, at the same settings: typing in
 * one file re-analyses it and its importers, never the other open files.
 */
export class CnnDocumentAnalyzer {
    private readonly documents: LangiumDocuments;
    private cache = new WeakMap<LangiumDocument, CachedAnalysis>();
    /** Parsed files imported from outside the workspace (never added to it). */
    private readonly outside: OutsideFiles;
    /** The settings the cached analyses were made with. */
    private cachedFor: EditorSettings | undefined;

    /**
     * @param budgetMs how long one analysis may run before it stops with a warning (analysis-budget.ts)
     */
    constructor(shared: LangiumSharedCoreServices, readonly settings: () => EditorSettings = () => DEFAULT_EDITOR_SETTINGS,
        private readonly budgetMs = ANALYSIS_BUDGET_MS) {
        this.documents = shared.workspace.LangiumDocuments;
        this.outside = new OutsideFiles(shared);
        // Files outside the workspace send no change events: read them again after any update.
        shared.workspace.DocumentBuilder.onUpdate(() => this.outside.markStale());
    }

    clear(): void {
        this.cache = new WeakMap();
        this.outside.clear();
    }

    analyze(document: LangiumDocument): DocumentAnalysis {
        const settings = this.settings();
        // Settings are replaced, never changed in place: a new object means new numbers.
        if (settings !== this.cachedFor) {
            this.clear();
            this.cachedFor = settings;
        }
        const cached = this.cache.get(document);
        if (cached && this.isCurrent(cached, document)) return cached.result;
        const read = new Map<string, Model | undefined>();
        const lookup = (uri: string) => {
            const source = this.lookup(uri);
            read.set(uri, source?.model);
            return source;
        };
        const parseMs = parseMsOf(document.parseResult.value);
        const budgetMs = analysisBudgetMs(parseMs, this.budgetMs);
        const analysis = analyzeOrReport(() => analyzeSource(sourceOf(document), lookup, settings.cost, { shouldStop: stopAfter(budgetMs) }), document.uri.toString());
        const diagnostics = fileDiagnostics(document, [...analysis.diagnostics, ...budgetDiagnostics(analysis, budgetMs, budgetMs < this.budgetMs ? parseMs : undefined)]);
        // `cnn.hints.inexact` off: the hint is not shown anywhere (squiggles, the report, the chart).
        const result = indexAnalysis(analysis, settings.inexactHints ? diagnostics : diagnostics.filter(d => d.code !== 'inexact'));
        this.cache.set(document, { result, model: document.parseResult.value, read });
        return result;
    }

    /** The parsed file at a URI: an open or workspace document, else read from disk; undefined if unreadable. */
    readonly lookup = (uri: string): CnnSource | undefined => {
        const document = this.documents.getDocument(URI.parse(uri));
        return document ? sourceOf(document) : this.outside.lookup(uri);
    };

    private isCurrent(cached: CachedAnalysis, document: LangiumDocument): boolean {
        if (cached.model !== document.parseResult.value) return false;
        for (const [uri, model] of cached.read) {
            if (this.lookup(uri)?.model !== model) return false;
        }
        return true;
    }
}

/**
 * The analysis, or, if it throws (a bug: no input should make it), an analysis with no network
 * and one error at the top of the file that says so. The exception would otherwise escape the
 * document build as an unhandled rejection, which ends the server and every open editor's features.
 */
export function analyzeOrReport(analyze: () => FileAnalysis, uri: string): FileAnalysis {
    try {
        return analyze();
    } catch (error) {
        console.error(`cnn: internal error analysing ${uri}:`, error);
        const message = `internal error: the analysis of this file failed (${error instanceof Error ? error.message : String(error)}); please report it`;
        const start = { line: 0, character: 0 };
        return { uri, networks: [], diagnostics: [{ severity: 'error', code: IssueCodes.InternalError, message, uri, range: { start, end: start }, related: [] }] };
    }
}

interface CachedAnalysis {
    result: DocumentAnalysis;
    /** The document's parse that was analysed. */
    model: AstNode;
    /** Every file the analysis looked up, with the parse it got (undefined: none found). */
    read: Map<string, Model | undefined>;
}

function indexAnalysis(analysis: FileAnalysis, diagnostics: CnnDiagnostic[]): DocumentAnalysis {
    const rows = new Map<AstNode, Array<{ network: NetworkAnalysis; row: LayerRow }>>();
    const groups = new Map<AstNode, Array<{ network: NetworkAnalysis; group: Group }>>();
    const networks = new Map<AstNode, NetworkAnalysis>();
    const add = <T>(map: Map<AstNode, T[]>, node: AstNode, entry: T) => {
        const list = map.get(node);
        if (list) list.push(entry);
        else map.set(node, [entry]);
    };
    for (const network of analysis.networks) {
        networks.set(network.node, network);
        for (const row of network.rows) add(rows, row.node, { network, row });
        for (const group of [...network.stages, ...network.taps, ...network.calls]) add(groups, group.node, { network, group });
    }
    const rowsOf = (node: AstNode) => rows.get(node) ?? [];
    const groupsOf = (node: AstNode) => groups.get(node) ?? [];
    const ownRowsOf = (statement: AstNode) => {
        if (isLayer(statement) || isOpParam(statement)) return rowsOf(statement);
        // A generated projection's conv and bn rows also belong to its residual: keep the add.
        const keyword = statement.$type.toLowerCase();
        return rowsOf(statement).filter(i => i.row.op === keyword);
    };
    return {
        analysis,
        diagnostics,
        rowsOf,
        groupsOf,
        ownRowsOf,
        networkOf: node => networks.get(node),
        outputsOf(statement) {
            if (isCall(statement)) return groupsOf(statement).flatMap(i => i.group.output ? [i.group.output] : []);
            return ownRowsOf(statement).map(i => i.row.output);
        }
    };
}
