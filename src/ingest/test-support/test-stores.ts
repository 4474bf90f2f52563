import type { Store } from '../../store/store.js';
import { createMemoryStore } from './memory-store.js';

export interface TestStore {
  store: Store;
  /** Every row of every table, as plain values, for "no trace left" scans. */
  dump(): Promise<Record<string, unknown[]>>;
  close(): Promise<void>;
}

/** The stores ingest tests run on: always the in-memory double; real drivers are added when present. */
export const TEST_STORES: { name: string; open(): Promise<TestStore> }[] = [
  {
    name: 'memory',
    async open() {
      const store = createMemoryStore();
      return { store, dump: async () => store.rows(), close: async () => {} };
    },
  },
];
