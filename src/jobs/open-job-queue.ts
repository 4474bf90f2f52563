import type { OspreyConfig } from '../core/config.js';
import type { Store } from '../store/store.js';
import { BullJobQueue, type BullJobQueueOptions } from './bullmq-job-queue.js';
import type { JobQueue } from './job-queue.js';
import { StoreJobQueue, type StoreJobQueueOptions } from './store-job-queue.js';

/** BullMQ on Redis when OSPREY_REDIS_URL is set (scale-out), else the store-backed queue (embedded). */
export function openJobQueue(
  config: Pick<OspreyConfig, 'redisUrl'>,
  store: Store,
  o: { store?: StoreJobQueueOptions; bullmq?: BullJobQueueOptions } = {},
): JobQueue {
  return config.redisUrl ? new BullJobQueue(config.redisUrl, o.bullmq) : new StoreJobQueue(store, o.store);
}
