import { AstUtils, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { formatBytes, formatCount } from '../../language/analysis/format.js';
import { keywordRange } from '../../language/analysis/ranges.js';
import { DEFAULT_SETTINGS, memoryBytes } from '../../language/analysis/settings.js';
import { sumTotals } from '../../language/analysis/totals.js';
import { isStage } from '../../language/generated/ast.js';
import type { Totals } from '../../language/analysis/types.js';
import type { CnnServices } from '../cnn-module.js';
import type { CnnDocumentAnalyzer } from '../document-analyzer.js';
import { SHOW_CHART_COMMAND } from '../protocol.js';
import { share } from './markdown.js';

/**
 * Over each network: `params 25.6M · MACs 4.09G · memory 42.4 MiB` and `Show chart`; over each
 * stage: its costs and their share of the network (VGG's "every stage costs about the same").
 */
export class CnnCodeLensProvider implements CodeLensProvider {
    private readonly analyzer: CnnDocumentAnalyzer;

    constructor(services: CnnServices) {
        this.analyzer = services.analysis.DocumentAnalyzer;
    }

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const analysis = this.analyzer.analyze(document);
        const lenses: CodeLens[] = [];
        for (const network of analysis.analysis.networks) {
            const range = keywordRange(network.node, 'network');
            lenses.push({ range, command: { title: costsTitle(network.totals), command: '' } });
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
                command: { title: `${costsTitle(totals, network.totals)}${times}`, command: '' }
            });
        }
        return lenses;
    }
}

function costsTitle(totals: Totals, of?: Totals): string {
    const part = (value: bigint, whole: bigint | undefined) => whole === undefined ? '' : ` (${share(value, whole)})`;
    return `params ${formatCount(totals.params)}${part(totals.params, of?.params)} · ` +
        `MACs ${formatCount(totals.macs)}${part(totals.macs, of?.macs)} · ` +
        `memory ${formatBytes(memoryBytes(totals.memoryElements, DEFAULT_SETTINGS))}${part(totals.memoryElements, of?.memoryElements)}`;
}
