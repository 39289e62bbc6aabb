import { defineConfig } from 'vitest/config';

// Browser tests against a running platform (STATIONERY_URL). Serial: they share one demo chain.
export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
