import type { LayerRow } from '../../language/analysis/types.js';

/** A tensor the PyTorch module of a row must have, by state_dict suffix. */
export interface ExpectedTensor {
    key: 'weight' | 'bias' | 'running_mean' | 'running_var';
    shape: number[];
    /** Buffers are not trainable (batch norm's running statistics). */
    trainable: boolean;
}

/** The tensors of a row's module in PyTorch's state_dict order, or [] for rows without weights. */
export function expectedTensors(row: LayerRow): ExpectedTensor[] {
    const out = row.output[0];
    const bias = row.attributes?.bias ?? false;
    const withBias = (weight: number[], has: boolean): ExpectedTensor[] =>
        [{ key: 'weight', shape: weight, trainable: true }, ...(has ? [{ key: 'bias' as const, shape: [out], trainable: true }] : [])];
    switch (row.op) {
        case 'conv': {
            const axes = row.attributes?.axes;
            const groups = row.attributes?.groups ?? 1;
            const kernel = axes ? axes.map(a => a.kernel) : [1, 1]; // a generated projection: 1×1, no bias
            return withBias([out, row.input[0] / groups, kernel[0], kernel[1]], bias);
        }
        case 'dwconv': {
            const kernel = row.attributes!.axes!.map(a => a.kernel);
            return withBias([out, 1, kernel[0], kernel[1]], bias);
        }
        case 'fc': return withBias([out, row.input.reduce((a, b) => a * b, 1)], bias);
        case 'bn': return [
            { key: 'weight', shape: [out], trainable: true }, { key: 'bias', shape: [out], trainable: true },
            { key: 'running_mean', shape: [out], trainable: false }, { key: 'running_var', shape: [out], trainable: false }
        ];
        case 'layernorm': return [{ key: 'weight', shape: [out], trainable: true }, { key: 'bias', shape: [out], trainable: true }];
        case 'layerscale': return [{ key: 'weight', shape: [out], trainable: true }];
        default: return [];
    }
}
