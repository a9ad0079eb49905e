import type { Network } from '../generated/ast.js';
import { checkBudgets } from './budget.js';
import { DiagnosticSink } from './diagnostics.js';
import { NetworkExpander, type ExpansionOptions, type ExpansionResult } from './expander.js';
import { peakMemory } from './peak-memory.js';
import { parseDims } from './shape.js';
import { DEFAULT_SETTINGS, type CostSettings } from './settings.js';
import { BlockScopes, type CnnSource, type SourceLookup } from './sources.js';
import { checkText } from './text-checks.js';
import { sumRows } from './totals.js';
import type { FileAnalysis, NetworkAnalysis, Shape } from './types.js';

/**
 * Analyses a file: the text checks, then every network expanded from its input, with totals and
 * budgets. Pure: everything it reads comes through `lookup` (the importing file's imports).
 * Syntax errors are the parser's to report; this adds the `import-error` of imported files.
 * Once `options.shouldStop` says stop, the networks after the one it stopped are not expanded.
 */
export function analyzeSource(source: CnnSource, lookup: SourceLookup, settings: CostSettings = DEFAULT_SETTINGS,
    options: ExpansionOptions = {}): FileAnalysis {
    const sink = new DiagnosticSink();
    const withRoot: SourceLookup = uri => uri === source.uri ? source : lookup(uri);
    const scopes = new BlockScopes(withRoot);
    checkText(source, withRoot, scopes, sink);
    let stopped = false;
    const networks = source.model.networks
        .filter(network => network.name !== undefined)
        .map(network => {
            const analysis = analyzeNetwork(network, source.uri, scopes, sink, settings, options, stopped);
            stopped ||= analysis.stopped === true;
            return analysis;
        });
    const analysis: FileAnalysis = { uri: source.uri, networks, diagnostics: sink.diagnostics };
    if (stopped) analysis.stopped = true;
    return analysis;
}

function analyzeNetwork(network: Network, uri: string, scopes: BlockScopes, sink: DiagnosticSink, settings: CostSettings,
    options: ExpansionOptions, skip: boolean): NetworkAnalysis {
    const input = settings.inputOverride ?? inputShape(network);
    const expansion: ExpansionResult = input && !skip
        ? new NetworkExpander(network, uri, scopes, sink, options).expand(input)
        : { input: input ?? [0, 0, 0] as Shape, output: null, rows: [], stages: [], taps: [], calls: [], ...(skip ? { stopped: true } : {}) };
    const totals = sumRows(expansion.rows);
    const { liveElements, peakElements } = input ? peakMemory(expansion.rows, input, expansion.output !== null) : { liveElements: [], peakElements: 0n };
    if (expansion.output !== null) checkBudgets(network, totals, settings, sink, peakElements);
    return { name: network.name, node: network, ...expansion, totals, meta: metaOf(network), liveElements, peakMemoryElements: peakElements };
}

/** The declared input, or undefined when it is missing or malformed (reported elsewhere). */
function inputShape(network: Network): Shape | undefined {
    const dims = network.input?.dims === undefined ? [] : parseDims(network.input.dims);
    return dims.length === 3 && dims.every(d => d >= 1) ? [dims[0], dims[1], dims[2]] : undefined;
}

function metaOf(network: Network): Record<string, string | number> {
    const meta: Record<string, string | number> = {};
    for (const entry of network.metas[0]?.entries ?? []) {
        if (entry.key === undefined) continue;
        if (entry.text !== undefined) meta[entry.key] = entry.text;
        else if (entry.number !== undefined) meta[entry.key] = Number(entry.number);
    }
    return meta;
}
