/* eslint-disable @typescript-eslint/no-explicit-any */
import type { LayersModel, Tf } from './tfjs-types.js';

export interface ModelFiles {
    /** model.json in tfjs's layers-model format, its one weights shard named `weights.bin`. */
    modelJson: string;
    weightsBin: Uint8Array;
}

/** Serialises a model to tfjs's layers-model format (what `tf.loadLayersModel` reads). */
export async function modelFiles(tf: Tf, model: LayersModel, weightsFile = 'weights.bin'): Promise<ModelFiles> {
    let saved: any;
    await model.save(tf.io.withSaveHandler(async artifacts => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }));
    const data = saved.weightData;
    const buffer: ArrayBuffer = Array.isArray(data) ? (tf.io as any).CompositeArrayBuffer.join(data) : data;
    const json = {
        format: 'layers-model',
        generatedBy: saved.generatedBy,
        convertedBy: 'cnn compile',
        modelTopology: saved.modelTopology,
        weightsManifest: [{ paths: [weightsFile], weights: saved.weightSpecs }]
    };
    return { modelJson: JSON.stringify(json), weightsBin: new Uint8Array(buffer) };
}

/** Loads model.json + weights.bin held in memory, as a browser would fetch them. */
export async function loadModelFiles(tf: Tf, files: ModelFiles): Promise<LayersModel> {
    const json = JSON.parse(files.modelJson);
    const bytes = files.weightsBin;
    const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }));
}
