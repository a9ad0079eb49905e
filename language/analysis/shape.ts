import type { Shape } from './types.js';

export function isSpatial(shape: Shape): shape is readonly [number, number, number] {
    return shape.length === 3;
}

export function elementsOf(shape: Shape): bigint {
    return shape.reduce((product, dim) => product * BigInt(dim), 1n);
}

export function shapesEqual(a: Shape, b: Shape): boolean {
    return a.length === b.length && a.every((dim, i) => dim === b[i]);
}

/** `64×56×56`, `1000`: the way the lecture tables and hovers write shapes. */
export function formatShape(shape: Shape): string {
    return shape.join('×');
}

/** `56×56`: the spatial part of a feature map. */
export function formatSize(shape: Shape): string {
    return isSpatial(shape) ? `${shape[1]}×${shape[2]}` : `flat ${shape[0]}`;
}

/**
 * Parses a DIMS token (`3x224x224`) into its integers; none (`[]`) when one is above 2^53 and so
 * not exact as a number (the text checks report it as `too-large`).
 */
export function parseDims(text: string): number[] {
    const parts = text.split('x');
    return parts.every(isExactSize) ? parts.map(Number) : [];
}

/** A size written in digits that a JavaScript number holds exactly. */
export function isExactSize(digits: string): boolean {
    return Number.isSafeInteger(Number(digits));
}

/** ` (channels 256 ≠ 64, size 28×28 ≠ 56×56)`: how two shapes of the same rank differ; empty otherwise. */
export function describeShapeDifference(a: Shape, b: Shape): string {
    if (a.length !== b.length) return '';
    const parts: string[] = [];
    if (a[0] !== b[0]) parts.push(`channels ${a[0]} ≠ ${b[0]}`);
    if (isSpatial(a) && isSpatial(b) && (a[1] !== b[1] || a[2] !== b[2])) parts.push(`size ${formatSize(a)} ≠ ${formatSize(b)}`);
    return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
