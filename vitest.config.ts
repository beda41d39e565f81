import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Limits that catch a hang, not a slow machine: with two CPU-bound processes beside it a 2-core runner takes
    // several times longer (README: "Running the suite on a busy machine"). Speed is measured in bench/.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Database-backed suites create their own schemas; two workers keep a 2-core machine responsive.
    maxWorkers: 2,
    // After the summary: every test the run left out, by name and with the reason (no PostgreSQL, no ../shared, …).
    reporters: ['default', './test/helpers/left-out-reporter.ts'],
    // npm run coverage: V8 coverage of src/ (README "Coverage" has the table per folder, by branches).
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary', 'json'],
      reportsDirectory: 'coverage',
      reportOnFailure: true,
    },
  },
});
