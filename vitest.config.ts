import { defineConfig } from 'vitest/config';

// Unit and integration tests of shared/, electron/services/, cli/, circuits/ and the
// renderer's non-visual modules. Browser flows live in e2e/ and run under Playwright.
export default defineConfig({
  test: {
    include: ['{shared,electron,renderer,cli,circuits,scripts}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'out/**', 'e2e/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
