#!/usr/bin/env node
/**
 * `npm test`: every check a change must pass, in order, with one summary at the end.
 *   1. types (tsc, both projects)   2. lint (ESLint, with the layering rules)
 *   3. unit and integration tests (vitest)   4. electronegativity over electron/
 *   5. end-to-end flows (Playwright in Debian's Chromium; the Electron smoke test where a binary exists)
 * Stages run even after one fails, so a single run shows everything that is wrong.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// A package's own script, found through its package.json (most packages do not export their bin files).
const bin = (pkg, file) => join(dirname(require.resolve(`${pkg}/package.json`)), file);
mkdirSync('test-results', { recursive: true });
rmSync('test-results/retried.txt', { force: true });

const stages = [
  { name: 'typecheck', args: [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.node.json', '--noEmit'] },
  { name: 'typecheck (renderer)', args: [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.web.json', '--noEmit'] },
  { name: 'typecheck (e2e)', args: [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.e2e.json', '--noEmit'] },
  { name: 'lint', args: [bin('eslint', 'bin/eslint.js'), '.', '--max-warnings', '0'] },
  {
    name: 'unit',
    args: [bin('vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=./scripts/retried-reporter.ts', '--reporter=json', '--outputFile.json=test-results/vitest.json'],
    counts: () => vitestCounts('test-results/vitest.json'),
    failures: () => vitestFailures('test-results/vitest.json'),
  },
  { name: 'electronegativity', args: ['scripts/electronegativity.mjs'] },
  {
    name: 'e2e',
    args: [bin('@playwright/test', 'cli.js'), 'test'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright.json' },
    counts: () => playwrightCounts('test-results/playwright.json'),
    failures: () => playwrightFailures('test-results/playwright.json'),
    flaky: () => playwrightFailures('test-results/playwright.json', 'flaky'),
  },
];

const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const report = [];
const failures = [];
const flaky = [];
for (const stage of stages) {
  if (only.length && !only.some((name) => stage.name.startsWith(name))) continue;
  console.log(`\n━━ ${stage.name} ━━`);
  const started = Date.now();
  const run = spawnSync(process.execPath, stage.args, { stdio: 'inherit', env: { ...process.env, ...stage.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = run.status === 0;
  const counts = stage.counts?.() ?? { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
  if (!ok && counts.failed === 0) counts.failed = 1; // a runner that crashed before counting still failed
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  flaky.push(...(stage.flaky?.() ?? []).map((line) => `${stage.name}: ${line}`));
  if (!ok) failures.push(...(stage.failures?.() ?? []).map((line) => `${stage.name}: ${line}`));
  report.push(`${ok ? 'ok  ' : 'FAIL'} ${stage.name.padEnd(22)} ${seconds.padStart(6)} s  ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

console.log('\n━━ summary ━━');
for (const line of report) console.log(line);
// Tests that passed only on a retry: flaky, to be fixed, not hidden.
const retried = [
  ...(existsSync('test-results/retried.txt') ? readFileSync('test-results/retried.txt', 'utf8').trim().split('\n').filter(Boolean).map((line) => `unit: ${line}`) : []),
  ...flaky,
];
if (retried.length) {
  console.log('\n━━ passed only on a retry (flaky) ━━');
  for (const line of retried) console.log(line);
}
// The names of what failed come last, so that a log cut to its tail still says what to look at.
if (failures.length) {
  console.log('\n━━ failed ━━');
  for (const line of failures.slice(0, 40)) console.log(line);
  if (failures.length > 40) console.log(`… and ${failures.length - 40} more`);
}
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);

function vitestCounts(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const json = JSON.parse(readFileSync(file, 'utf8'));
  // numFailedTestSuites counts describe blocks as well as files, so it is not added to the failed
  // tests: a run that failed with no failed test (a file that did not load) counts as one failure.
  const failed = json.numFailedTests > 0 ? json.numFailedTests : json.success ? 0 : 1;
  return { passed: json.numPassedTests, failed, skipped: json.numPendingTests + json.numTodoTests };
}

function playwrightCounts(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

// One line per failed test: its file, its full name and the first line of its error.
function vitestFailures(file) {
  if (!existsSync(file)) return ['the runner wrote no report (it crashed before counting)'];
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const lines = [];
  for (const suite of json.testResults ?? []) {
    const where = suite.name.replace(`${process.cwd()}/`, '');
    const failed = (suite.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failed) lines.push(`${where} › ${test.fullName} — ${firstLine(test.failureMessages?.[0])}`);
    if (!failed.length && suite.status === 'failed') lines.push(`${where} — ${firstLine(suite.message)}`);
  }
  return lines;
}

/** One line per test with the given status: 'unexpected' (failed) or 'flaky' (passed on a retry). */
function playwrightFailures(file, status = 'unexpected') {
  if (!existsSync(file)) return status === 'unexpected' ? ['the runner wrote no report (it crashed before counting)'] : [];
  const lines = [];
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== status) continue;
        const error = test.results?.find((result) => result.error)?.error?.message;
        lines.push(`${spec.file}:${spec.line} › ${[...path, spec.title].join(' › ')} — ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  // Top-level suites are files; the ones inside are describe blocks.
  for (const suite of JSON.parse(readFileSync(file, 'utf8')).suites ?? []) walk(suite, []);
  return lines;
}

function firstLine(text) {
  // eslint-disable-next-line no-control-regex
  const line = String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim()) ?? '';
  return line.trim().slice(0, 200);
}
