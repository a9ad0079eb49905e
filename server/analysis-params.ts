import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { AnalysisParams } from './protocol.js';

/** The largest batch and element size `cnn/analysis` accepts: far beyond any real one, and exact. */
const MAX_FACTOR = 2 ** 31;

/**
 * Checks `cnn/analysis` parameters from any client: `batch: -3` gave negative MACs and `1.5` a
 * raw BigInt error. A bad request is answered with an InvalidParams error that says what is wrong.
 */
export function checkAnalysisParams(value: unknown): AnalysisParams {
    if (typeof value !== 'object' || value === null) throw invalid('cnn/analysis expects { uri, bytesPerElement?, batch? }');
    const params = value as Record<string, unknown>;
    if (typeof params.uri !== 'string') throw invalid(`uri must be a string, got ${describe(params.uri)}`);
    for (const key of ['bytesPerElement', 'batch'] as const) {
        const factor = params[key];
        if (factor === undefined || factor === null) continue;
        if (typeof factor !== 'number' || !Number.isInteger(factor) || factor < 1 || factor > MAX_FACTOR) {
            throw invalid(`${key} must be a whole number from 1 to ${MAX_FACTOR}, got ${describe(factor)}`);
        }
    }
    return {
        uri: params.uri,
        bytesPerElement: (params.bytesPerElement ?? undefined) as number | undefined,
        batch: (params.batch ?? undefined) as number | undefined
    };
}

function invalid(message: string): ResponseError<void> {
    return new ResponseError(ErrorCodes.InvalidParams, message);
}

function describe(value: unknown): string {
    if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
    return value === undefined ? 'nothing' : typeof value;
}
