/**
 * The composer's pre-flight (issue 11): before any device is asked to sign, the action is run
 * against the verified ledger, and a rule it would break is shown in words. A PPT transfer (PPT
 * never moves, SPEC §2) no longer costs two hardware signatures for an action that can never
 * execute. Nothing here is signed or sequenced: the ledger's figures stay the demo's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { bridgeUrl } from './support/bridge';
import { plugIn } from './support/devices';

async function openCosign(page: Page) {
  await page.goto(bridgeUrl().url);
  await expect(page.getByTestId('vault').filter({ hasText: "Bob's vault" })).toBeVisible({ timeout: 30_000 });
}

/** No signer row, no "Sign as" button, no device waiting: nobody was asked to sign. */
async function expectNoDeviceAsked(page: Page) {
  await expect(page.getByTestId('signer-row')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Sign as / })).toHaveCount(0);
  await expect(page.getByTestId('signing-prompt')).toHaveCount(0);
}

test('a PPT transfer is refused in words before any device is asked', async ({ page }, testInfo) => {
  await openCosign(page);
  // A device that holds Alice's key is there, ready to be asked.
  await plugIn(page, 'ledger');
  await page.getByRole('button', { name: 'Co-sign' }).click();
  await page.getByLabel('From vault').selectOption({ label: "Alice's vault (2-of-2)" });
  await page.getByLabel('To vault').selectOption({ label: "Bob's vault" });
  // Alice's vault holds PPT, so the composer offers it.
  await page.getByLabel('Token').selectOption('PPT');
  await page.getByLabel('Amount').fill('1');
  await page.getByRole('button', { name: 'Create signing request' }).click();

  const refusal = page.getByTestId('preflight-refusal');
  await expect(refusal).toContainText('The ledger would refuse this action, so no device is asked to sign it.');
  await expect(page.getByTestId('preflight-rule')).toHaveText('PPT cannot be transferred (SPEC §2).');
  await expect(refusal).toHaveAttribute('data-rule', 'NonTransferable');
  // The request was never made: no words to approve, no hashes, no device.
  await expect(page.getByTestId('action-words')).toHaveCount(0);
  await expectNoDeviceAsked(page);
  await page.screenshot({ path: testInfo.outputPath('ppt-refused.png'), fullPage: true });

  // The same composer makes the CONX transfer the ledger would take, and offers the devices for it.
  await page.getByLabel('Token').selectOption('CONX');
  await page.getByRole('button', { name: 'Create signing request' }).click();
  await expect(page.getByTestId('action-words')).toContainText('Send 1 CONX from Alice');
  await expect(page.getByRole('button', { name: 'Sign as Alice · Ledger' })).toBeVisible();
  await expect(page.getByTestId('request-state')).toContainText('Still needed: the signatures of Alice · Ledger');
});

test('a request file asking for a PPT transfer is refused the same way, whoever made it', async ({ page }, testInfo) => {
  await openCosign(page);
  await page.getByRole('button', { name: 'Co-sign' }).click();
  await page.getByLabel('From vault').selectOption({ label: "Alice's vault (2-of-2)" });
  await page.getByLabel('Amount').fill('1');
  await page.getByRole('button', { name: 'Create signing request' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save request file for co-signers' }).click();
  const saved = testInfo.outputPath('conx-request.json');
  await (await download).saveAs(saved);
  await page.getByRole('button', { name: 'Close' }).click();

  // Someone else's app (or an edited file) asks for PPT instead.
  const file = JSON.parse(readFileSync(saved, 'utf8')) as { format: string; action: { payload: { token: string } } };
  expect(file.format).toBe('c3-signing-request/3');
  const ppt = testInfo.outputPath('ppt-request.json');
  writeFileSync(ppt, JSON.stringify({ ...file, action: { ...file.action, payload: { ...file.action.payload, token: 'PPT' } } }, null, 2));
  await page.getByTestId('open-request').setInputFiles(ppt);

  await expect(page.getByTestId('action-words')).toContainText('Send 1 PPT from Alice');
  await expect(page.getByTestId('preflight-rule')).toHaveText('PPT cannot be transferred (SPEC §2).');
  await expectNoDeviceAsked(page);
});

test('a change of threshold says it changes who controls the vault, and one above its signers is refused', async ({ page }) => {
  await openCosign(page);
  await page.getByRole('button', { name: 'Co-sign' }).click();
  await page.getByLabel('Action').selectOption({ label: 'Change a vault’s threshold' });
  await page.getByLabel('Vault', { exact: true }).selectOption({ label: "Alice's vault (2-of-2)" });
  await page.getByLabel('New threshold').fill('3');
  await page.getByRole('button', { name: 'Create signing request' }).click();
  await expect(page.getByTestId('preflight-rule')).toContainText('A threshold of 3 with 2 signers is not allowed');
  await expectNoDeviceAsked(page);

  await page.getByLabel('New threshold').fill('1');
  await page.getByRole('button', { name: 'Create signing request' }).click();
  await expect(page.getByTestId('action-words')).toHaveText(/^Change who controls Alice's vault \(member vault of Alice, 0x[0-9a-f]{40}\): any 1 of its 2 signers will be needed to sign \(today any 2\)$/);
  await expect(page.getByTestId('control-warning')).toContainText("This request changes who controls Alice's vault");
  await expect(page.getByRole('button', { name: 'Sign as Alice · Trezor' })).toBeVisible();
});
