/**
 * A vault action from request to ledger: composed, co-signed on an emulated Ledger and an emulated
 * Trezor, submitted to the Demo Commons' stewards, sequenced, verified by this app, and seen as new
 * balances on the dashboard. (Runs after ledger.spec, whose figures are the built-in demo's.)
 */
import { expect, test } from '@playwright/test';
import { bridgeUrl } from './support/bridge';
import { newRequest, plugIn, signWith } from './support/devices';

test('a co-signed transfer is sequenced by the stewards, and the dashboard shows the new balances', async ({ page }, testInfo) => {
  await page.goto(bridgeUrl().url);
  const vault = (name: string) => page.getByTestId('vault').filter({ hasText: name });
  await expect(vault("Bob's vault")).toContainText('11,500 CONX', { timeout: 30_000 });
  await expect(vault("Alice's vault")).toContainText('4,250 CONX');
  const height = Number(await page.getByTestId('ledger-height').textContent());

  const ledger = await plugIn(page, 'ledger');
  const trezor = await plugIn(page, 'trezor');
  await newRequest(page);
  for (const [label, device] of [['Alice · Ledger', ledger], ['Alice · Trezor', trezor]] as const) {
    const row = await signWith(page, label, device);
    await row.getByRole('button', { name: /^Approve on/ }).click();
    await expect(row.getByTestId('signature-verified')).toContainText(`signed by ${label}`);
  }
  await expect(page.getByTestId('next-step')).toContainText('Submit the action to the Demo Commons’ stewards');
  await page.getByRole('button', { name: 'Submit to the stewards' }).click();
  await expect(page.getByTestId('sequenced')).toContainText(`Sequenced as entry ${height}`);
  // Once this app has verified the new entry, the request is executed: the ledger holds this very action.
  await expect(page.getByTestId('request-state')).toHaveAttribute('data-state', 'executed', { timeout: 30_000 });
  await expect(page.getByTestId('request-state')).toContainText(`Executed in entry ${height}.`);

  await page.getByRole('button', { name: 'Dashboard', exact: true }).click();
  await expect(page.getByTestId('ledger-height')).toHaveText(String(height + 1), { timeout: 30_000 });
  await expect(vault("Bob's vault")).toContainText('11,512.5 CONX');
  await expect(vault("Alice's vault")).toContainText('4,237.5 CONX');
  await page.screenshot({ path: testInfo.outputPath('after-transfer.png'), fullPage: true });
});
