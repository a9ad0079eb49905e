import type { CostSettings } from '../../language/analysis/settings.js';
import { formatShape } from '../../language/analysis/shape.js';
import type { NetworkAnalysis } from '../../language/analysis/types.js';
import { NUMERIC_COLUMNS, TABLE_HEADER, summaryLines, tableLines } from './table-model.js';

/** The lecture-style table for a terminal: aligned columns, a rule above stage subtotals and the total. */
export function formatTextTable(network: NetworkAnalysis, settings: CostSettings, incomplete?: string, depth?: number): string {
    const lines = tableLines(network, settings, depth);
    // The total of a network whose inference stopped is only the total of what was inferred.
    if (incomplete) lines[lines.length - 1].cells[6] = incomplete;
    const hasPaths = network.rows.some(row => row.path !== '') || incomplete !== undefined;
    const columns = hasPaths ? TABLE_HEADER.length : TABLE_HEADER.length - 1;
    const rows = [TABLE_HEADER, ...lines.map(line => line.cells)].map(cells => cells.slice(0, columns));
    const widths = Array.from({ length: columns }, (_, c) => Math.max(...rows.map(cells => cells[c].length)));
    const render = (cells: string[]) => cells
        .map((cell, c) => NUMERIC_COLUMNS.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))
        .join('  ').trimEnd();
    const rule = '-'.repeat(widths.reduce((sum, w) => sum + w, 0) + 2 * (columns - 1));
    const out = [
        `${network.name}: input ${formatShape(network.input)} -> ${network.output ? `output ${formatShape(network.output)}` : (incomplete ?? 'incomplete')}`,
        '',
        render(rows[0]),
        rule
    ];
    lines.forEach((line, i) => {
        if (line.kind === 'total') out.push(rule);
        out.push(render(rows[i + 1]));
    });
    out.push('', ...summaryLines(network, settings));
    return out.join('\n');
}
