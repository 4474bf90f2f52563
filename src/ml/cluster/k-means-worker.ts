// Worker-thread side of K-Means: rebuilds typed-array views on the shared buffers and serves chunks.
import { serveGang } from '../parallel/sync-gang.js';
import { type KMeansBuffers, kMeansChunkHandler } from './k-means-kernels.js';

export function kMeansWorkerMain(data: { buffers: KMeansBuffers; control: SharedArrayBuffer }): void {
  serveGang(data.control, kMeansChunkHandler(data.buffers));
}
