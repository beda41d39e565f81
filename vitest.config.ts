import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Database-backed suites create their own schemas; two workers keep a 2-core machine responsive.
    maxWorkers: 2,
  },
});
