/** A PyTorch tensor as float32, in PyTorch's layout (OIHW for conv weights). */
export interface TorchTensor {
    shape: number[];
    data: Float32Array;
}

/** The tensors of one analysis row's module, by state_dict suffix: weight, bias, running_mean, running_var. */
export type RowTensors = Map<string, TorchTensor>;

export function elementCount(shape: readonly number[]): number {
    return shape.reduce((a, b) => a * b, 1);
}

export function formatTorchShape(shape: readonly number[]): string {
    return shape.length === 0 ? 'a scalar' : `[${shape.join(', ')}]`;
}
