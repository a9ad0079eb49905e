import type { LayerRow } from '../language/analysis/types.js';

/** tfjs accepts only these as layer and weight names. */
const VALID = /^[A-Za-z0-9][-A-Za-z0-9._/]*$/;

/** Any text as a tfjs name: other characters become `_`, and it starts with a letter or digit. */
export function sanitizeName(text: string): string {
    let name = text.replace(/[^-A-Za-z0-9._/]/g, '_').replace(/\/+/g, '/').replace(/^[-._/]+/, '');
    if (name === '') name = 'layer';
    return VALID.test(name) ? name : `n${name}`;
}

/**
 * One tfjs name per row: the row's own name where that is unique in the network, else its path
 * and name (`layer2/Bottleneck_1/conv1`), with `_k` added if that still repeats.
 */
export function layerNames(rows: readonly LayerRow[]): string[] {
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.name, (counts.get(row.name) ?? 0) + 1);
    const taken = new Set<string>(['input']);
    return rows.map(row => {
        const base = sanitizeName(counts.get(row.name) === 1 || !row.path ? row.name : `${row.path}/${row.name}`);
        return unique(base, taken);
    });
}

/** `base`, or `base_2`, `base_3` … whichever is not yet taken; marks it taken. */
export function unique(base: string, taken: Set<string>): string {
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
    taken.add(name);
    return name;
}
