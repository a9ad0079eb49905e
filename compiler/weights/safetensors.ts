import type { TorchTensor } from './torch-tensors.js';
import { elementCount } from './torch-tensors.js';

/**
 * The safetensors format (Hugging Face; `safetensors.torch.save_file`): an 8-byte little-endian
 * header length N, N bytes of JSON `{ name: { dtype, shape, data_offsets: [begin, end] } }`
 * (offsets relative to the data after the header, optional `__metadata__`), then raw
 * little-endian data. This reader checks every bound before it reads.
 */
export class SafetensorsError extends Error {}

export interface SafetensorsEntry {
    key: string;
    dtype: string;
    shape: number[];
    /** float32 values; undefined for integer tensors (e.g. num_batches_tracked), which are not needed. */
    tensor?: TorchTensor;
}

const DTYPE_BYTES: Record<string, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };
const MAX_HEADER = 100 * 1024 * 1024;
/** On little-endian hosts (all the usual ones) float32 data is copied as it lies, not value by value. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Parses a safetensors file: entries in the header's order. */
export function readSafetensors(bytes: Uint8Array, file = 'the file'): SafetensorsEntry[] {
    if (bytes.length < 8) throw new SafetensorsError(`${file}: not a safetensors file (${bytes.length} bytes, shorter than the 8-byte header length)`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headerLength = view.getBigUint64(0, true);
    if (headerLength > BigInt(Math.min(MAX_HEADER, bytes.length - 8))) {
        throw new SafetensorsError(`${file}: not a safetensors file (header length ${headerLength} exceeds the ${bytes.length - 8} bytes after it)`);
    }
    const n = Number(headerLength);
    let header: unknown;
    try {
        header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)));
    } catch {
        throw new SafetensorsError(`${file}: not a safetensors file (its header is not JSON)`);
    }
    if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new SafetensorsError(`${file}: the header is not a JSON object`);
    const dataStart = 8 + n;
    const dataLength = bytes.length - dataStart;
    const entries: SafetensorsEntry[] = [];
    for (const [key, value] of Object.entries(header as Record<string, unknown>)) {
        if (key === '__metadata__') continue;
        const info = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
        const dtype = info?.dtype;
        const shape = info?.shape;
        const offsets = info?.data_offsets;
        if (typeof dtype !== 'string' || !(dtype in DTYPE_BYTES)) throw new SafetensorsError(`${file}: tensor '${key}' has an unknown dtype ${JSON.stringify(dtype)}`);
        if (!Array.isArray(shape) || !shape.every(d => Number.isSafeInteger(d) && d >= 0)) throw new SafetensorsError(`${file}: tensor '${key}' has an invalid shape`);
        if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(o => Number.isSafeInteger(o) && o >= 0)) {
            throw new SafetensorsError(`${file}: tensor '${key}' has invalid data_offsets`);
        }
        const [begin, end] = offsets as [number, number];
        const size = elementCount(shape) * DTYPE_BYTES[dtype];
        if (begin > end || end > dataLength) throw new SafetensorsError(`${file}: tensor '${key}' lies outside the file (bytes ${begin}–${end} of ${dataLength})`);
        if (end - begin !== size) throw new SafetensorsError(`${file}: tensor '${key}' has ${end - begin} bytes, but ${dtype} [${shape.join(', ')}] needs ${size}`);
        const raw = new DataView(bytes.buffer, bytes.byteOffset + dataStart + begin, end - begin);
        entries.push({ key, dtype, shape, tensor: toFloat32(dtype, shape, raw) });
    }
    return entries;
}

function toFloat32(dtype: string, shape: number[], raw: DataView): TorchTensor | undefined {
    const count = elementCount(shape);
    const data = new Float32Array(count);
    switch (dtype) {
        case 'F32':
            if (LITTLE_ENDIAN) data.set(new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + 4 * count)));
            else for (let i = 0; i < count; i++) data[i] = raw.getFloat32(4 * i, true);
            break;
        case 'F64': for (let i = 0; i < count; i++) data[i] = raw.getFloat64(8 * i, true); break;
        case 'F16': for (let i = 0; i < count; i++) data[i] = halfToFloat(raw.getUint16(2 * i, true)); break;
        case 'BF16': {
            const word = new DataView(new ArrayBuffer(4));
            for (let i = 0; i < count; i++) { word.setUint32(0, raw.getUint16(2 * i, true) << 16); data[i] = word.getFloat32(0); }
            break;
        }
        default: return undefined;
    }
    return { shape, data };
}

function halfToFloat(h: number): number {
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
    if (exponent === 31) return fraction ? NaN : sign * Infinity;
    return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Writes float32 tensors as safetensors, in the given order (the tests and `cnn run --output-file` use it). */
export function writeSafetensors(tensors: ReadonlyArray<{ key: string; shape: number[]; data: Float32Array }>): Uint8Array {
    const header: Record<string, unknown> = {};
    let offset = 0;
    for (const t of tensors) {
        header[t.key] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + 4 * t.data.length] };
        offset += 4 * t.data.length;
    }
    const json = new TextEncoder().encode(JSON.stringify(header));
    // Pad the header with spaces so the data starts 8-byte aligned, as the reference writer does.
    const headerBytes = new Uint8Array(Math.ceil(json.length / 8) * 8).fill(0x20);
    headerBytes.set(json);
    const out = new Uint8Array(8 + headerBytes.length + offset);
    const view = new DataView(out.buffer);
    view.setBigUint64(0, BigInt(headerBytes.length), true);
    out.set(headerBytes, 8);
    let at = 8 + headerBytes.length;
    for (const t of tensors) {
        for (let i = 0; i < t.data.length; i++) view.setFloat32(at + 4 * i, t.data[i], true);
        at += 4 * t.data.length;
    }
    return out;
}
