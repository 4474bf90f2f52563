export { BullJobQueue, type BullJobQueueOptions } from './bullmq-job-queue.js';
export {
  backoffDelay,
  DEFAULT_MAX_ATTEMPTS,
  type EnqueueOptions,
  type JobContext,
  type JobHandler,
  type JobQueue,
  type JobState,
} from './job-queue.js';
export { openJobQueue } from './open-job-queue.js';
export { StoreJobQueue, type StoreJobQueueOptions } from './store-job-queue.js';
