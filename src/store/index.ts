export { type OpenStoreOptions, openStore } from './open-store.js';
export { REJECTION_LOG_CAP } from './repos/logs.js';
export type * from './store.js';
