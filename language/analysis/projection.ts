import { isSpatial } from './shape.js';
import type { Shape } from './types.js';

/**
 * `shortcut projection` (LANGUAGE.md §7): the smallest stride per axis with which a 1×1 conv
 * (no padding) maps the input's H×W to the body's; undefined when no whole stride does.
 */
export function projectionStrides(input: Shape, body: Shape): [number, number] | undefined {
    if (!isSpatial(input) || !isSpatial(body)) return undefined;
    const sh = axisStride(input[1], body[1]);
    const sw = axisStride(input[2], body[2]);
    return sh !== undefined && sw !== undefined ? [sh, sw] : undefined;
}

/** The smallest S with ⌊(size − 1) / S⌋ + 1 = target. */
function axisStride(size: number, target: number): number | undefined {
    if (target < 1 || target > size) return undefined;
    const stride = Math.floor((size - 1) / target) + 1;
    return Math.floor((size - 1) / stride) + 1 === target ? stride : undefined;
}
