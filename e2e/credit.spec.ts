/**
 * A VELOC credit line end to end in the Demo Commons (SPEC §4): the stewards attest the ETH price
 * on an emulated Ledger and Trezor; Alice locks COMM and pledges ETH, co-signing each on her two
 * emulated devices; a draw above her capacity is refused in words, with the numbers, before any
 * device is asked; she draws; the stewards attest a lower price and she watches her health fall,
 * on the gauge, over time and in the what-if; she repays. The spec runs its own server with a
 * data folder of its own, so the other specs keep the built-in demo's figures.
 */
import { expect, test, type Page } from '@playwright/test';
import { type OwnApp, startOwnApp } from './support/own-app';
import { plugIn, signerRow } from './support/devices';

test.describe.configure({ mode: 'serial' });

let app: OwnApp;
test.beforeAll(async () => {
  app = await startOwnApp();
});
test.afterAll(async () => {
  await app?.stop();
});

/** Signs the open request as each (label, device), submits it to the demo's stewards and waits until this app verified it. */
async function signAndSubmit(page: Page, signers: readonly (readonly [string, string])[]) {
  const messageHash = (await page.getByTestId('message-hash').textContent()) ?? '';
  for (const [label, device] of signers) {
    const row = signerRow(page, label);
    await row.getByLabel(`Device for ${label}`).selectOption(device);
    await row.getByRole('button', { name: `Sign as ${label}` }).click();
    await expect(row.getByTestId('signing-prompt')).toBeVisible({ timeout: 15_000 });
    // Approve only once the device shows this very request (not a prompt a step before it).
    await expect(row.getByRole('status', { name: 'The device shows' })).toContainText(new RegExp(messageHash, 'i'), { timeout: 15_000 });
    await row.getByRole('button', { name: /^Approve on/ }).click();
    await expect(row.getByTestId('signature-verified')).toContainText(`signed by ${label}`);
  }
  await page.getByRole('button', { name: 'Submit to the stewards' }).click();
  await expect(page.getByTestId('sequenced')).toBeVisible();
  await expect(page.getByTestId('request-state')).toHaveAttribute('data-state', 'executed', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Close' }).click();
}

async function creditAction(page: Page, action: string, amount: string, asset?: string) {
  await page.getByLabel('Credit action').selectOption({ label: action });
  if (asset) await page.getByLabel('Asset', { exact: true }).selectOption(asset);
  await page.getByLabel('Credit amount').fill(amount);
  await page.getByRole('button', { name: 'Create signing request' }).click();
}

async function attestPrice(page: Page, asset: string, price: string, devices: { ledger: string; trezor: string }) {
  await page.getByLabel('Price asset').selectOption(asset);
  await page.getByLabel('Price in CONX').fill(price);
  await page.getByRole('button', { name: 'Create the attestation request' }).click();
  await expect(page.getByTestId('action-words')).toContainText(`${asset}`);
  await signAndSubmit(page, [
    ['Steward Dana', devices.ledger],
    ['Steward Emeka', devices.trezor],
  ]);
}

test('a member locks COMM, draws, watches health after a price attestation, and repays', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await page.goto(app.url);
  await expect(page.getByTestId('vault').filter({ hasText: "Alice's vault" })).toBeVisible({ timeout: 30_000 });
  const devices = { ledger: await plugIn(page, 'ledger'), trezor: await plugIn(page, 'trezor') };
  const alice = [
    ['Alice · Ledger', devices.ledger],
    ['Alice · Trezor', devices.trezor],
  ] as const;

  await page.getByRole('button', { name: 'Credit', exact: true }).click();
  await page.getByLabel('Credit vault').selectOption({ label: "Alice's vault (2-of-2)" });
  await expect(page.getByTestId('credit-quorum')).toContainText("any 2 of its 2 signers: Alice · Ledger, Alice · Trezor");
  await expect(page.getByTestId('attest-quorum')).toContainText('any 2 of its 3 signers: Steward Dana, Steward Emeka, Steward Fatima');
  await expect(page.getByTestId('health-figure')).toHaveText('no debt');

  // The stewards attest ETH at 3,000 CONX: the first price takes effect at once.
  await page.getByLabel('Price asset').selectOption('ETH');
  await page.getByLabel('Price in CONX').fill('3000');
  await expect(page.getByTestId('attest-rule')).toContainText('the first attestation takes effect at once');
  await attestPrice(page, 'ETH', '3000', devices);
  await expect(page.locator('[data-testid="price-row"][data-asset="ETH"]').getByTestId('price-current')).toHaveText('3,000 CONX');

  // Alice locks 1,000 COMM and pledges 1 ETH: capacity 1,000 (COMM at 100 %) + 1,200 (ETH at 40 %).
  await creditAction(page, 'Lock COMM', '1000');
  await expect(page.getByTestId('action-words')).toContainText('1,000 COMM');
  await signAndSubmit(page, alice);
  await creditAction(page, 'Pledge ADA, BTC or ETH', '1', 'ETH');
  await signAndSubmit(page, alice);
  await expect(page.getByTestId('credit-capacity')).toHaveText('2,200 CONX');
  await expect(page.locator('[data-testid="collateral-row"][data-asset="ETH"]').getByTestId('asset-capacity')).toHaveText('1,200 CONX');

  // A draw above capacity: refused in words with the numbers, before any device is asked.
  await creditAction(page, 'Draw CONX', '60000');
  await expect(page.getByTestId('preflight-refusal')).toContainText('The ledger would refuse this action, so no device is asked to sign it.');
  await expect(page.getByTestId('preflight-rule')).toHaveText('This draw of 60,000 CONX exceeds your capacity of 2,200 CONX.');
  await expect(page.getByTestId('preflight-refusal')).toHaveAttribute('data-rule', 'CapacityExceeded');
  await expect(page.getByTestId('signer-row')).toHaveCount(0);
  await expect(page.getByTestId('signing-prompt')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('draw-above-capacity-refused.png'), fullPage: true });

  // She draws 2,000 CONX: health = (1,000 × 100 % + 3,000 × 70 %) ÷ 2,000 = 1.55.
  await creditAction(page, 'Draw CONX', '2000');
  await expect(page.getByTestId('action-words')).toContainText('2,000 CONX');
  await signAndSubmit(page, alice);
  await expect(page.getByTestId('credit-debt')).toHaveText('2,000 CONX');
  await expect(page.getByTestId('health-figure')).toHaveText('1.55');
  await expect(page.getByTestId('health-gauge')).toHaveAttribute('data-tone', 'ok');
  await page.screenshot({ path: testInfo.outputPath('after-draw.png'), fullPage: true });
  const pointsBefore = Number(await page.getByTestId('health-chart').getAttribute('data-points'));

  // The stewards attest ETH at 2,400 CONX (−20 %, within the 30 % jump rule): her health falls.
  await attestPrice(page, 'ETH', '2400', devices);
  await expect(page.getByTestId('health-figure')).toHaveText('1.33');
  await expect(page.getByTestId('health-chart')).not.toHaveAttribute('data-points', String(pointsBefore));
  await expect(page.getByTestId('credit-history-row').first()).toContainText('a price');
  await expect(page.locator('[data-testid="what-if-row"][data-drop="50"]')).toContainText('liquidatable at once, in full');
  await page.getByLabel('Price fall').fill('9000');
  await expect(page.getByTestId('what-if-drop')).toHaveText('90 %');
  await page.screenshot({ path: testInfo.outputPath('after-price-fall.png'), fullPage: true });

  // She repays 500 CONX, fees first.
  await creditAction(page, 'Repay', '500');
  await signAndSubmit(page, alice);
  await expect(page.getByTestId('credit-debt')).toContainText('1,500.00');
  await page.screenshot({ path: testInfo.outputPath('after-repay.png'), fullPage: true });
});
