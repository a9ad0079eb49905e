import type { CostSettings } from '../../language/analysis/settings.js';
import { formatShape } from '../../language/analysis/shape.js';
import type { NetworkAnalysis } from '../../language/analysis/types.js';
import { wideColumns } from './table-cells.js';
import { EVERY_LAYER, summaryLines, tableModel, type TableView } from './table-model.js';

/** The wide table as GitHub markdown (no width to fit); subtotals and totals in bold. */
export function formatMarkdownTable(network: NetworkAnalysis, settings: CostSettings, view: TableView = EVERY_LAYER): string {
    const model = tableModel(network, settings, view);
    const columns = wideColumns(model, true);
    const escape = (cell: string) => cell.replace(/\|/g, '\\|');
    const line = (cells: string[]) => `| ${cells.map(escape).join(' | ')} |`;
    const out = [
        `## ${network.name}`,
        '',
        `Input ${formatShape(network.input)}, output ${network.output ? formatShape(network.output) : 'not inferred'}.`,
        '',
        line(columns.map(c => c.header)),
        `|${columns.map(c => c.right ? ' ---: ' : ' --- ').join('|')}|`
    ];
    for (const row of model.rows) {
        const cells = columns.map(c => c.cell(row));
        const bold = row.kind === 'stage' || row.kind === 'total' || row.kind === 'without-taps';
        out.push(line(bold ? cells.map(cell => cell === '' ? '' : `**${cell}**`) : cells));
    }
    out.push('', ...summaryLines(network, settings).map(text => `- ${text}`));
    return out.join('\n');
}
