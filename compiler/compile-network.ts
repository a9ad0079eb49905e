import type { NetworkAnalysis } from '../language/analysis/types.js';
import type { NodeWeight } from './build-model.js';
import { modelSpec, type SpecOptions } from './model-spec.js';
import type { ModelSpec } from './spec-types.js';
import { importTorchWeights } from './weights/import-torch.js';
import { randomWeights } from './weights/random-weights.js';
import { readSafetensors } from './weights/safetensors.js';
import { tfjsWeights } from './weights/to-tfjs.js';

export interface CompiledNetwork {
    spec: ModelSpec;
    /** Per weighted node, its arrays in tfjs's layout. */
    weights: Map<number, NodeWeight[]>;
}

export type WeightChoice = { safetensors: Uint8Array; file: string } | { seed: number };

/** A network's spec and its weights (imported from a PyTorch state_dict, or seeded random). No tfjs needed. */
export function compileNetwork(network: NetworkAnalysis, weights: WeightChoice, options: SpecOptions = {}): CompiledNetwork {
    const spec = modelSpec(network, options);
    const tensors = 'seed' in weights
        ? randomWeights(network.rows, weights.seed)
        : importTorchWeights(network.rows, readSafetensors(weights.safetensors, weights.file));
    return { spec, weights: tfjsWeights(spec, network.rows, tensors) };
}
