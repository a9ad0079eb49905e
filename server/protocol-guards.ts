import type { CompareParams } from './protocol.js';

/** Requests come from any client: check their shape before acting on them. */
export function isCompareParams(value: unknown): value is CompareParams {
    if (typeof value !== 'object' || value === null) return false;
    const params = value as Record<string, unknown>;
    return typeof params.uri === 'string'
        && (params.network === null || typeof params.network === 'string')
        && Array.isArray(params.extraUris) && params.extraUris.every(u => typeof u === 'string');
}
