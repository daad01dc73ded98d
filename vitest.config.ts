import { defineConfig } from 'vitest/config';

// Unit and integration tests of shared/, electron/services/, cli/, circuits/ and the
// renderer's non-visual modules. Browser flows live in e2e/ and run under Playwright.
export default defineConfig({
  test: {
    include: ['{shared,electron,renderer,cli,circuits,scripts,bench}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'out/**', 'e2e/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // On CI a failed test runs once more: a moment of a shared machine's load should not sink a
    // landing. What passed only on a retry is named (scripts/retried-reporter.ts, npm test's summary).
    retry: process.env['CI'] === 'true' ? 1 : 0,
  },
});
