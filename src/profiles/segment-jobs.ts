import { invalidInput } from '../core/errors.js';
import type { JsonObject } from '../core/types.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Store } from '../store/store.js';
import { type TrainSegmentsOptions, trainSegments } from './train-segments.js';

export const TRAIN_SEGMENTS_JOB = 'train-segments';

/** Validated payload of a segments training job (body of POST /api/segments/train). */
export function parseTrainSegmentsRequest(body: JsonObject): TrainSegmentsOptions {
  const o: TrainSegmentsOptions = {};
  for (const k of Object.keys(body)) {
    if (!['k', 'method', 'seed'].includes(k))
      throw invalidInput(`${k}: unknown field '${k}'; expected k, method, seed`);
  }
  if (body.k !== undefined && body.k !== null) {
    if (typeof body.k !== 'number' || !Number.isInteger(body.k) || body.k < 2 || body.k > 50) {
      throw invalidInput(`k: must be a whole number from 2 to 50; got ${JSON.stringify(body.k)}`);
    }
    o.k = body.k;
  }
  if (body.method !== undefined) {
    if (body.method !== 'kmeans' && body.method !== 'agglomerative') {
      throw invalidInput(`method: must be kmeans or agglomerative; got ${JSON.stringify(body.method)}`);
    }
    o.method = body.method;
  }
  if (body.seed !== undefined) {
    if (typeof body.seed !== 'number' || !Number.isInteger(body.seed))
      throw invalidInput('seed: must be an integer');
    o.seed = body.seed;
  }
  return o;
}

/** Register the `train-segments` handler (progress as {fraction, message}). */
export function registerSegmentJobs(queue: Pick<JobQueue, 'register'>, store: Store): void {
  queue.register(TRAIN_SEGMENTS_JOB, async (ctx) => {
    let last = 0;
    return trainSegments(store, {
      ...parseTrainSegmentsRequest(ctx.payload),
      onProgress: (fraction, message) => {
        if (fraction - last < 0.01 && fraction < 1) return;
        last = fraction;
        void ctx.progress({ fraction, message: message ?? '' });
      },
    });
  });
}
