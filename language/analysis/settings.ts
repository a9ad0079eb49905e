/** What the cost numbers are computed for (LANGUAGE.md §5): float32 and batch 1 unless changed. */
export interface CostSettings {
    /** Bytes per tensor element: 4 for float32, 2 for float16. */
    bytesPerElement: number;
    /** Samples per batch: multiplies activation memory, MACs and other ops (not parameters). */
    batch: number;
    /**
     * Analyse every network at this input (C×H×W) instead of its declared `input`: the CLI's
     * `--input` and the editor's input-size setting. Undefined: the declared input.
     */
    inputOverride?: readonly [number, number, number];
}

export const DEFAULT_SETTINGS: CostSettings = { bytesPerElement: 4, batch: 1 };

export function memoryBytes(elements: bigint, settings: CostSettings): bigint {
    return elements * BigInt(settings.bytesPerElement) * BigInt(settings.batch);
}

export function batched(count: bigint, settings: CostSettings): bigint {
    return count * BigInt(settings.batch);
}
