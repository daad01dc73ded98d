/**
 * The dashboard reads the verified ledger: the main process owns, verifies and folds the Demo
 * Commons log (signatures by libsecp256k1 on worker threads), and a member's own ledger file is
 * stored there only when every entry holds. Figures are compared with the `c3` tool's own verdict.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { bridgeUrl } from './support/bridge';

const c3 = (...args: string[]) => execFileSync(process.execPath, ['cli/c3.mjs', ...args], { encoding: 'utf8' });

function demoLogFile(): { path: string; lines: string[]; signatures: number } {
  const path = join(mkdtempSync(join(tmpdir(), 'c3-e2e-')), 'demo.jsonl');
  c3('demo', path);
  const verdict = c3('verify', path);
  const signatures = Number(/signatures (\d+)/.exec(verdict)?.[1]);
  return { path, lines: readFileSync(path, 'utf8').trimEnd().split('\n'), signatures };
}

test.describe('the verified ledger', () => {
  test('the demo dashboard is folded from the verified log, and re-verifies from genesis on demand', async ({ page }) => {
    const demo = demoLogFile();
    await page.goto(bridgeUrl().url);
    await expect(page.getByTestId('ledger-height')).toHaveText(String(demo.lines.length));
    await expect(page.getByText('verified from genesis')).toBeVisible();
    // Members and balances come from the log's enrolments and mints.
    await expect(page.getByRole('cell', { name: /Alice/ })).toBeVisible();
    await page.getByRole('button', { name: 'Re-verify from genesis' }).click();
    await expect(page.getByTestId('ledger-last-check')).toContainText(`${demo.signatures.toLocaleString('en-US')} signatures over ${demo.lines.length} entries`);
    await expect(page.getByTestId('ledger-last-check')).toContainText('libsecp256k1');
  });

  test('a tampered ledger file is refused naming its entry, and the untampered one is stored', async ({ page }) => {
    const demo = demoLogFile();
    const target = demo.lines.findIndex((line) => /"amount":"\d+"/.test(line));
    expect(target).toBeGreaterThan(0);
    const tampered = [...demo.lines];
    tampered[target] = tampered[target]!.replace(/"amount":"(\d+)"/, (_m, digits: string) => `"amount":"${BigInt(digits) + 1n}"`);
    const tamperedPath = demo.path.replace('demo.jsonl', 'tampered.jsonl');
    writeFileSync(tamperedPath, `${tampered.join('\n')}\n`);

    await page.goto(bridgeUrl().url);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('My Commons').check();
    await page.getByRole('button', { name: 'Dashboard' }).click();
    await expect(page.getByText('No Commons yet')).toBeVisible();

    await page.getByTestId('import-ledger').setInputFiles(tamperedPath);
    await expect(page.getByRole('alert')).toContainText('The Commons ledger did not verify');
    await expect(page.getByRole('alert')).toContainText(`Entry ${target}`);
    await expect(page.getByRole('alert')).toContainText('the action was changed after it was signed');
    await expect(page.getByText('No Commons yet')).toBeVisible();

    await page.getByTestId('import-ledger').setInputFiles(demo.path);
    await expect(page.getByTestId('ledger-height')).toHaveText(String(demo.lines.length));
    await expect(page.getByTestId('demo-banner')).toHaveCount(0);
    await expect(page.getByRole('cell', { name: /Alice/ })).toBeVisible();
  });
});
