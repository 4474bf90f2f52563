export {
  AgglomerativeClustering,
  type AgglomerativeFitted,
  type AgglomerativeParams,
} from './agglomerative.js';
export { type ChooseKOptions, chooseK, elbowIndex, type KCandidate } from './choose-k.js';
export { KMeans, type KMeansFitted, type KMeansParams, nearestCenter } from './k-means.js';
export { makeBlobs } from './make-blobs.js';
export {
  MiniBatchKMeans,
  type MiniBatchKMeansFitted,
  type MiniBatchKMeansParams,
} from './mini-batch-k-means.js';
export { PCA, type PcaFitted, type PcaParams } from './pca.js';
