import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS } from '../language/analysis/settings.js';
import type { NetworkAnalysis } from '../language/analysis/types.js';
import { analyzeFile } from './analyze-file.js';
import { diagnosticLine } from './diagnostic-line.js';
import type { WeightChoice } from '../compiler/compile-network.js';

/** A failure of compile or run: one line for the user and the exit code (1 errors in the file, 2 usage). */
export class CommandError extends Error {
    constructor(message: string, readonly exitCode: 1 | 2) { super(message); }
}

/** The network to compile: the named one or the file's first; a file with errors is refused with its diagnostics. */
export function loadNetwork(path: string, name: string | undefined): { network: NetworkAnalysis } {
    let analyzed;
    try {
        analyzed = analyzeFile(path, DEFAULT_SETTINGS);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (typeof code !== 'string') throw error;
        throw new CommandError(`cnn: cannot read '${path}': ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, 2);
    }
    const networks = analyzed.analysis.networks;
    const network = name === undefined ? networks[0] : networks.find(n => n.name === name);
    if (!network) {
        const known = networks.map(n => n.name).join(', ') || 'none';
        throw new CommandError(name === undefined ? `cnn: '${path}' defines no network` : `cnn: no network '${name}' in '${path}' (networks: ${known})`, 2);
    }
    const errors = analyzed.diagnostics.filter(d => d.severity === 'error');
    if (errors.length > 0 || network.output === null) {
        const lines = errors.map(d => diagnosticLine(path, d, analyzed.lineText)).join('\n');
        throw new CommandError(`${lines}${lines ? '\n' : ''}cnn: ${network.name} has errors; nothing compiled`, 1);
    }
    return { network };
}

/** `--weights F` or `--seed N` (default 0). */
export function weightChoice(weights: string | undefined, seed: number | undefined): WeightChoice {
    if (weights === undefined) return { seed: seed ?? 0 };
    try {
        return { safetensors: readFileSync(weights), file: weights };
    } catch (error) {
        throw new CommandError(`cnn: cannot read weights '${weights}': ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, 2);
    }
}
