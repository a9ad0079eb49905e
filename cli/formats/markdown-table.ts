import type { CostSettings } from '../../language/analysis/settings.js';
import { formatShape } from '../../language/analysis/shape.js';
import type { NetworkAnalysis } from '../../language/analysis/types.js';
import { NUMERIC_COLUMNS, TABLE_HEADER, summaryLines, tableLines } from './table-model.js';

/** The same table as GitHub markdown; stage subtotals and the total in bold. */
export function formatMarkdownTable(network: NetworkAnalysis, settings: CostSettings): string {
    const escape = (cell: string) => cell.replace(/\|/g, '\\|');
    const row = (cells: string[]) => `| ${cells.map(escape).join(' | ')} |`;
    const out = [
        `## ${network.name}`,
        '',
        `Input ${formatShape(network.input)}, output ${network.output ? formatShape(network.output) : 'not inferred'}.`,
        '',
        row(TABLE_HEADER),
        `|${TABLE_HEADER.map((_, c) => NUMERIC_COLUMNS.has(c) ? ' ---: ' : ' --- ').join('|')}|`
    ];
    for (const line of tableLines(network, settings)) {
        out.push(row(line.kind === 'layer' ? line.cells : line.cells.map(cell => cell === '' ? '' : `**${cell}**`)));
    }
    out.push('', ...summaryLines(network, settings).map(line => `- ${line}`));
    return out.join('\n');
}
