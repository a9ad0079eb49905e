import { formatCount, formatGrouped } from '../../language/analysis/format.js';
import { metricTotal } from '../../language/analysis/budget.js';
import { parseQuantity } from '../../language/analysis/quantity.js';
import { elementsOf, formatShape, parseDims } from '../../language/analysis/shape.js';
import type { Group, LayerRow, NetworkAnalysis, Shape } from '../../language/analysis/types.js';
import type { Block, Limit } from '../../language/generated/ast.js';
import { blockSignature } from './block-signature.js';
import { count, escapeMarkdown, memory, shape, share, table } from './markdown.js';
import { computeIn, DEFAULT_EDITOR_SETTINGS, type EditorSettings } from '../settings.js';

/**
 * Markdown for each kind of hover. Pure: analysis results and the editor's settings in, text out.
 * Costs are shown at the settings' batch and bytes per element, compute in MACs or FLOPs.
 */

const DEFAULTS = DEFAULT_EDITOR_SETTINGS;
const bytesOf = (settings: EditorSettings) => BigInt(settings.cost.bytesPerElement);
const batchOf = (settings: EditorSettings) => BigInt(settings.cost.batch);
/** Activation bytes of `elements` per sample at the settings' batch and element size. */
const bytesFor = (elements: bigint, settings: EditorSettings) => elements * bytesOf(settings) * batchOf(settings);
const batchNote = (settings: EditorSettings) => settings.cost.batch === 1 ? '' : ` (batch ${settings.cost.batch})`;
const MAX_TABLE_ROWS = 24;
const MAX_LISTED = 8;

export function layerHover(instances: Array<{ network: NetworkAnalysis; row: LayerRow }>, settings: EditorSettings = DEFAULTS): string {
    const { network, row } = instances[0];
    const lines = [`**${row.name}** \`${row.op}\` — ${shape(row.input)} → **${shape(row.output)}**`, ''];
    const facts: string[][] = [];
    facts.push(['params', withFormula(row.formula?.params, row.params)]);
    if (row.buffers > 0n) facts.push(['buffers', `${count(row.buffers)} (running mean and variance)`]);
    const compute = computeIn(settings.unit, row.macs * batchOf(settings));
    const plain = settings.unit === 'macs' && settings.cost.batch === 1;
    facts.push([compute.label, plain ? withFormula(row.formula?.macs, row.macs) : `**${count(compute.value)}**${batchNote(settings)}`]);
    if (row.otherOps > 0n) facts.push(['other ops', count(row.otherOps * batchOf(settings))]);
    const batchFactor = settings.cost.batch === 1 ? '' : `${settings.cost.batch} × `;
    facts.push(['memory', row.memoryElements > 0n
        ? `${batchFactor}${formatShape(row.output)} × ${bytesOf(settings)} B = ${memory(bytesFor(row.memoryElements, settings))}`
        : 'in place (no new tensor)']);
    const index = network.rows.indexOf(row);
    if (index >= 0 && network.liveElements[index] !== undefined) {
        const live = network.liveElements[index];
        const atPeak = live === network.peakMemoryElements ? ' — the peak' : ` · peak ${memory(bytesFor(network.peakMemoryElements, settings))}`;
        facts.push(['alive while it runs', `${memory(bytesFor(live, settings))}${atPeak}`]);
    }
    if (row.output.length === 3) {
        facts.push(['receptive field', `${row.field.rf[0]}×${row.field.rf[1]} px, jump ${jump(row)}`]);
    }
    facts.push([`share of ${network.name}`, shares(row, network)]);
    // Named headers: an empty header row shows as `|  |  |` in clients that print the markdown.
    lines.push(table(['quantity', 'value'], facts));
    if (instances.length > 1) lines.push('', instancesSummary(instances));
    return lines.join('\n');
}

function withFormula(formula: string | undefined, value: bigint): string {
    return formula ? `${formula} = **${formatGrouped(value)}**${value >= 1000n ? ` (${formatCount(value)})` : ''}` : `**${count(value)}**`;
}

function jump(row: LayerRow): string {
    const [jh, jw] = row.field.jump;
    return jh === jw ? String(jh) : `${jh}×${jw}`;
}

function shares(part: { params: bigint; macs: bigint; memoryElements: bigint }, network: NetworkAnalysis): string {
    const { totals } = network;
    return `${share(part.macs, totals.macs)} of MACs · ${share(part.params, totals.params)} of params · ${share(part.memoryElements, totals.memoryElements)} of memory`;
}

function instancesSummary(instances: Array<{ network: NetworkAnalysis; row: LayerRow }>): string {
    const params = instances.reduce((sum, i) => sum + i.row.params, 0n);
    const macs = instances.reduce((sum, i) => sum + i.row.macs, 0n);
    const listed = instances.slice(0, MAX_LISTED).map(({ row }) => `- \`${row.path || row.name}\`: ${shape(row.input)} → ${shape(row.output)}, MACs ${formatCount(row.macs)}`);
    const more = instances.length > MAX_LISTED ? [`- … ${instances.length - MAX_LISTED} more`] : [];
    return [`This statement runs **${instances.length} times** (above: the first); together: params ${count(params)}, MACs ${count(macs)}.`, ...listed, ...more].join('\n');
}

export function callHover(instances: Array<{ network: NetworkAnalysis; group: Group }>, settings: EditorSettings = DEFAULTS): string {
    const { network, group } = instances[0];
    const lines = [
        `**${group.path}** — call of \`${(group.block as Block | undefined)?.name ?? group.name}\` — ${shape(group.input)} → **${shape(group.output)}**`,
        '',
        groupFacts(group, network, settings)
    ];
    if (instances.length > 1) {
        lines.push('', `${instances.length} instances:`, ...instances.slice(0, MAX_LISTED).map(({ group: g }) =>
            `- \`${g.path}\`: ${shape(g.input)} → ${shape(g.output)}, params ${formatCount(g.totals.params)}, MACs ${formatCount(g.totals.macs)}`));
        if (instances.length > MAX_LISTED) lines.push(`- … ${instances.length - MAX_LISTED} more`);
    }
    lines.push('', rowsTable(network.rows.slice(group.firstRow, group.endRow)));
    return lines.join('\n');
}

function groupFacts(group: Group, network: NetworkAnalysis, settings: EditorSettings): string {
    const { totals } = group;
    const compute = computeIn(settings.unit, totals.macs * batchOf(settings));
    return table(['quantity', 'total', `share of ${network.name}`], [
        ['params', count(totals.params), share(totals.params, network.totals.params)],
        [compute.label, count(compute.value), share(totals.macs, network.totals.macs)],
        ['memory', memory(bytesFor(totals.memoryElements, settings)), share(totals.memoryElements, network.totals.memoryElements)]
    ]);
}

function rowsTable(rows: LayerRow[]): string {
    const shown = rows.slice(0, MAX_TABLE_ROWS).map(r => [r.name, r.op, shape(r.output), formatGrouped(r.params), formatGrouped(r.macs)]);
    const text = table(['layer', 'op', 'output', 'params', 'MACs'], shown);
    return rows.length > MAX_TABLE_ROWS ? `${text}\n\n… ${rows.length - MAX_TABLE_ROWS} more rows` : text;
}

export function stageHover(kind: 'stage' | 'tap', instances: Array<{ network: NetworkAnalysis; group: Group }>, settings: EditorSettings = DEFAULTS): string {
    const { network, group } = instances[0];
    const lines = [`**${kind} ${group.name}** — ${shape(group.input)} → **${shape(group.output)}**`, '', groupFacts(group, network, settings)];
    if (kind === 'tap') lines.push('', `A side output: included in ${network.name}'s totals, not in its main path.`);
    if (instances.length > 1) lines.push('', `Runs ${instances.length} times; above: \`${group.path}\`.`);
    return lines.join('\n');
}

export function compositeHover(keyword: string, instances: Array<{ network: NetworkAnalysis; row: LayerRow }>, settings: EditorSettings = DEFAULTS): string {
    const { network, row } = instances[0];
    const lines = [`**${row.name}** \`${keyword}\` → **${shape(row.output)}**`, ''];
    if (row.otherOps > 0n) lines.push(`${formatGrouped(row.otherOps)} elementwise ops; `);
    lines.push(`memory ${memory(bytesFor(row.memoryElements, settings))}; receptive field ${row.field.rf[0]}×${row.field.rf[1]} px (${network.name})`);
    if (instances.length > 1) lines.push('', `Runs ${instances.length} times.`);
    return lines.join('\n');
}

export function networkHover(network: NetworkAnalysis, settings: EditorSettings = DEFAULTS): string {
    const { totals } = network;
    const macs = totals.macs * batchOf(settings);
    const bytes = settings.cost.bytesPerElement;
    const element = bytes === 4 ? 'float32' : `${bytes} B per element`;
    const compute = settings.unit === 'flops'
        ? ['FLOPs', count(2n * macs), `MACs ${formatCount(macs)}${batchNote(settings)}`]
        : ['MACs', count(macs), `FLOPs ${formatCount(2n * macs)}${batchNote(settings)}`];
    const rows: string[][] = [
        ['params', count(totals.params), `${formatGrouped(totals.params * bytesOf(settings))} B as ${element}`],
        ['buffers', count(totals.buffers), 'batch norm running statistics'],
        compute,
        ['other ops', count(totals.otherOps * batchOf(settings)), 'pooling, activations, norms, adds'],
        ['memory', memory(bytesFor(totals.memoryElements, settings)), `activations, batch ${settings.cost.batch}, ${element}`],
        ['peak memory', memory(bytesFor(network.peakMemoryElements, settings)), 'the most activation bytes alive at once (inference)']
    ];
    const lines = [
        `**network ${network.name}** — ${shape(network.input)} → **${network.output ? shape(network.output) : 'not inferred (see the errors)'}**`,
        '',
        table(['quantity', 'total', 'note'], rows),
        '',
        `${plural(network.rows.length, 'layer')}, ${plural(network.stages.length, 'stage')}`
    ];
    for (const tap of network.taps) {
        lines.push(`- tap \`${tap.name}\` (included above): params ${count(tap.totals.params)}, MACs ${count(tap.totals.macs)}`);
    }
    const meta = Object.entries(network.meta);
    if (meta.length > 0) lines.push('', meta.map(([key, value]) => `${key}: ${escapeMarkdown(String(value))}`).join(' · '));
    return lines.join('\n');
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function blockHover(block: Block, sites: Array<{ network: NetworkAnalysis; group: Group }>): string {
    const lines = [`\`\`\`cnn\nblock ${blockSignature(block).label}\n\`\`\``];
    if (sites.length === 0) {
        lines.push('', 'Not called by any analysed network.');
    } else {
        lines.push('', ...sites.slice(0, MAX_LISTED * 2).map(({ network, group }) =>
            `- ${network.name} \`${group.path}\`: ${shape(group.input)} → ${shape(group.output)}, params ${formatCount(group.totals.params)}, MACs ${formatCount(group.totals.macs)}`));
        if (sites.length > MAX_LISTED * 2) lines.push(`- … ${sites.length - MAX_LISTED * 2} more calls`);
    }
    return lines.join('\n');
}

export function inputHover(input: Shape, settings: EditorSettings = DEFAULTS): string {
    const elements = elementsOf(input);
    const bytes = settings.cost.bytesPerElement;
    const as = bytes === 4 ? 'float32' : `${bytes} B per element`;
    return `**input** ${formatShape(input)} (C×H×W): ${formatGrouped(elements)} elements, ${memory(elements * bytesOf(settings))} as ${as}`;
}

export function limitHover(limit: Limit, network: NetworkAnalysis, settings: EditorSettings = DEFAULTS): string {
    const quantity = parseQuantity(limit.amount);
    if (network.output === null) return `**budget** ${limit.metric} ≤ ${limit.amount}: not checked, inference stopped at an error`;
    const used = metricTotal(limit.metric, network.totals, settings.cost, network.peakMemoryElements);
    const usedText = limit.metric === 'memory' || limit.metric === 'peak' ? memory(used) : count(used);
    if (!quantity) return `**budget** ${limit.metric}: ${usedText}`;
    const percent = share(used * quantity.denominator, quantity.numerator);
    const verdict = used * quantity.denominator > quantity.numerator ? '**over budget**' : 'within budget';
    return `**budget** ${limit.metric}: ${usedText} of ${limit.amount} allowed — ${percent} used, ${verdict}`;
}

export function annotationHover(declared: string, inferred: Shape[]): string {
    const expected = declared.includes('x') ? parseDims(declared).join('×') : declared;
    const distinct = [...new Set(inferred.map(formatShape))];
    if (distinct.length === 0) return `**declared** ${expected}; nothing inferred here (an error above stops inference)`;
    const ok = distinct.every(s => s === expected);
    return `**declared** ${expected} · **inferred** ${distinct.join(', ')} ${ok ? '✓' : '✗'}`;
}
