import type { JsonObject } from '../../core/types.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { Store } from '../../store/store.js';
import { trainRecommendations } from './train-recommendations.js';

export const RECOMMEND_TRAIN_JOB = 'recommend-train';

/** Register the training job: fit the default model, precompute every user's list, activate it. */
export function registerRecommendationJobs(queue: JobQueue, store: Store): void {
  queue.register(RECOMMEND_TRAIN_JOB, async (job) => {
    const r = await trainRecommendations(store, {
      signal: job.signal,
      onProgress: (fraction, message) => void job.progress({ fraction, message }).catch(() => {}),
    });
    return r as unknown as JsonObject;
  });
}

/** Enqueue a refresh every `everyMs` (default 6 h; env OSPREY_RECOMMEND_REFRESH_HOURS); returns a stop function. */
export function scheduleRecommendationRefresh(queue: JobQueue, everyMs = 6 * 3_600_000): () => void {
  const timer = setInterval(() => void queue.enqueue(RECOMMEND_TRAIN_JOB, {}).catch(() => {}), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
