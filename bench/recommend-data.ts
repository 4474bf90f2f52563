import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type EvaluationData,
  type InteractionLog,
  prepareEvaluation,
  readInteractions,
  stratifiedSplit,
} from '../src/recommend/index.js';

/** Datasets folder: OSPREY_DATASETS, else ../shared/data relative to the repository root. */
export function datasetsDir(): string {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  return process.env.OSPREY_DATASETS ?? resolve(root, '../shared/data');
}

export function movielens100kPath(): string | undefined {
  const p = resolve(datasetsDir(), 'movielens-100k/u.data');
  return existsSync(p) ? p : undefined;
}

/** Rows of a log, as a new log in the same order (so a split of it is reproducible). */
export function subLog(log: InteractionLog, rows: Int32Array): InteractionLog {
  return {
    user: Int32Array.from(rows, (r) => log.user[r]),
    item: Int32Array.from(rows, (r) => log.item[r]),
    rating: Float64Array.from(rows, (r) => log.rating[r]),
    timestamp: Float64Array.from(rows, (r) => log.timestamp[r]),
    userIds: log.userIds,
    itemIds: log.itemIds,
  };
}

/**
 * The benchmark split (stratified-item 0.75, seed 42) and, for tuning, a validation split carved from
 * its TRAINING rows only by the same protocol (seed 4242): the test rows are never looked at.
 */
export function movielensSplits(path: string): { test: EvaluationData; validation: EvaluationData } {
  const log = readInteractions(path);
  const outer = stratifiedSplit(log, 'item', 0.75, 42);
  const trainLog = subLog(log, outer.train);
  const inner = stratifiedSplit(trainLog, 'item', 0.75, 4242);
  return { test: prepareEvaluation(log, outer), validation: prepareEvaluation(trainLog, inner) };
}
