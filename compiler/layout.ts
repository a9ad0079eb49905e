/** PyTorch's NCHW ↔ tfjs's NHWC for one batch of feature maps; flat tensors ([N, F]) are the same in both. */
export function nchwToNhwc(data: Float32Array, batch: number, shape: readonly number[]): Float32Array {
    if (shape.length !== 3) return data;
    const [c, h, w] = shape;
    const out = new Float32Array(data.length);
    for (let n = 0; n < batch; n++) for (let k = 0; k < c; k++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
        out[((n * h + y) * w + x) * c + k] = data[((n * c + k) * h + y) * w + x];
    }
    return out;
}

export function nhwcToNchw(data: Float32Array, batch: number, shape: readonly number[]): Float32Array {
    if (shape.length !== 3) return data;
    const [c, h, w] = shape;
    const out = new Float32Array(data.length);
    for (let n = 0; n < batch; n++) for (let k = 0; k < c; k++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
        out[((n * c + k) * h + y) * w + x] = data[((n * h + y) * w + x) * c + k];
    }
    return out;
}
