import { describe, expect, it } from 'vitest';
import { NumpyRandomState } from './mt19937.js';

describe('NumpyRandomState', () => {
  it('reproduces np.random.seed(42); np.random.rand(4)', () => {
    // Recorded from NumPy 1.24: [0.3745401188473625, 0.9507143064099162, 0.7319939418114051, 0.5986584841970366]
    const r = new NumpyRandomState(42);
    expect([r.randomSample(), r.randomSample(), r.randomSample(), r.randomSample()]).toEqual([
      0.3745401188473625, 0.9507143064099162, 0.7319939418114051, 0.5986584841970366,
    ]);
  });
});
