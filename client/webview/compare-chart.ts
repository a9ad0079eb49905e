import type { Plugin, TooltipItem } from 'chart.js';
import { Chart } from './charts.js';
import type { Theme } from './theme.js';
import { grouped, logTick } from './format.js';
import type { CompareEntry, ComputeUnit } from '../webview-protocol.js';

type Bubble = { x: number; y: number; r: number };

/** The parts of a Chart.js axis' options this chart sets on each draw. */
interface AxisOptions {
    ticks: { color?: string };
    title: { color?: string; text?: string };
    grid: { color?: string };
    min?: number;
    max?: number;
    grace?: string;
}

const MAX_RADIUS = 28;
const MIN_RADIUS = 3;

/**
 * The lecture's "Comparing complexity": MACs (log x) against ImageNet top-1 (y), bubble area in
 * proportion to params. Networks without a top-1 cannot be placed; the current one, if it has
 * none, is marked by a vertical line at its MACs.
 */
export class CompareChart {
    private readonly chart: Chart<'bubble', Bubble[], string>;
    /** The entries behind the bubbles, in dataset order. */
    private placed: CompareEntry[] = [];
    private marker: CompareEntry | null = null;
    private theme: Theme | null = null;
    private factor = 1;
    private unitName = 'MACs';

    constructor(readonly canvas: HTMLCanvasElement, onClick: (entry: CompareEntry) => void) {
        this.chart = new Chart<'bubble', Bubble[], string>(canvas, {
            type: 'bubble',
            data: { datasets: [] },
            plugins: [this.annotations()],
            options: {
                animation: false,
                // A few dozen bubbles: parsed by Chart.js, which is where a bubble's radius is read.
                responsive: true,
                maintainAspectRatio: false,
                layout: { padding: { top: 10, right: 64 } },
                onClick: (_event, elements) => {
                    const entry = this.placed[elements[0]?.index ?? -1];
                    if (entry) onClick(entry);
                },
                onHover: (event, elements) => {
                    const target = event.native?.target;
                    if (target instanceof HTMLElement) target.style.cursor = elements.length > 0 ? 'pointer' : 'default';
                },
                scales: {
                    x: { type: 'logarithmic', title: { display: true, text: 'MACs (log scale)' }, ticks: { callback: v => logTick(Number(v)) } },
                    y: { type: 'linear', title: { display: true, text: 'ImageNet top-1 (%)' } }
                },
                plugins: {
                    legend: { display: false },
                    tooltip: { callbacks: { title: items => this.tooltipTitle(items), label: item => this.tooltipLines(item) } }
                }
            }
        });
    }

    get bubbles(): number {
        return this.placed.length;
    }

    private tooltipTitle(items: Array<TooltipItem<'bubble'>>): string {
        const entry = this.placed[items[0]?.dataIndex ?? -1];
        return entry ? `${entry.name}${entry.current ? ' (this network)' : ''}` : '';
    }

    private tooltipLines(item: TooltipItem<'bubble'>): string[] {
        const entry = this.placed[item.dataIndex];
        if (!entry) return [];
        return [
            entry.file,
            `${this.unitName}: ${grouped(BigInt(Math.round(entry.macs * this.factor)))}`,
            `params: ${grouped(BigInt(Math.round(entry.params)))}`,
            `memory: ${grouped(BigInt(Math.round(entry.memoryBytes)))} bytes`,
            `top-1: ${entry.top1}%${entry.source ? ` (${entry.source})` : ''}`
        ];
    }

    /** Names beside the bubbles and the current network's line, drawn on the canvas as text. */
    private annotations(): Plugin<'bubble'> {
        return {
            id: 'cnnCompareAnnotations',
            afterDatasetsDraw: chart => {
                const theme = this.theme;
                if (!theme) return;
                const { ctx, chartArea, scales } = chart;
                ctx.save();
                ctx.font = `11px ${theme.font}`;
                ctx.fillStyle = theme.foreground;
                ctx.textBaseline = 'middle';
                const meta = chart.getDatasetMeta(0);
                // Names beside the bubbles, largest networks first; a name that would overlap one
                // already written is left to the tooltip.
                const taken: Array<[number, number, number, number]> = [];
                const order = this.placed.map((_, i) => i).sort((a, b) => Number(this.placed[b]!.current) - Number(this.placed[a]!.current) || this.placed[b]!.params - this.placed[a]!.params);
                for (const i of order) {
                    const entry = this.placed[i]!;
                    const element = meta.data[i];
                    const r = (chart.data.datasets[0]?.data[i] as Bubble | undefined)?.r ?? 0;
                    if (!element) continue;
                    const x = element.x + r + 3;
                    const box: [number, number, number, number] = [x, element.y - 7, x + ctx.measureText(entry.name).width, element.y + 7];
                    if (taken.some(t => box[0] < t[2] && t[0] < box[2] && box[1] < t[3] && t[1] < box[3])) continue;
                    taken.push(box);
                    ctx.fillText(entry.name, x, element.y);
                }
                if (this.marker) {
                    const x = scales.x!.getPixelForValue(this.marker.macs * this.factor);
                    if (x >= chartArea.left && x <= chartArea.right) {
                        ctx.strokeStyle = theme.highlight;
                        ctx.setLineDash([5, 4]);
                        ctx.beginPath();
                        ctx.moveTo(x, chartArea.top);
                        ctx.lineTo(x, chartArea.bottom);
                        ctx.stroke();
                        ctx.setLineDash([]);
                        ctx.fillText(`${this.marker.name} (no top-1)`, x + 4, chartArea.top + 8);
                    }
                }
                ctx.restore();
            }
        };
    }

    draw(entries: readonly CompareEntry[], unit: ComputeUnit, theme: Theme): void {
        this.theme = theme;
        this.factor = unit === 'flops' ? 2 : 1;
        this.unitName = unit === 'flops' ? 'FLOPs' : 'MACs';
        this.placed = entries.filter(e => e.top1 !== null && e.macs > 0);
        this.marker = entries.find(e => e.current && (e.top1 === null || e.macs <= 0)) ?? null;
        const maxParams = Math.max(1, ...this.placed.map(e => e.params));
        const colour = (e: CompareEntry): string => (e.current ? theme.highlight : theme.stageColors[0]!);
        this.chart.data.datasets = [{
            data: this.placed.map(e => ({ x: e.macs * this.factor, y: e.top1!, r: Math.max(MIN_RADIUS, MAX_RADIUS * Math.sqrt(e.params / maxParams)) })),
            backgroundColor: this.placed.map(e => withAlpha(colour(e), e.current ? 0.85 : 0.45)),
            borderColor: this.placed.map(colour),
            borderWidth: this.placed.map(e => (e.current ? 3 : 1))
        }];
        const { x, y } = this.chart.options.scales as { x: AxisOptions; y: AxisOptions };
        for (const axis of [x, y]) {
            axis.ticks.color = theme.foreground;
            axis.title.color = theme.foreground;
            axis.grid = { color: theme.grid };
        }
        x.title.text = `${this.unitName} (log scale)`;
        // Room around the outermost bubbles (they are up to 28 px wide), and for the current network's line.
        const xs = [...this.placed.map(e => e.macs * this.factor), ...(this.marker ? [this.marker.macs * this.factor] : [])].filter(v => v > 0);
        x.min = xs.length > 0 ? Math.min(...xs) / 1.6 : undefined;
        x.max = xs.length > 0 ? Math.max(...xs) * 1.6 : undefined;
        y.grace = '8%';
        this.chart.canvas.setAttribute('aria-label', `Comparing complexity: ${this.placed.length} networks by ${this.unitName} and top-1 accuracy`);
        this.chart.update('none');
    }
}

/** A CSS colour with an alpha, for hex colours (others unchanged: the border still shows them). */
function withAlpha(colour: string, alpha: number): string {
    const hex = /^#([0-9a-f]{6})$/i.exec(colour.trim());
    if (!hex) return colour;
    const n = parseInt(hex[1]!, 16);
    return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
