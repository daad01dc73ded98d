/**
 * Names every test that passed only on a retry (CI retries a failed unit test once: see
 * vitest.config.ts). A retry keeps one unlucky moment on a shared machine from sinking a landing,
 * but a test that needed one is flaky, and this says which, so it gets fixed rather than hidden.
 * The names go to test-results/retried.txt, which `npm test` prints in its summary.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { type Reporter, type TestCase } from 'vitest/node';

export default class RetriedReporter implements Reporter {
  onTestCaseResult(test: TestCase): void {
    const retries = test.diagnostic()?.retryCount ?? 0;
    if (retries === 0 || test.result().state !== 'passed') return;
    mkdirSync('test-results', { recursive: true });
    appendFileSync('test-results/retried.txt', `${test.module.moduleId.replace(`${process.cwd()}/`, '')} › ${test.fullName} (passed on retry ${retries})\n`);
  }
}
