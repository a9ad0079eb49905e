import type { LayerRow } from '../../language/analysis/types.js';
import { expectedTensors } from './expected-tensors.js';
import { elementCount, type RowTensors } from './torch-tensors.js';

/**
 * Seeded random weights in PyTorch's layout for every row with weights: conv and fc weights
 * uniform in ±1/√fan_in (PyTorch's default bound), biases likewise, batch norm γ in [0.5, 1.5],
 * β and running means in ±0.1, running variances in [0.5, 1.5] — non-trivial, so a wrong batch
 * norm would show.
 */
export function randomWeights(rows: readonly LayerRow[], seed: number): Map<number, RowTensors> {
    const next = mulberry32(seed);
    const uniform = (low: number, high: number) => low + (high - low) * next();
    const result = new Map<number, RowTensors>();
    rows.forEach((row, index) => {
        const expected = expectedTensors(row);
        if (expected.length === 0) return;
        const tensors: RowTensors = new Map();
        const weightShape = expected[0].shape;
        const fanIn = elementCount(weightShape.slice(1)) || 1;
        const bound = 1 / Math.sqrt(fanIn);
        const isNorm = row.op === 'bn' || row.op === 'layernorm' || row.op === 'layerscale';
        for (const { key, shape } of expected) {
            const data = new Float32Array(elementCount(shape));
            for (let i = 0; i < data.length; i++) {
                data[i] = key === 'running_var' || (key === 'weight' && isNorm) ? uniform(0.5, 1.5)
                    : isNorm ? uniform(-0.1, 0.1)
                    : uniform(-bound, bound);
            }
            tensors.set(key, { shape, data });
        }
        result.set(index, tensors);
    });
    return result;
}

/** A small, fast, seedable generator (Tommy Ettinger's mulberry32). */
function mulberry32(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
