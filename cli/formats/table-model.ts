import { batched, memoryBytes, type CostSettings } from '../../language/analysis/settings.js';
import { formatShape } from '../../language/analysis/shape.js';
import type { Group, NetworkAnalysis } from '../../language/analysis/types.js';
import { mainPathTotals } from './main-path.js';

// The summary under the table (re-exported: tests and other formats import it from here).
export { summaryLines } from './summary-lines.js';

/**
 * How `cnn analyze` collapses its table. `layer`: every row. `block`: one line per outermost
 * block call, `stage`: one per outermost stage (rows outside them stay rows). `depth`: as
 * torchinfo's depth, one line per path prefix of that many segments.
 */
export type TableView = { by: 'layer' | 'block' | 'stage' } | { depth: number };

export const EVERY_LAYER: TableView = { by: 'layer' };

/**
 * One line of the table, as exact values; the formats (text, markdown, csv) choose the units.
 * `layer`: one executed row. `group`: rows summed by `--by` or `--depth`. `stage`: a stage's
 * subtotal after its last line. `total`: the network. `without-taps`: the total less the taps.
 */
export interface TableRow {
    kind: 'layer' | 'group' | 'stage' | 'total' | 'without-taps';
    name: string;
    /** The operator; `12 rows` for a group; empty for subtotals and totals. */
    op: string;
    output: string;
    /** Where the line sits: the path its heading shows (a group's parent, a layer's own path). */
    parent: string;
    /** The full path (a layer's path, a group's or stage's own path; empty for totals). */
    path: string;
    params: bigint;
    macs: bigint;
    memoryBytes: bigint;
    /** Live bytes while the row runs (§8.9); for several rows the most of them; none for `without-taps`. */
    liveBytes?: bigint;
    /** A single layer that writes no new tensor (in place, view): its memory shows as `-`. */
    writesNothing: boolean;
    /** The taps the line's rows belong to, in order of first appearance. */
    taps: string[];
    /** Every row of the line belongs to a tap (it is not part of the main output's cost). */
    inTap: boolean;
}

export interface TableModel {
    network: NetworkAnalysis;
    rows: TableRow[];
    /** What the percentage columns divide by: the network's totals, taps included. */
    total: { params: bigint; macs: bigint; memoryBytes: bigint };
}

/** A unit of collapsing: the rows that share `key` (consecutive) become one group line. */
interface Unit { key: string; name: string; parent: string; output?: string }

/** The table's lines for one network in one view; the totals are the same in every view. */
export function tableModel(network: NetworkAnalysis, settings: CostSettings, view: TableView = EVERY_LAYER): TableModel {
    const unitOf = unitFinder(network, view);
    const bytes = (elements: bigint) => memoryBytes(elements, settings);
    const rows: TableRow[] = [];
    // The table line that holds each row: a stage all in one line needs no subtotal.
    const lineOfRow: number[] = [];
    const stagesEndingAt = new Map<number, Group[]>();
    for (const stage of network.stages) stagesEndingAt.set(stage.endRow, [...(stagesEndingAt.get(stage.endRow) ?? []), stage]);
    /** The subtotals of the stages whose last row is one of rows[first, end), after the line that holds it. */
    const subtotals = (first: number, end: number) => {
        for (let after = first + 1; after <= end; after++) {
            // Stages end in the order they close: the innermost (latest started) first.
            const ending = [...(stagesEndingAt.get(after) ?? [])].sort((a, b) => b.firstRow - a.firstRow);
            for (const stage of ending) {
                if (lineOfRow[stage.firstRow] === lineOfRow[stage.endRow - 1]) continue;
                rows.push({
                    kind: 'stage', name: `stage ${stage.name}`, op: '', output: stage.output ? formatShape(stage.output) : '?',
                    parent: parentOf(stage.path), path: stage.path, params: stage.totals.params, macs: batched(stage.totals.macs, settings),
                    memoryBytes: bytes(stage.totals.memoryElements), liveBytes: bytes(maxLive(network, stage.firstRow, stage.endRow)),
                    writesNothing: false, ...tapsOf(network, stage.firstRow, stage.endRow)
                });
            }
        }
    };
    let open: { unit: Unit; first: number; end: number } | undefined;
    const flush = () => {
        if (!open) return;
        const { unit, first, end } = open;
        open = undefined;
        rows.push(groupRow(network, unit, first, end, settings));
        for (let r = first; r < end; r++) lineOfRow[r] = rows.length - 1;
        subtotals(first, end);
    };
    network.rows.forEach((row, index) => {
        const unit = unitOf(index);
        if (open && open.unit.key !== unit?.key) flush();
        if (unit) {
            open ??= { unit, first: index, end: index };
            open.end = index + 1;
            return;
        }
        rows.push({
            kind: 'layer', name: row.name, op: row.op, output: formatShape(row.output), parent: row.path, path: row.path,
            params: row.params, macs: batched(row.macs, settings), memoryBytes: bytes(row.memoryElements),
            liveBytes: bytes(network.liveElements[index] ?? 0n), writesNothing: row.memoryElements === 0n,
            taps: row.tap === undefined ? [] : [row.tap], inTap: row.tap !== undefined
        });
        lineOfRow[index] = rows.length - 1;
        subtotals(index, index + 1);
    });
    flush();
    const total = { params: network.totals.params, macs: batched(network.totals.macs, settings), memoryBytes: bytes(network.totals.memoryElements) };
    const output = network.output ? formatShape(network.output) : '?';
    rows.push({
        kind: 'total', name: 'total', op: '', output, parent: '', path: '', ...total,
        liveBytes: bytes(network.peakMemoryElements), writesNothing: false, taps: network.taps.map(tap => tap.name), inTap: false
    });
    if (network.taps.length > 0) {
        const main = mainPathTotals(network);
        rows.push({
            kind: 'without-taps', name: 'without taps', op: '', output, parent: '', path: '',
            params: main.params, macs: batched(main.macs, settings), memoryBytes: bytes(main.memoryElements),
            writesNothing: false, taps: [], inTap: false
        });
    }
    return { network, rows, total };
}

function groupRow(network: NetworkAnalysis, unit: Unit, first: number, end: number, settings: CostSettings): TableRow {
    let params = 0n, macs = 0n, memory = 0n;
    let lastMain = -1;
    for (let r = first; r < end; r++) {
        const row = network.rows[r];
        params += row.params;
        macs += row.macs;
        memory += row.memoryElements;
        if (row.tap === undefined) lastMain = r;
    }
    // The group's output is its main path's: a tap at its end is a side output.
    const output = unit.output ?? formatShape(network.rows[lastMain >= 0 ? lastMain : end - 1].output);
    const count = end - first;
    return {
        kind: 'group', name: unit.name, op: `${count} ${count === 1 ? 'row' : 'rows'}`, output, parent: unit.parent, path: unit.key,
        params, macs: batched(macs, settings), memoryBytes: memoryBytes(memory, settings),
        liveBytes: memoryBytes(maxLive(network, first, end), settings), writesNothing: false, ...tapsOf(network, first, end)
    };
}

function tapsOf(network: NetworkAnalysis, first: number, end: number): { taps: string[]; inTap: boolean } {
    const taps: string[] = [];
    let inTap = true;
    for (let r = first; r < end; r++) {
        const tap = network.rows[r].tap;
        if (tap === undefined) inTap = false;
        else if (!taps.includes(tap)) taps.push(tap);
    }
    return { taps, inTap: inTap && end > first };
}

function maxLive(network: NetworkAnalysis, first: number, end: number): bigint {
    let most = 0n;
    for (let r = first; r < end; r++) if ((network.liveElements[r] ?? 0n) > most) most = network.liveElements[r];
    return most;
}

function parentOf(path: string): string {
    const cut = path.lastIndexOf('/');
    return cut < 0 ? '' : path.slice(0, cut);
}

function lastSegment(path: string): string {
    return path.slice(path.lastIndexOf('/') + 1);
}

/** For each row index, the unit it is collapsed into, or undefined when it stays a row. */
function unitFinder(network: NetworkAnalysis, view: TableView): (row: number) => Unit | undefined {
    if ('depth' in view) {
        const groups = new Map<string, Group>();
        for (const group of [...network.stages, ...network.calls, ...network.taps]) if (!groups.has(group.path)) groups.set(group.path, group);
        if (view.depth === 0) {
            const unit: Unit = { key: '', name: network.name, parent: '', output: network.output ? formatShape(network.output) : '?' };
            return () => unit;
        }
        return row => {
            const path = network.rows[row].path;
            const segments = path === '' ? [] : path.split('/');
            if (segments.length < view.depth) return undefined;
            const key = segments.slice(0, view.depth).join('/');
            const output = groups.get(key)?.output;
            return { key, name: segments[view.depth - 1], parent: parentOf(key), ...(output ? { output: formatShape(output) } : {}) };
        };
    }
    if (view.by === 'layer') return () => undefined;
    const groups = outermost(view.by === 'stage' ? network.stages : network.calls);
    const unitAt: Array<Unit | undefined> = [];
    for (const group of groups) {
        const unit: Unit = { key: group.path, name: lastSegment(group.path), parent: parentOf(group.path), ...(group.output ? { output: formatShape(group.output) } : {}) };
        for (let r = group.firstRow; r < group.endRow; r++) unitAt[r] = unit;
    }
    return row => unitAt[row];
}

/** The groups not inside another of the list (a block called by a block, a stage in a stage). */
function outermost(groups: readonly Group[]): Group[] {
    const sorted = [...groups].filter(g => g.endRow > g.firstRow).sort((a, b) => a.firstRow - b.firstRow || b.endRow - a.endRow);
    const kept: Group[] = [];
    for (const group of sorted) {
        const last = kept[kept.length - 1];
        if (last && group.firstRow < last.endRow) continue;
        kept.push(group);
    }
    return kept;
}
