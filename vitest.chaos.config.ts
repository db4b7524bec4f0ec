import { defineConfig } from 'vitest/config';

// `npm run test:chaos`: the whole adversarial suites of test/chaos (issue 12); `npm test` runs a
// fixed CI-sized subset of the same files (test/chaos/chaos-scale.ts).
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.test.ts'],
    env: { STREAMKAP_CHAOS: 'full' },
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
