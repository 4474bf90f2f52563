// Test fixture for crossValidateInWorkers: a fold task that sums the target over the test rows.
import type { Split } from './split.js';

export { serveTasks } from '../parallel/run-in-workers.js';

export function sumTestTargets(
  shared: { y: Float64Array },
  fold: Split,
  index: number,
): { index: number; sum: number } {
  let s = 0;
  for (const i of fold.test) s += shared.y[i];
  return { index, sum: s };
}
