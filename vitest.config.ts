import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/loopback-only.ts'],
    // Generous: several tests start real processes (npm start, replicas) on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // expect.poll waits for what other processes or sockets do; never a fixed sleep.
    expect: { poll: { timeout: 15_000, interval: 25 } },
    // Tests that share Redis or Postgres keep to their own keys, so files may run in parallel.
    fileParallelism: true,
  },
});
