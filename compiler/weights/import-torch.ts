import type { LayerRow } from '../../language/analysis/types.js';
import { expectedTensors, type ExpectedTensor } from './expected-tensors.js';
import type { SafetensorsEntry } from './safetensors.js';
import { formatTorchShape, type RowTensors } from './torch-tensors.js';

export class WeightMismatchError extends Error {}

/** The tensors of one PyTorch module (a state_dict key's prefix), in the file's order. */
interface Module {
    prefix: string;
    entries: SafetensorsEntry[];
}

/**
 * Matches a state_dict's tensors to the network's rows with weights, module by module in the
 * file's order (a state_dict lists modules in registration order, which for torchvision is
 * execution order). Taps (auxiliary classifiers) may come later in the file than where they
 * run, as torchvision registers them: a module that does not fit the next main-path row goes
 * to the next row of a tap it fits, and a tap once started takes the modules that follow while they fit. Every shape is checked; `num_batches_tracked` is skipped.
 * Any mismatch throws one error naming the layer, its path, the tensor's key and both shapes.
 */
export function importTorchWeights(rows: readonly LayerRow[], entries: readonly SafetensorsEntry[]): Map<number, RowTensors> {
    const modules = groupModules(entries.filter(e => !e.key.endsWith('num_batches_tracked')));
    const queues = new Map<string, number[]>();
    rows.forEach((row, index) => {
        if (expectedTensors(row).length === 0) return;
        const queue = row.tap ?? '';
        if (!queues.has(queue)) queues.set(queue, []);
        queues.get(queue)!.push(index);
    });
    const main = queues.get('') ?? [];
    const taps = [...queues.entries()].filter(([name]) => name !== '').map(([, queue]) => queue);
    const result = new Map<number, RowTensors>();
    let current = main;
    // A parameter registered on a block itself (ConvNeXt's layer_scale) comes before the block's
    // submodules in a state_dict, though it acts last: hold it for the layerscale row it belongs to.
    const held: Module[] = [];
    const take = (queue: number[], module: Module): void => {
        const row = queue.shift()!;
        const expected = expectedTensors(rows[row]);
        const tensors: RowTensors = new Map();
        for (const entry of module.entries) {
            const key = suffixOf(entry.key);
            // The row's own shape: a Linear's [out, in] read as the 1×1 conv's [out, in, 1, 1] it equals.
            tensors.set(key, { shape: expected.find(want => want.key === key)!.shape, data: entry.tensor!.data });
        }
        result.set(row, tensors);
    };
    const release = (): void => {
        for (const queue of [current, main, ...taps]) {
            while (held.length > 0 && queue.length > 0 && rows[queue[0]].op === 'layerscale' && mismatch(rows[queue[0]], held[0]) === undefined) take(queue, held.shift()!);
        }
    };
    for (const module of modules) {
        release();
        if (module.entries.length === 1 && /\.layer_scale$/.test(module.entries[0].key) && rows[(current[0] ?? main[0])]?.op !== 'layerscale') {
            held.push(module);
            continue;
        }
        // A tap's modules come together: continue the tap that took the last module while it fits.
        const candidates = [...new Set([current, main, ...taps])].filter(queue => queue.length > 0);
        if (candidates.length === 0) {
            const first = module.entries[0];
            throw new WeightMismatchError(`weights: '${first.key}' ${formatTorchShape(first.shape)} is left over: every layer of the network already has its weights`);
        }
        const fitting = candidates.find(queue => mismatch(rows[queue[0]], module) === undefined);
        const queue = fitting ?? (main.length > 0 ? main : candidates[0]);
        const problem = mismatch(rows[queue[0]], module);
        if (problem) throw new WeightMismatchError(problem + sortedHint(entries));
        take(queue, module);
        current = queue;
    }
    release();
    if (held.length > 0) {
        const entry = held[0].entries[0];
        throw new WeightMismatchError(`weights: '${entry.key}' ${formatTorchShape(entry.shape)} is left over: no layerscale row takes it`);
    }
    const missing = [main, ...taps].find(queue => queue.length > 0);
    if (missing) {
        const row = rows[missing[0]];
        const expected = expectedTensors(row)[0];
        throw new WeightMismatchError(`weights: ${describe(row)} expects ${expected.key} ${formatTorchShape(expected.shape)}, but the file has no tensors left`);
    }
    return result;
}

/** Why a module cannot hold a row's weights, or undefined when it fits. */
function mismatch(row: LayerRow, module: Module): string | undefined {
    const expected = expectedTensors(row);
    const byKey = new Map(module.entries.map(e => [suffixOf(e.key), e]));
    for (const want of expected) {
        const entry = byKey.get(want.key);
        if (!entry) return `weights: ${describe(row)} expects ${want.key} ${formatTorchShape(want.shape)}, but module '${module.prefix}' has no '${want.key}' (it has ${keysOf(module)})`;
        if (entry.tensor === undefined) return `weights: ${describe(row)} expects ${want.key} as floats, but '${entry.key}' is ${entry.dtype}`;
        if (!sameShape(entry.shape, want)) {
            return `weights: ${describe(row)} expects ${want.key} ${formatTorchShape(want.shape)}, but '${entry.key}' is ${formatTorchShape(entry.shape)}`;
        }
    }
    const extra = module.entries.find(e => !expected.some(want => want.key === suffixOf(e.key)));
    if (extra) return `weights: ${describe(row)} has no ${suffixOf(extra.key)}, but the file has '${extra.key}' ${formatTorchShape(extra.shape)}`;
    return undefined;
}

/**
 * Layer scale's factor may be stored as [C] or [C, 1, 1], and a 1×1 convolution's weight as a
 * Linear's [out, in] (torchvision's ConvNeXt); every other shape must match exactly.
 */
function sameShape(shape: readonly number[], want: ExpectedTensor): boolean {
    if (shape.join(',') === want.shape.join(',')) return true;
    if (want.shape.length === 4 && want.shape[2] === 1 && want.shape[3] === 1 && shape.length === 2) return shape[0] === want.shape[0] && shape[1] === want.shape[1];
    return want.shape.length === 1 && shape[0] === want.shape[0] && shape.slice(1).every(d => d === 1);
}

/**
 * safetensors.torch.save_file sorts tensors by name, which loses the state_dict's module order;
 * when the keys are sorted, say so, since that is the likely cause.
 */
function sortedHint(entries: readonly SafetensorsEntry[]): string {
    const keys = entries.filter(e => !e.key.endsWith('num_batches_tracked')).map(e => e.key);
    const sorted = keys.length > 2 && keys.every((key, i) => i === 0 || keys[i - 1] <= key);
    return sorted ? ' (the file lists its tensors by name, as safetensors.torch.save_file does, not in the state_dict\'s order; ' +
        'write it with scripts/torch/state-dict-to-safetensors.py)' : '';
}

function describe(row: LayerRow): string {
    return `layer ${row.name} (${row.op}${row.path ? ` at ${row.path}` : ''})`;
}

function keysOf(module: Module): string {
    return module.entries.map(e => `'${e.key}'`).join(', ');
}

/** The last part of a key; ConvNeXt's `layer_scale` (and a `gamma`) is layer scale's weight. */
function suffixOf(key: string): string {
    const dot = key.lastIndexOf('.');
    const suffix = dot < 0 ? key : key.slice(dot + 1);
    return suffix === 'layer_scale' || suffix === 'gamma' ? 'weight' : suffix;
}

/** Consecutive tensors with the same prefix form one module. */
function groupModules(entries: readonly SafetensorsEntry[]): Module[] {
    const modules: Module[] = [];
    for (const entry of entries) {
        const dot = entry.key.lastIndexOf('.');
        const prefix = dot < 0 ? '' : entry.key.slice(0, dot);
        const last = modules[modules.length - 1];
        if (last && last.prefix === prefix) last.entries.push(entry);
        else modules.push({ prefix, entries: [entry] });
    }
    return modules;
}
