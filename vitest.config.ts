import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/loopback-only.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests that share Redis or Postgres keep to their own keys, so files may run in parallel.
    fileParallelism: true,
  },
});
