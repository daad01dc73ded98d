/**
 * A patronage period closed in the Demo Commons, on emulated devices (SPEC §9): Alice draws on her
 * credit line and repays it six entries later, paying fees (Commons revenue, and patronage points);
 * meanwhile Dee completes an Impact Offer (patronage points); the stewards close the period on the
 * patronage page, which previews each member's refund by the close's own rules; then Alice's and
 * Dee's statements show their refunds, pro rata to their points, and Dee claims hers into her vault.
 * Every action goes through the signing-request flow and is sequenced by the demo's stewards. It
 * runs on a server of its own (own-app.ts): it moves the Demo Commons on.
 */
import { expect, test, type Page } from '@playwright/test';
import { plugIn, signAndSubmit } from './support/devices';
import { type OwnApp, startOwnApp } from './support/own-app';
import { goTo } from './support/navigation';

let app: OwnApp;
test.beforeAll(async () => {
  app = await startOwnApp();
});
test.afterAll(async () => {
  await app?.stop();
});


const go = (page: Page, label: 'Credit' | 'Impact' | 'Patronage') => goTo(page, label);

async function creditAction(page: Page, action: string, amount: string) {
  await page.getByLabel('Credit action').selectOption({ label: action });
  await page.getByLabel('Credit amount').fill(amount);
  await page.getByRole('button', { name: 'Create signing request' }).click();
}

const ALICE = ['Alice · Ledger', 'Alice · Trezor'];
const STEWARDS = ['Steward Dana', 'Steward Emeka'];
const VERIFIERS = ['Steward Fatima', 'Steward Emeka'];

/** "0.976535 CONX" → minor units. */
const minor = (text: string): bigint => {
  const [whole, fraction = ''] = text.replace(/ CONX$/, '').replace(/,/g, '').split('.');
  return BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
};

test('a period close: refunds pro rata to patronage, shown on two members’ statements', async ({ page }, testInfo) => {
  test.setTimeout(420_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await page.goto(app.url);
  await expect(page.getByTestId('vault').filter({ hasText: "Dee's vault" })).toBeVisible({ timeout: 60_000 });
  const devices = { ledger: await plugIn(page, 'ledger'), trezor: await plugIn(page, 'trezor') };

  // Alice locks 80,000 COMM and draws 80,000 CONX: fees accrue as the stewards seal entries (an hour apart).
  await go(page, 'Credit');
  await page.getByLabel('Credit vault').selectOption({ label: "Alice's vault (2-of-2)" });
  await creditAction(page, 'Lock COMM', '80000');
  await signAndSubmit(page, devices, ALICE, /^Lock 80,000 COMM/);
  await creditAction(page, 'Draw CONX', '80000');
  await signAndSubmit(page, devices, ALICE, /^Draw 80,000 CONX/);

  // Meanwhile Dee completes an offer in a quest the stewards open: 100 patronage points.
  await go(page, 'Impact');
  await page.getByLabel('Quest id').fill('co-op-garden');
  await page.getByLabel('Quest title').fill('A garden for the co-op');
  await page.getByLabel('Sponsor faction').selectOption('Guild');
  await page.getByLabel('Quest budget').fill('1000');
  await page.getByLabel('Verifiers’ name').fill('Garden verifiers');
  await page.getByLabel('Verifier Steward Fatima').check();
  await page.getByLabel('Verifier Steward Emeka').check();
  await page.getByLabel('Verifiers’ threshold').fill('2');
  await page.getByRole('button', { name: 'Open the quest' }).click();
  await signAndSubmit(page, devices, STEWARDS, /^Open quest co-op-garden/);
  await page.getByLabel('Your vault').selectOption({ label: "Dee's vault (1-of-1)" });
  await page.getByLabel('Offer id').fill('beds-1');
  await page.getByLabel('Deliverable').fill('Six raised beds, planted');
  await page.getByLabel('Reward CONX').fill('500');
  await page.getByLabel('Reward PPT').fill('50');
  await page.getByLabel('Reward role token').fill('5');
  await page.getByRole('button', { name: 'Post the offer' }).click();
  await signAndSubmit(page, devices, ['Dee · Trezor'], /^Post offer beds-1 in quest co-op-garden/);
  const queued = page.getByTestId('queued-offer').filter({ hasText: 'beds-1' });
  await queued.getByRole('button', { name: 'Accept beds-1' }).click();
  await signAndSubmit(page, devices, VERIFIERS, /^Accept offer beds-1/);
  await page.getByLabel('Your vault').selectOption({ label: "Dee's vault (1-of-1)" });
  await page.getByTestId('my-offer').filter({ hasText: 'beds-1' }).getByRole('button', { name: 'Submit the work of beds-1' }).click();
  await signAndSubmit(page, devices, ['Dee · Trezor'], /^Submit the work of offer beds-1/);
  await queued.getByRole('button', { name: 'Complete beds-1' }).click();
  await signAndSubmit(page, devices, VERIFIERS, /^Mark offer beds-1 .* completed/);
  await expect(page.getByTestId('offer').filter({ hasText: 'beds-1' }).getByTestId('offer-state')).toHaveAttribute('data-state', 'completed');

  // Six hours of fees on 80,000 CONX (about 1.1 CONX): Alice repays 2 CONX, fees first — revenue for the Commons, a point for her.
  await go(page, 'Credit');
  await page.getByLabel('Credit vault').selectOption({ label: "Alice's vault (2-of-2)" });
  await creditAction(page, 'Repay', '2');
  await signAndSubmit(page, devices, ALICE, /^Repay 2 CONX/);

  // The patronage page: the open period's revenue and points, and the close previewed by its own rules.
  await go(page, 'Patronage');
  await page.getByLabel('Your vault').selectOption({ label: "Dee's vault (1-of-1)" });
  await expect(page.getByTestId('my-points')).toHaveText('100');
  await expect(page.locator('[data-testid="use-row"][data-use="offersCompleted"]')).toContainText('100');
  await page.getByLabel('Your vault').selectOption({ label: "Alice's vault (2-of-2)" });
  await expect(page.getByTestId('my-points')).toHaveText('1');
  const revenue = minor((await page.getByTestId('period-revenue').textContent()) ?? '');
  expect(revenue > 1_000_000n && revenue < 2_000_000n).toBe(true);
  await page.getByLabel('Close note').fill('First period');
  const preview = page.getByTestId('close-preview-surplus');
  await expect(preview).toContainText('Alice');
  await expect(preview).toContainText('Dee');
  const previewText = (await preview.textContent()) ?? '';
  const aliceRefund = /Alice ([0-9.,]+ CONX)/.exec(previewText)![1]!;
  const deeRefund = /Dee ([0-9.,]+ CONX)/.exec(previewText)![1]!;
  // Pro rata to points, 1 : 100, rounded down.
  expect(minor(deeRefund) / 100n - minor(aliceRefund) <= 1n && minor(aliceRefund) > 0n).toBe(true);
  await shot('close-preview');

  // The stewards close period 1 on their devices.
  await page.getByRole('button', { name: 'Create the close request' }).click();
  await signAndSubmit(page, devices, STEWARDS, /^Close patronage period 1 \(“First period”\): revenue recorded .* a surplus of .* is refunded in CONX to 2 members in proportion to their patronage points/);

  // Alice's statement for period 1: her refund as previewed, her use, the Commons' revenue and reserves; the chart has its bar.
  await expect(page.getByLabel('Statement period')).toHaveValue('1');
  await expect(page.getByTestId('my-refund')).toHaveText(aliceRefund);
  await expect(page.getByTestId('my-bill')).toHaveText('0 CONX');
  await expect(page.locator('[data-testid="use-row"][data-use="feesPaid"]')).toContainText('1');
  expect(minor((await page.getByTestId('period-revenue').textContent()) ?? '')).toBe(revenue);
  await expect(page.getByTestId('patronage-chart')).toHaveAttribute('data-bars', '1');
  await expect(page.getByTestId('account-owed')).toHaveText(aliceRefund);
  await expect(page.getByTestId('tier-now')).toContainText('No tier yet. Bronze after 2 closed periods with patronage (1 so far)');
  await shot('statement-alice');

  // Dee's statement: her refund, a hundred times Alice's share.
  await page.getByLabel('Your vault').selectOption({ label: "Dee's vault (1-of-1)" });
  await expect(page.getByTestId('statement-of')).toContainText('Dee');
  await expect(page.getByTestId('my-refund')).toHaveText(deeRefund);
  await expect(page.getByTestId('my-points')).toHaveText('100');
  await expect(page.getByTestId('account-owed')).toHaveText(deeRefund);
  await shot('statement-dee');

  // Dee claims her refund into her vault; nothing more is owed.
  await page.getByLabel('Account action').selectOption('patronage.claimRefund');
  await page.getByRole('button', { name: 'All of it' }).click();
  await page.getByRole('button', { name: 'Create the claim request' }).click();
  await signAndSubmit(page, devices, ['Dee · Trezor'], /^Claim .* CONX of the patronage refunds the Commons owes Dee/);
  await expect(page.getByTestId('account-owed')).toHaveText('0 CONX');
  await shot('statement-dee-claimed');
});
