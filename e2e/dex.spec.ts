/**
 * The C3 DEX in the Demo Commons, on emulated devices (SPEC §10): Dee lists bike repair at 20 CONX
 * an hour and offers 5 hours; Farah's bid at 25 CONX is refused in words with the band (19 to 21
 * CONX) before any device is asked; her bid of 2 hours at 20.5 fills at Dee's 20 CONX, the rest of
 * her escrow back; the fill, the book and the depth chart with its band show it; Dee cancels what
 * is left of her offer. Every action is composed on the DEX page, pre-flighted, signed on the
 * devices and sequenced by the demo's stewards. It runs on a server of its own (own-app.ts): it
 * moves the Demo Commons on.
 */
import { expect, test, type Page } from '@playwright/test';
import { plugIn, signAndSubmit } from './support/devices';
import { type OwnApp, startOwnApp } from './support/own-app';

let app: OwnApp;
test.beforeAll(async () => {
  app = await startOwnApp();
});
test.afterAll(async () => {
  await app?.stop();
});

const chooseVault = (page: Page, name: string) => page.getByLabel('Your vault').selectOption({ label: name });

test('two members trade a service listing; an order outside the band is refused in words', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await page.goto(app.url);
  await expect(page.getByTestId('vault').filter({ hasText: "Farah's vault" })).toContainText('10,000 CONX', { timeout: 60_000 });
  const trezor = await plugIn(page, 'trezor');
  // Every signer here holds a Trezor: the shared helper picks the Trezor for labels that say so.
  const onTrezor = { ledger: trezor, trezor };
  await page.getByRole('button', { name: 'DEX', exact: true }).click();

  // Dee lists bike repair at 20 CONX an hour: that price is the listing's reference.
  await chooseVault(page, "Dee's vault (1-of-1)");
  await page.getByLabel('Listing id').fill('bike-repair');
  await page.getByLabel('Service title').fill('Bike repair');
  await page.getByLabel('Service unit').fill('hour');
  await page.getByLabel('Listing price').fill('20');
  await page.getByRole('button', { name: 'List the service' }).click();
  await signAndSubmit(page, onTrezor, ['Dee · Trezor'], /^List the service “Bike repair” as bike-repair, at 20 CONX per hour: .* within ±5 % of it; listed by Dee's vault/);
  const listing = page.getByTestId('listing').filter({ hasText: 'bike-repair' });
  await expect(listing).toContainText('19 CONX – 21 CONX');

  // Dee offers 5 hours at 20 CONX.
  await expect(page.getByTestId('order-band')).toContainText('between 19 CONX and 21 CONX per hour');
  await page.getByLabel('Order price').fill('20');
  await page.getByLabel('Order units').fill('5');
  await page.getByRole('button', { name: 'Place the offer' }).click();
  await signAndSubmit(page, onTrezor, ['Dee · Trezor'], /^Sell 5 × hour of listing bike-repair \(“Bike repair”, by Dee, 20 CONX per hour\) at 20 CONX each or more/);
  await expect(page.getByTestId('book-ask')).toContainText('20 CONX');

  // Farah bids 25 CONX: outside the band, refused in words before any device is asked.
  await chooseVault(page, "Farah's vault (1-of-1)");
  await page.getByLabel('Order price').fill('25');
  await page.getByLabel('Order units').fill('2');
  await page.getByRole('button', { name: 'Place the bid' }).click();
  await expect(page.getByTestId('preflight-refusal')).toHaveAttribute('data-rule', 'OutsideBand');
  await expect(page.getByTestId('preflight-rule')).toHaveText(
    'A price of 25 CONX per unit is outside the band of ±5 % around the reference price of 20 CONX on bike-repair: orders must lie between 19 CONX and 21 CONX (SPEC §10: orders outside the band are refused, not queued).',
  );
  await expect(page.getByTestId('signer-row')).toHaveCount(0);
  await shot('dex-outside-band-refused');

  // Farah bids 20.5 CONX for 2 hours: it fills at Dee's 20 CONX.
  await page.getByLabel('Order price').fill('20.5');
  await page.getByRole('button', { name: 'Place the bid' }).click();
  await signAndSubmit(page, onTrezor, ['Farah · Trezor'], /^Buy 2 × hour of listing bike-repair .* at up to 20\.5 CONX each \(order bike-repair-buy-2\): 41 CONX move from Farah's vault/);
  const fill = page.getByTestId('fill').first();
  await expect(fill).toContainText("Farah's vault");
  await expect(fill).toContainText("Dee's vault");
  await expect(fill.getByTestId('fill-value')).toHaveText('40 CONX');
  await expect(listing.getByTestId('listing-last')).toHaveText('20 CONX');
  await expect(page.getByTestId('book-ask')).toContainText('3');
  await expect(page.getByTestId('my-order').filter({ hasText: 'bike-repair-buy-2' })).toHaveAttribute('data-state', 'filled');
  await expect(page.getByTestId('depth-chart')).toHaveAttribute('data-low', '19000000');
  await expect(page.getByTestId('depth-asks')).toBeVisible();
  await shot('dex-traded');

  // Dee cancels the 3 hours left of her offer.
  await chooseVault(page, "Dee's vault (1-of-1)");
  const offer = page.getByTestId('my-order').filter({ hasText: 'bike-repair-sell-1' });
  await expect(offer.getByTestId('order-filled')).toHaveText('2');
  await offer.getByRole('button', { name: 'Cancel bike-repair-sell-1' }).click();
  await signAndSubmit(page, onTrezor, ['Dee · Trezor'], /^Cancel order bike-repair-sell-1 \(sell 5 × hour of listing bike-repair .*, 2 already filled\)/);
  await expect(offer).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByTestId('book-ask')).toHaveCount(0);
  await shot('dex-after-cancel');

  // The dashboard: Farah paid 40 CONX, not the 41 she escrowed.
  await page.getByRole('button', { name: 'Dashboard', exact: true }).click();
  await expect(page.getByTestId('vault').filter({ hasText: "Farah's vault" })).toContainText('9,960 CONX');
});
