import { formatCount, formatGrouped } from '../../language/analysis/format.js';
import type { TableModel, TableRow } from './table-model.js';

/** A column of the text and markdown tables. */
export interface Column {
    header: string;
    /** Numbers are aligned to the right. */
    right: boolean;
    cell(row: TableRow): string;
}

export type MemoryUnit = 'KiB' | 'MiB';

const UNIT_BYTES: Record<MemoryUnit, bigint> = { KiB: 1024n, MiB: 1024n * 1024n };

/**
 * The default view's memory unit: the lecture's KiB for networks whose activations add up to
 * less than 10 MiB (AlexNet's 2,303.16 KiB), MiB above that, so every cell stays within 8 characters.
 */
export function memoryUnitOf(model: TableModel): MemoryUnit {
    return model.total.memoryBytes < 10n * UNIT_BYTES.MiB ? 'KiB' : 'MiB';
}

/** `784.00`: bytes in the unit with two decimals, exactly rounded half up. */
export function inUnit(bytes: bigint, unit: MemoryUnit): string {
    const divisor = UNIT_BYTES[unit];
    const hundredths = (bytes * 100n + divisor / 2n) / divisor;
    return `${formatGrouped(hundredths / 100n)}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

/**
 * `27.8`: value as a percentage of total, exactly rounded half up to `decimals`; `0` when the
 * value is exactly zero (nothing, not a little), empty when the total is zero.
 */
export function share(value: bigint, total: bigint, decimals = 1): string {
    if (total <= 0n) return '';
    if (value === 0n) return '0';
    const scale = 10n ** BigInt(decimals);
    const units = (value * 100n * scale * 2n + total) / (2n * total);
    return `${units / scale}.${(units % scale).toString().padStart(decimals, '0')}`;
}

/** As `inUnit`, but a tensor too small to show in two decimals reads `<0.01`, not `0.00` (which would look like `-`). */
function atLeastHundredth(bytes: bigint, unit: MemoryUnit): string {
    const text = inUnit(bytes, unit);
    return bytes > 0n && text === '0.00' ? '<0.01' : text;
}

function memoryCell(unit: MemoryUnit): (row: TableRow) => string {
    return row => row.writesNothing ? '-' : atLeastHundredth(row.memoryBytes, unit);
}

function liveCell(unit: MemoryUnit): (row: TableRow) => string {
    return row => row.liveBytes === undefined ? '' : atLeastHundredth(row.liveBytes, unit);
}

/**
 * Every column, exact (`--wide` and markdown): the lecture's table (memory in KiB, params, MACs)
 * with each one's share of the total, the live bytes, the path and, for networks with taps, the tap.
 */
export function wideColumns(model: TableModel, withPath: boolean): Column[] {
    const { total } = model;
    const columns: Column[] = [
        { header: 'layer', right: false, cell: row => row.name },
        { header: 'op', right: false, cell: row => row.op },
        { header: 'output', right: false, cell: row => row.output },
        { header: 'memory (KiB)', right: true, cell: memoryCell('KiB') },
        { header: 'memory %', right: true, cell: row => row.writesNothing ? '-' : share(row.memoryBytes, total.memoryBytes) },
        { header: 'live (KiB)', right: true, cell: liveCell('KiB') },
        { header: 'params', right: true, cell: row => formatGrouped(row.params) },
        { header: 'params %', right: true, cell: row => share(row.params, total.params) },
        { header: 'MACs', right: true, cell: row => formatGrouped(row.macs) },
        { header: 'MACs %', right: true, cell: row => share(row.macs, total.macs) }
    ];
    if (withPath) columns.push({ header: 'path', right: false, cell: row => row.path });
    if (model.network.taps.length > 0) columns.push({ header: 'tap', right: false, cell: row => row.kind === 'total' ? '' : row.taps.join(',') });
    return columns;
}

/**
 * The default view's columns, to fit 80: the layer (its op when the name does not say it), the
 * output, memory and live bytes in one unit, params and MACs to three digits with their shares.
 * Paths are headings above the rows (text-table.ts); `--wide` has every column, exact.
 */
export function compactColumns(model: TableModel, layerCell: (row: TableRow) => string): Column[] {
    const { total } = model;
    const unit = memoryUnitOf(model);
    return [
        { header: 'layer', right: false, cell: layerCell },
        { header: 'output', right: false, cell: row => row.output },
        { header: `mem ${unit}`, right: true, cell: memoryCell(unit) },
        { header: `live ${unit}`, right: true, cell: liveCell(unit) },
        { header: 'params', right: true, cell: row => formatCount(row.params) },
        { header: '%', right: true, cell: row => share(row.params, total.params) },
        { header: 'MACs', right: true, cell: row => formatCount(row.macs) },
        { header: '%', right: true, cell: row => share(row.macs, total.macs) }
    ];
}
