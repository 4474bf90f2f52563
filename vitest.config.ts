import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Generous: several suites spawn the real `osprey` binary and real servers; a hang still fails.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // 2-core machine: keep concurrency modest so heavy suites don't starve each other.
    maxWorkers: 2,
  },
});
