import type { ChartLayer, ComputeUnit, Aggregation } from '../webview-protocol.js';
import type { JsonCount, JsonNetwork } from '../../language/analysis/to-json.js';

/**
 * The bars the chart draws, built from one network of a report. Pure (no DOM, no Chart.js), so the
 * node tests check the numbers without a browser.
 */
export interface Bar {
    label: string;
    /** The layer's path, or the group's prefix. */
    path: string;
    /** What the bar is: the layer's op, 'block' or 'stage'. */
    kind: string;
    /** Index into the network's stages (colour), -1 outside every stage. */
    stage: number;
    /** The statement revealed on click: the group's first row, and the file it is in (null: the report's). */
    line: number;
    column: number;
    file: string | null;
    /** Every row's line, for the cursor highlight. */
    lines: number[];
    output: number[];
    rows: number;
    memory: bigint;
    params: bigint;
    /** MACs or FLOPs, as the settings say. */
    compute: bigint;
    /** Peak live activation memory over the bar's rows; null when the analysis has none. */
    live: bigint | null;
}

export function bigCount(value: JsonCount): bigint {
    return BigInt(value);
}

/** The stage a row belongs to: the outermost stage whose path (or, in older reports, name) starts the row's path. */
export function stageIndex(path: string, stagePaths: readonly string[]): number {
    let best = -1;
    stagePaths.forEach((stage, i) => {
        const inside = path === stage || path.startsWith(stage + '/');
        if (inside && (best < 0 || stage.length < stagePaths[best]!.length)) best = i;
    });
    return best;
}

/**
 * The grouping key of a row: null for a bar of its own. Stage = the stage's path. Block = the
 * first path segment below the stage (e.g. `layer2/Bottleneck#1`), or the first segment when the
 * row is in no stage.
 */
function groupKey(path: string, stagePath: string | null, aggregation: Aggregation): string | null {
    if (aggregation === 'layer' || path === '') return null;
    if (aggregation === 'stage') return stagePath;
    if (stagePath !== null) {
        if (path === stagePath) return null;
        const below = path.slice(stagePath.length + 1).split('/', 1)[0]!;
        return `${stagePath}/${below}`;
    }
    return path.split('/', 1)[0]!;
}

/**
 * Bars for one network: consecutive rows with the same key form one bar. Rows (and groups) that
 * cost nothing in all three panels (relu, flatten, dropout) get no bar, as in the lecture's table.
 */
export function buildBars(network: JsonNetwork, aggregation: Aggregation, unit: ComputeUnit): Bar[] {
    const stagePaths = network.stages.map(s => s.path ?? s.name);
    const factor = unit === 'flops' ? 2n : 1n;
    const bars: Bar[] = [];
    let open: { key: string; bar: Bar } | null = null;
    for (const layer of network.layers as ChartLayer[]) {
        const stage = stageIndex(layer.path, stagePaths);
        const key = groupKey(layer.path, stage >= 0 ? stagePaths[stage]! : null, aggregation);
        const live = layer.liveBytes === undefined ? null : bigCount(layer.liveBytes);
        if (key !== null && open !== null && open.key === key) {
            const bar = open.bar;
            bar.memory += bigCount(layer.memoryBytes);
            bar.params += bigCount(layer.params);
            bar.compute += bigCount(layer.macs) * factor;
            bar.rows++;
            bar.lines.push(layer.line);
            bar.output = [...layer.output];
            if (live !== null && (bar.live === null || live > bar.live)) bar.live = live;
            continue;
        }
        const bar: Bar = {
            // A stage's bar is named as the stage; any other group by its path.
            label: key === null ? layer.name : aggregation === 'stage' ? network.stages[stage]!.name : key,
            path: key ?? layer.path,
            kind: key === null ? layer.op : aggregation,
            stage,
            line: layer.line,
            column: layer.column,
            file: layer.file ?? null,
            lines: [layer.line],
            output: [...layer.output],
            rows: 1,
            memory: bigCount(layer.memoryBytes),
            params: bigCount(layer.params),
            compute: bigCount(layer.macs) * factor,
            live
        };
        bars.push(bar);
        open = key === null ? null : { key, bar };
    }
    return bars.filter(bar => bar.memory !== 0n || bar.params !== 0n || bar.compute !== 0n);
}

/**
 * Each bar's colour: its stage's, cycling through the palette; rows outside every stage get
 * `outside`, unless the network has no stages at all (then every bar takes the first colour).
 */
export function barColours(bars: readonly Bar[], stageCount: number, palette: readonly string[], outside: string): string[] {
    return bars.map(bar => (bar.stage >= 0 ? palette[bar.stage % palette.length]! : stageCount === 0 ? palette[0]! : outside));
}

/** A tick step for a byte axis in whole binary units (1, 2, 5 … 512 × 1024^k), about five ticks high. */
export function byteStep(max: number): number | undefined {
    if (!(max > 0)) return undefined;
    const raw = max / 5;
    let unit = 1;
    while (raw / unit >= 1024) unit *= 1024;
    const nice = [1, 2, 5, 10, 20, 50, 100, 256, 512].find(n => n >= raw / unit);
    return nice === undefined ? unit * 1024 : nice * unit;
}

/** Ticks for a log byte axis: 1, 4, 16, 64 and 256 × 1024^k between min and max. */
export function binaryLogTicks(min: number, max: number): number[] {
    const ticks: number[] = [];
    for (let value = 1; value <= max && ticks.length < 60; value *= 4) {
        if (value >= min) ticks.push(value);
    }
    return ticks;
}
