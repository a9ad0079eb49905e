import type { Bar } from './model.js';
import { countShort, grouped } from './format.js';

/** What the SVG needs besides the bars: colours and titles as the chart shows them. */
export interface SvgStyle {
    background: string;
    foreground: string;
    grid: string;
    /** Each bar's colour (see barColours). */
    colours: readonly string[];
    scale: 'linear' | 'log';
    titles: readonly [string, string, string];
}

const WIDTH = 960;
const PANEL = 180;
const LEFT = 70;
const TOP = 24;

/** XML-escapes text for element content and attribute values. */
export function xmlEscape(text: string): string {
    return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * The three panels as a standalone SVG (our own small serialiser: one rect per bar, with a
 * <title> holding the exact figure, so it stays readable in any viewer).
 */
export function barsSvg(bars: readonly Bar[], style: SvgStyle): string {
    const panels: Array<(bar: Bar) => bigint> = [b => b.memory, b => b.params, b => b.compute];
    const height = TOP + panels.length * (PANEL + TOP) + 8;
    const plotWidth = WIDTH - LEFT - 10;
    const step = bars.length > 0 ? plotWidth / bars.length : 0;
    const out: string[] = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="11">`,
        `<rect width="100%" height="100%" fill="${xmlEscape(style.background)}"/>`
    ];
    panels.forEach((value, p) => {
        const top = TOP + p * (PANEL + TOP);
        const values = bars.map(value);
        const max = values.reduce((m, v) => (v > m ? v : m), 0n);
        const maxNumber = Number(max);
        const logMax = maxNumber > 0 ? Math.log10(maxNumber) : 0;
        const logMin = Math.min(logMax - 1, Math.floor(Math.log10(Math.max(1, Math.min(...values.filter(v => v > 0n).map(Number))))));
        const heightOf = (v: bigint): number => {
            const n = Number(v);
            if (n <= 0 || maxNumber <= 0) return 0;
            if (style.scale === 'linear') return (n / maxNumber) * PANEL;
            return ((Math.log10(n) - logMin) / (logMax - logMin || 1)) * PANEL;
        };
        out.push(`<text x="${LEFT}" y="${top - 8}" fill="${xmlEscape(style.foreground)}" font-weight="bold">${xmlEscape(style.titles[p]!)}${style.scale === 'log' ? ' (log)' : ''}</text>`);
        out.push(`<line x1="${LEFT}" y1="${top + PANEL}" x2="${LEFT + plotWidth}" y2="${top + PANEL}" stroke="${xmlEscape(style.grid)}"/>`);
        out.push(`<text x="${LEFT - 4}" y="${top + 10}" fill="${xmlEscape(style.foreground)}" text-anchor="end">${xmlEscape(countShort(maxNumber))}</text>`);
        bars.forEach((bar, i) => {
            const h = heightOf(values[i]!);
            const colour = style.colours[i] ?? style.foreground;
            const x = LEFT + i * step + step * 0.1;
            out.push(`<rect x="${x.toFixed(2)}" y="${(top + PANEL - h).toFixed(2)}" width="${Math.max(0.5, step * 0.8).toFixed(2)}" height="${h.toFixed(2)}" fill="${xmlEscape(colour)}">` +
                `<title>${xmlEscape(`${bar.label}${bar.path && bar.path !== bar.label ? ` (${bar.path})` : ''}: ${grouped(values[i]!)}`)}</title></rect>`);
        });
    });
    out.push('</svg>');
    return out.join('\n') + '\n';
}
