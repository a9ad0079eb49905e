/** The `tf` object the compiler is handed (Node or browser); only its types are imported here. */
export type Tf = typeof import('@tensorflow/tfjs');
export type Tensor = import('@tensorflow/tfjs').Tensor;
export type LayersModel = import('@tensorflow/tfjs').LayersModel;
