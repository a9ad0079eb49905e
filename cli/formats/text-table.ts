import type { CostSettings } from '../../language/analysis/settings.js';
import { formatShape } from '../../language/analysis/shape.js';
import type { NetworkAnalysis } from '../../language/analysis/types.js';
import { compactColumns, wideColumns, type Column } from './table-cells.js';
import { EVERY_LAYER, summaryLines, tableModel, type TableModel, type TableRow, type TableView } from './table-model.js';

/** The default table fits a terminal of this many columns; `--wide` does not try. */
export const TERMINAL_COLUMNS = 80;

export interface TextTableOptions {
    /** Why inference stopped (`incomplete: syntax error at 4:14`), when it did. */
    incomplete?: string;
    view?: TableView;
    /** One line per row with every column, exact numbers and full paths, however wide. */
    wide?: boolean;
}

/** Rows under a path heading are indented by this much. */
const INDENT = '  ';

/**
 * The lecture-style table for a terminal. By default it fits 80 columns: paths become headings
 * above their rows, counts have three digits, and the layer column is shortened (`…`) if a name
 * is too long. `--wide` prints every column exact, with the path on each row.
 */
export function formatTextTable(network: NetworkAnalysis, settings: CostSettings, options: TextTableOptions = {}): string {
    const model = tableModel(network, settings, options.view ?? EVERY_LAYER);
    const { incomplete } = options;
    const header = `${network.name}: input ${formatShape(network.input)} -> ${network.output ? `output ${formatShape(network.output)}` : (incomplete ?? 'incomplete')}`;
    const body = options.wide ? wideLines(model, incomplete) : compactLines(model, incomplete);
    const summary = summaryLines(network, settings);
    if (options.wide) return [header, '', ...body, '', ...summary].join('\n');
    // What the marks of this view mean (the wide view has a tap column instead).
    if (network.taps.length > 0) summary.push("(tap NAME) : a line of that tap; (+taps) : a line that includes tap rows");
    return [header, '', ...body, '', ...summary.flatMap(line => wrap(line, TERMINAL_COLUMNS))].join('\n');
}

function wideLines(model: TableModel, incomplete: string | undefined): string[] {
    const withPath = model.network.rows.some(row => row.path !== '') || incomplete !== undefined;
    const columns = wideColumns(model, withPath);
    const cells = model.rows.map(row => columns.map(column => column.cell(row)));
    // The total of a network whose inference stopped is only the total of what was inferred.
    const totalIndex = model.rows.findIndex(row => row.kind === 'total');
    if (incomplete && withPath) cells[totalIndex][columns.findIndex(c => c.header === 'path')] = incomplete;
    const grid = alignedGrid(columns, cells, Infinity);
    return [grid.header, grid.rule, ...model.rows.flatMap((row, i) => row.kind === 'total' ? [grid.rule, grid.lines[i]] : [grid.lines[i]])];
}

function compactLines(model: TableModel, incomplete: string | undefined): string[] {
    const { network } = model;
    const hasPaths = network.rows.some(row => row.path !== '');
    const indented = (row: TableRow) => hasPaths && (row.kind === 'layer' || row.kind === 'group') && row.parent !== '';
    // The layer column takes what the other columns leave of the 80.
    const others = compactColumns(model, () => '').slice(1);
    const budget = TERMINAL_COLUMNS - others.reduce((sum, column) => sum + 2 + Math.max(column.header.length, ...model.rows.map(row => column.cell(row).length)), 0);
    const layerCell = (row: TableRow) => {
        const indent = indented(row) ? INDENT : '';
        // Names are `conv_3` unless labelled: a label that does not start with its op shows the op, if there is room.
        const op = row.kind === 'layer' && !row.name.startsWith(row.op) ? ` (${row.op})` : '';
        // A line wholly inside a tap whose heading does not say so, or holding taps among other rows.
        const tap = row.inTap ? (indented(row) && tapAround(network, row.parent) ? '' : ` (tap ${row.taps[0]})`)
            : row.taps.length > 0 && (row.kind === 'group' || row.kind === 'stage') ? ' (+taps)' : '';
        const full = `${indent}${row.name}${op}${tap}`;
        if (full.length <= budget) return full;
        const short = `${indent}${row.name}${tap}`;
        // Still too long: the name gives way, never the tap mark the legend explains.
        const room = budget - indent.length - tap.length - 1;
        return short.length <= budget || tap === '' || room <= 0 ? short : `${indent}${row.name.slice(0, room)}…${tap}`;
    };
    const columns = [compactColumns(model, layerCell)[0], ...others];
    const grid = alignedGrid(columns, model.rows.map(row => columns.map(column => column.cell(row))), TERMINAL_COLUMNS);
    const out = [grid.header, grid.rule];
    let heading: string | undefined;
    model.rows.forEach((row, i) => {
        if (indented(row) && row.parent !== heading) {
            const tap = tapAround(network, row.parent);
            out.push(fitLeft(row.parent + (tap ? `  (tap ${tap}: a side output)` : ''), TERMINAL_COLUMNS));
        }
        heading = indented(row) ? row.parent : undefined;
        if (row.kind === 'total') out.push(grid.rule);
        out.push(grid.lines[i]);
        if (row.kind === 'total' && incomplete) out.push(`${incomplete}: the totals cover the rows above it`);
    });
    return out;
}

/** The tap whose rows lie under this path, if any. */
function tapAround(network: NetworkAnalysis, path: string): string | undefined {
    return network.taps.find(tap => path === tap.path || path.startsWith(tap.path + '/'))?.name;
}

/**
 * Pads every column to its widest cell, two spaces apart. When the lines would be wider than
 * `limit`, the first column (the layer) gives up the excess, its long cells ending in `…`.
 */
function alignedGrid(columns: Column[], cells: string[][], limit: number): { header: string; rule: string; lines: string[] } {
    const rows = [columns.map(c => c.header), ...cells];
    const widths = columns.map((_, c) => Math.max(...rows.map(r => r[c].length)));
    const width = () => widths.reduce((sum, w) => sum + w, 0) + 2 * (columns.length - 1);
    if (width() > limit) widths[0] = Math.max(columns[0].header.length, widths[0] - (width() - limit));
    const render = (r: string[]) => r
        .map((cell, c) => {
            const fitted = cell.length > widths[c] ? cell.slice(0, widths[c] - 1) + '…' : cell;
            return columns[c].right ? fitted.padStart(widths[c]) : fitted.padEnd(widths[c]);
        })
        .join('  ').trimEnd();
    return { header: render(rows[0]), rule: '-'.repeat(width()), lines: cells.map(render) };
}

/** A heading longer than the line keeps its end (the innermost segments): `…/Bottleneck#1/residual`. */
function fitLeft(text: string, limit: number): string {
    return text.length <= limit ? text : '…' + text.slice(text.length - limit + 1);
}

/** Breaks a summary line at spaces to fit; continuation lines are indented. */
export function wrap(line: string, limit: number): string[] {
    if (line.length <= limit) return [line];
    const out: string[] = [];
    let current = '';
    for (const word of line.split(' ')) {
        const candidate = current === '' ? word : `${current} ${word}`;
        if (candidate.length > limit && current.trim() !== '') {
            out.push(current);
            current = INDENT + word;
        } else {
            current = candidate;
        }
    }
    out.push(current);
    return out;
}
