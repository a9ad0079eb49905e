import { AstUtils, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { formatBytes, formatCount } from '../../language/analysis/format.js';
import { keywordRange } from '../../language/analysis/ranges.js';
import { memoryBytes } from '../../language/analysis/settings.js';
import { sumTotals } from '../../language/analysis/totals.js';
import { isStage } from '../../language/generated/ast.js';
import type { Totals } from '../../language/analysis/types.js';
import type { CnnServices } from '../cnn-module.js';
import type { CnnDocumentAnalyzer } from '../document-analyzer.js';
import { SHOW_CHART_COMMAND } from '../protocol.js';
import { computeIn, type CnnEditorSettings, type EditorSettings } from '../settings.js';
import { share } from './markdown.js';

/**
 * Over each network: `params 25.6M · MACs 4.09G · memory 42.4 MiB` and `Show chart`; over each
 * stage: its costs and their share of the network (VGG's "every stage costs about the same").
 */
export class CnnCodeLensProvider implements CodeLensProvider {
    private readonly analyzer: CnnDocumentAnalyzer;
    private readonly settings: CnnEditorSettings;

    constructor(services: CnnServices) {
        this.analyzer = services.analysis.DocumentAnalyzer;
        this.settings = services.analysis.Settings;
    }

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const analysis = this.analyzer.analyze(document);
        const settings = this.settings.current;
        const lenses: CodeLens[] = [];
        for (const network of analysis.analysis.networks) {
            const range = keywordRange(network.node, 'network');
            // The peak (LANGUAGE.md §8.9) belongs to the whole network, not to a stage.
            const peak = ` · peak ${formatBytes(memoryBytes(network.peakMemoryElements, settings.cost))}`;
            // Every lens carries a real command (an empty one fails when clicked in Neovim): the costs open the chart too.
            const chart = { command: SHOW_CHART_COMMAND, arguments: [document.uri.toString(), network.name] };
            // Stopped at the time budget (analysis-budget.ts): the totals so far would read as the network's.
            const title = network.stopped
                ? `totals not shown: the analysis stopped at its time budget after ${network.rows.length.toLocaleString('en-US')} rows`
                : costsTitle(settings, network.totals) + peak;
            lenses.push({ range, command: { title, ...chart } });
            lenses.push({ range, command: { title: 'Show chart', command: SHOW_CHART_COMMAND, arguments: [document.uri.toString(), network.name] } });
        }
        for (const stage of AstUtils.streamAst(document.parseResult.value).filter(isStage)) {
            const instances = analysis.groupsOf(stage);
            if (instances.length === 0) continue;
            const { network } = instances[0];
            const totals = sumTotals(instances.map(i => i.group.totals));
            const times = instances.length > 1 ? ` (${instances.length} runs)` : '';
            lenses.push({
                range: keywordRange(stage, 'stage'),
                command: { title: `${costsTitle(settings, totals, network.totals)}${times}`, command: SHOW_CHART_COMMAND, arguments: [document.uri.toString(), network.name] }
            });
        }
        return lenses;
    }
}

/** The figures at the editor's batch, bytes per element and unit (MACs or FLOPs). */
function costsTitle(settings: EditorSettings, totals: Totals, of?: Totals): string {
    const part = (value: bigint, whole: bigint | undefined) => whole === undefined ? '' : ` (${share(value, whole)})`;
    const compute = computeIn(settings.unit, totals.macs * BigInt(settings.cost.batch));
    return `params ${formatCount(totals.params)}${part(totals.params, of?.params)} · ` +
        `${compute.label} ${formatCount(compute.value)}${part(totals.macs, of?.macs)} · ` +
        `memory ${formatBytes(memoryBytes(totals.memoryElements, settings.cost))}${part(totals.memoryElements, of?.memoryElements)}`;
}
