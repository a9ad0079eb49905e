import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import { Chart } from './charts.js';
import { binaryLogTicks, byteStep, type Bar } from './model.js';
import type { Theme } from './theme.js';
import { bytesTick, countShort, grouped, logTick } from './format.js';
import type { ComputeUnit } from '../webview-protocol.js';

export type Scale = 'linear' | 'log';

/** What one panel shows: its title and the value of a bar. */
export interface PanelSpec {
    title: string;
    value: (bar: Bar) => bigint;
    tick: (value: number) => string;
    /** Unit word for the tooltip ("bytes", "params", "MACs"). */
    unit: string;
}

export function panelSpecs(unit: ComputeUnit): PanelSpec[] {
    const compute = unit === 'flops' ? 'FLOPs' : 'MACs';
    return [
        { title: 'Activation memory', value: b => b.memory, tick: bytesTick, unit: 'bytes' },
        { title: 'Parameters', value: b => b.params, tick: countShort, unit: 'params' },
        { title: compute, value: b => b.compute, tick: countShort, unit: compute }
    ];
}

/** Every panel's y axis gets the same width, so the bars of the three panels line up. */
const AXIS_WIDTH = 72;

type Point = { x: number; y: number | null };

/**
 * The three aligned per-layer bar panels (memory, params, MACs/FLOPs). Data is handed to
 * Chart.js pre-parsed with animation off, so 600 bars redraw in a few milliseconds.
 */
export class LayerPanels {
    private readonly charts: Array<Chart<'bar', Point[], string>>;
    private bars: readonly Bar[] = [];
    private specs: PanelSpec[] = panelSpecs('macs');

    constructor(readonly canvases: readonly HTMLCanvasElement[], onClick: (index: number) => void) {
        this.charts = canvases.map((canvas, p) => new Chart(canvas, this.config(p, onClick)));
    }

    private config(panel: number, onClick: (index: number) => void): ChartConfiguration<'bar', Point[], string> {
        const last = panel === this.canvases.length - 1;
        return {
            type: 'bar',
            data: { labels: [], datasets: [] },
            options: {
                animation: false,
                parsing: false,
                normalized: true,
                responsive: true,
                maintainAspectRatio: false,
                interaction: { mode: 'index', intersect: false },
                layout: { padding: { right: 8 } },
                onClick: (_event, elements) => {
                    const index = elements[0]?.index;
                    if (index !== undefined) onClick(index);
                },
                onHover: (event, elements) => {
                    const target = event.native?.target;
                    if (target instanceof HTMLElement) target.style.cursor = elements.length > 0 ? 'pointer' : 'default';
                },
                scales: {
                    x: { type: 'category', grid: { display: false }, ticks: { display: last, autoSkip: true, maxRotation: 60, minRotation: 60 } },
                    y: { type: 'linear', beginAtZero: true, afterFit: axis => { axis.width = AXIS_WIDTH; } }
                },
                plugins: {
                    legend: { display: false },
                    tooltip: {
                        // The bar's item carries every figure; the live line's item would repeat one.
                        filter: item => item.datasetIndex === 0,
                        callbacks: {
                            title: items => this.tooltipTitle(items),
                            label: item => this.tooltipLabel(item)
                        }
                    }
                }
            }
        };
    }

    private tooltipTitle(items: Array<TooltipItem<'bar'>>): string[] {
        const bar = this.bars[items[0]?.dataIndex ?? -1];
        if (!bar) return [];
        const lines = [bar.label];
        if (bar.path && bar.path !== bar.label) lines.push(bar.path);
        if (bar.rows > 1) lines.push(`${bar.rows} layers`);
        return lines;
    }

    /** Every figure of the bar, whichever panel is hovered: the panels answer the same question. */
    private tooltipLabel(item: TooltipItem<'bar'>): string[] {
        const bar = this.bars[item.dataIndex];
        if (!bar) return [];
        const lines = this.specs.map(spec => `${spec.title}: ${grouped(spec.value(bar))}${spec.unit === 'bytes' ? ' bytes' : ''}`);
        if (bar.live !== null) lines.push(`Live memory (peak): ${grouped(bar.live)} bytes`);
        return lines;
    }

    draw(bars: readonly Bar[], colours: readonly string[], unit: ComputeUnit, scale: Scale, theme: Theme, highlighted: ReadonlySet<number>): void {
        this.bars = bars;
        this.specs = panelSpecs(unit);
        const labels = bars.map(bar => bar.label);
        const hasLive = bars.some(bar => bar.live !== null);
        this.charts.forEach((chart, p) => {
            const spec = this.specs[p]!;
            const data: Point[] = bars.map((bar, i) => {
                const value = Number(spec.value(bar));
                return { x: i, y: scale === 'log' && value <= 0 ? null : value };
            });
            const datasets: Array<ChartDataset<'bar', Point[]>> = [{
                type: 'bar',
                data,
                backgroundColor: [...colours],
                ...outlines(bars.length, theme, highlighted),
                categoryPercentage: 0.9,
                barPercentage: 1
            }];
            if (p === 0 && hasLive) {
                // The live activation memory (peak over each bar's rows), drawn over the memory bars.
                const line = {
                    type: 'line',
                    data: bars.map((bar, i) => ({ x: i, y: bar.live === null || (scale === 'log' && bar.live <= 0n) ? null : Number(bar.live) })),
                    borderColor: theme.foreground,
                    borderWidth: 1.5,
                    pointRadius: 0,
                    spanGaps: true
                };
                datasets.push(line as unknown as ChartDataset<'bar', Point[]>);
            }
            chart.data.labels = labels;
            chart.data.datasets = datasets;
            const options = chart.options;
            const x = options.scales!.x!;
            const y = options.scales!.y!;
            x.ticks!.color = theme.foreground;
            (y as { type: string }).type = scale === 'log' ? 'logarithmic' : 'linear';
            y.ticks!.color = theme.foreground;
            y.ticks!.callback = value => (scale === 'log' && p > 0 && logTick(Number(value)) === '' ? '' : spec.tick(Number(value)));
            // Byte ticks in whole KiB/MiB steps; Chart.js's own steps are decimal.
            (y.ticks as { stepSize?: number }).stepSize = p === 0 && scale === 'linear' ? byteStep(Math.max(0, ...data.map(d => d.y ?? 0))) : undefined;
            // A log byte axis ticks at 1, 4, 16, 64 and 256 of each binary unit, not at decimal values.
            (y as { afterBuildTicks?: (axis: { ticks: Array<{ value: number }>; min: number; max: number }) => void }).afterBuildTicks =
                p === 0 && scale === 'log' ? axis => { axis.ticks = binaryLogTicks(axis.min, axis.max).map(value => ({ value })); } : undefined;
            y.grid!.color = theme.grid;
            y.border = { color: theme.grid };
            x.border = { color: theme.grid };
            options.font = { family: theme.font };
            chart.canvas.setAttribute('aria-label', `${spec.title} per ${bars.length === 1 ? 'bar' : 'bar'}: ${bars.length} bars${scale === 'log' ? ', log scale' : ''}`);
            chart.update('none');
        });
    }

    /** Redraws the outlines only (the cursor moved). */
    highlight(theme: Theme, highlighted: ReadonlySet<number>): void {
        for (const chart of this.charts) {
            const dataset = chart.data.datasets[0];
            if (!dataset) continue;
            Object.assign(dataset, outlines(this.bars.length, theme, highlighted));
            chart.update('none');
        }
    }
}

/**
 * Bar outlines: the cursor's bars stand out. Without a highlight the options are single values,
 * which Chart.js resolves once per dataset instead of once per bar.
 */
function outlines(count: number, theme: Theme, highlighted: ReadonlySet<number>): { borderColor: string | string[]; borderWidth: number | number[] } {
    const width = theme.kind === 'high-contrast' ? 1 : 0;
    if (highlighted.size === 0) return { borderColor: theme.border, borderWidth: width };
    const indices = Array.from({ length: count }, (_, i) => i);
    return { borderColor: indices.map(i => (highlighted.has(i) ? theme.highlight : theme.border)), borderWidth: indices.map(i => (highlighted.has(i) ? 2 : width)) };
}
