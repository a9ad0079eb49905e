import { URI, type LangiumDocuments } from 'langium';
import { analyzeSource } from '../language/analysis/analyze.js';
import { compareNetworks } from '../language/analysis/compare.js';
import type { CostSettings } from '../language/analysis/settings.js';
import type { FileAnalysis, NetworkAnalysis } from '../language/analysis/types.js';
import type { CnnDocumentAnalyzer } from './document-analyzer.js';
import type { CompareParams, CompareResult } from './protocol.js';

/** At most this many files are read for one comparison (a huge workspace must not stall the server). */
const MAX_FILES = 200;

/**
 * The "Comparing complexity" entries: every network with a published top-1 (`meta top1`) in the
 * workspace's documents and the extra files the client names (the bundled examples), and the
 * current network whether or not it has one. Costs come from `compare.ts` (inference costs).
 */
export function compareEntries(params: CompareParams, documents: LangiumDocuments, analyzer: CnnDocumentAnalyzer, settings: CostSettings): CompareResult {
    const uris = [...new Set([params.uri, ...[...documents.all].map(d => d.uri.toString()), ...params.extraUris])].slice(0, MAX_FILES);
    const found: Array<{ file: string; uri: string; network: NetworkAnalysis }> = [];
    for (const uri of uris) {
        const document = documents.getDocument(URI.parse(uri));
        const analysis = document ? analyzer.analyze(document).analysis : analyzeOutside(uri, analyzer, settings);
        for (const network of analysis?.networks ?? []) {
            if (network.output !== null) found.push({ file: fileLabel(uri), uri, network });
        }
    }
    const currentName = params.network ?? found.find(f => f.uri === params.uri)?.network.name;
    const isCurrent = (f: { uri: string; network: NetworkAnalysis }) => f.uri === params.uri && f.network.name === currentName;
    const kept = found.filter(f => isCurrent(f) || typeof f.network.meta.top1 === 'number');
    // The same network (same name and costs) in the workspace and the examples: keep the first.
    const seen = new Set<string>();
    const compared = compareNetworks(kept.map(f => ({ file: f.uri, network: f.network })), settings, 'macs');
    const entries: CompareResult = [];
    for (const entry of compared) {
        const source = kept.find(f => f.uri === entry.file && f.network.name === entry.name)!;
        const current = isCurrent(source);
        const key = `${entry.name}|${entry.params}|${entry.macs}`;
        if (seen.has(key) && !current) continue;
        seen.add(key);
        entries.push({
            file: source.file, uri: source.uri, name: entry.name,
            params: Number(entry.params), macs: Number(entry.macs), memoryBytes: Number(entry.memoryBytes),
            top1: entry.top1 ?? null, source: entry.source ?? null, current
        });
    }
    return entries;
}

/**
 * Files outside the workspace (the extension's own examples) do not change while it runs: their
 * analyses are kept per settings object (a changed setting is a new object), so only the first
 * comparison at given settings pays for them.
 */
const outsideAnalyses = new WeakMap<CostSettings, Map<string, FileAnalysis | undefined>>();

function analyzeOutside(uri: string, analyzer: CnnDocumentAnalyzer, settings: CostSettings): FileAnalysis | undefined {
    let cache = outsideAnalyses.get(settings);
    if (!cache) {
        cache = new Map();
        outsideAnalyses.set(settings, cache);
    }
    if (!cache.has(uri)) {
        const source = analyzer.lookup(uri);
        cache.set(uri, source ? analyzeSource(source, analyzer.lookup, settings) : undefined);
    }
    return cache.get(uri);
}

function fileLabel(uri: string): string {
    const path = URI.parse(uri).path;
    return path.slice(path.lastIndexOf('/') + 1);
}
