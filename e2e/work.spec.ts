/**
 * A staked offer from request to repayment, in the Demo Commons, on emulated devices (SPEC §5,
 * §6): the stewards open a quest with its verifiers, Dee posts an offer, the verifiers accept it,
 * Dee asks for stakes, Farah stakes (after the ledger refused a stake above what was asked, in
 * words with its numbers, before any device was asked), Dee submits the work, the verifiers
 * complete it: Farah is repaid first and sees her PMT credited. Every action is composed on the
 * staking page or the Impact board, pre-flighted, signed on the devices and sequenced by the
 * demo's stewards. It runs on a server of its own (own-app.ts): it moves the Demo Commons on.
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


const go = (page: Page, label: 'Staking' | 'Impact') => goTo(page, label);

const chooseVault = (page: Page, name: string) => page.getByLabel('Your vault').selectOption({ label: name });

test('a staked offer from request to repayment: the staker is repaid first and sees PMT credited', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await page.goto(app.url);
  await expect(page.getByTestId('vault').filter({ hasText: "Farah's vault" })).toContainText('10,000 CONX', { timeout: 60_000 });
  const devices = { ledger: await plugIn(page, 'ledger'), trezor: await plugIn(page, 'trezor') };

  // The stewards open a quest of 3,000 CONX from the treasury, decided by two verifiers.
  await go(page, 'Impact');
  await expect(page.getByTestId('quest-quorum')).toContainText('any 2 of Commons treasury’s 3 signers');
  await page.getByLabel('Quest id').fill('solar-roofs');
  await page.getByLabel('Quest title').fill('Solar roofs for the co-op');
  await page.getByLabel('Sponsor faction').selectOption('Guild');
  await page.getByLabel('Co-sponsor Union').check();
  await page.getByLabel('Quest budget').fill('3000');
  await page.getByLabel('Verifiers’ name').fill('Solar verifiers');
  await page.getByLabel('Verifier Steward Fatima').check();
  await page.getByLabel('Verifier Steward Emeka').check();
  await page.getByLabel('Verifiers’ threshold').fill('2');
  await page.getByRole('button', { name: 'Open the quest' }).click();
  await signAndSubmit(page, devices, ['Steward Dana', 'Steward Emeka'], /^Open quest solar-roofs \(“Solar roofs for the co-op”\), sponsored by the Guild, co-sponsored by the Union, escrowing a budget of 3,000 CONX/);
  await expect(page.getByTestId('quest').filter({ hasText: 'solar-roofs' })).toContainText('3,000 CONX');

  // Dee posts an offer of 1,000 CONX, 100 PPT and 10 of her faction's role token.
  await chooseVault(page, "Dee's vault (1-of-1)");
  await page.getByLabel('Offer id').fill('roof-12');
  await page.getByLabel('Deliverable').fill('Panels on roof 12, wired and metered');
  await page.getByLabel('Reward CONX').fill('1000');
  await page.getByLabel('Reward PPT').fill('100');
  await page.getByLabel('Reward role token').fill('10');
  await page.getByRole('button', { name: 'Post the offer' }).click();
  await signAndSubmit(page, devices, ['Dee · Trezor'], /^Post offer roof-12 in quest solar-roofs/);
  await expect(page.getByTestId('offer').filter({ hasText: 'roof-12' }).getByTestId('offer-state')).toHaveAttribute('data-state', 'open');

  // The verifiers accept it: its reward is reserved in the quest.
  const queued = page.getByTestId('queued-offer').filter({ hasText: 'roof-12' });
  await expect(page.getByTestId('verifier-quorum')).toContainText('all 2 of Solar verifiers’ signers');
  await queued.getByRole('button', { name: 'Accept roof-12' }).click();
  await signAndSubmit(page, devices, ['Steward Fatima', 'Steward Emeka'], /^Accept offer roof-12/);
  await expect(page.getByTestId('offer').filter({ hasText: 'roof-12' }).getByTestId('offer-state')).toHaveAttribute('data-state', 'accepted');
  await shot('impact-accepted');

  // Dee asks for 400 CONX of stakes on it.
  await go(page, 'Staking');
  await chooseVault(page, "Dee's vault (1-of-1)");
  await expect(page.getByTestId('request-quorum')).toContainText('Dee’s own key (the action speaks for her or him)');
  await page.getByLabel('Amount asked').fill('400');
  await page.getByRole('button', { name: 'Ask for stakes' }).click();
  await signAndSubmit(page, devices, ['Dee · Trezor'], /^Ask for stakes of 400 CONX on offer roof-12/);
  const request = page.getByTestId('stake-request').filter({ hasText: 'roof-12/1' });
  await expect(request.getByTestId('asked')).toHaveText('400 CONX');

  // Farah stakes: more than asked is refused before any device is asked, with the rule's numbers.
  await chooseVault(page, "Farah's vault (1-of-1)");
  await request.getByLabel('Stake on roof-12/1').fill('500');
  await expect(request.getByTestId('expected-pmt')).toContainText('Expected: 500 PMT credited');
  await request.getByRole('button', { name: 'Stake on roof-12/1' }).click();
  await expect(request.getByTestId('preflight-refusal')).toHaveAttribute('data-rule', 'StakeAboveRequest');
  await expect(request.getByTestId('preflight-rule')).toContainText('500');
  await expect(request.getByTestId('preflight-rule')).toContainText('400');
  await expect(page.getByTestId('signer-row')).toHaveCount(0);
  await shot('stake-refused');
  await request.getByLabel('Stake on roof-12/1').fill('400');
  await request.getByRole('button', { name: 'Stake on roof-12/1' }).click();
  await signAndSubmit(page, devices, ['Farah · Trezor'], /^Stake 400 CONX from Farah's vault/);
  // Fully staked: released to Dee at once as working capital.
  await expect(page.getByTestId('my-stake').filter({ hasText: 'roof-12/1' })).toHaveAttribute('data-state', 'released');
  await expect(page.getByTestId('pmt-credited')).toHaveText('0 PMT');

  // Dee submits the work; the verifiers complete it.
  await go(page, 'Impact');
  await chooseVault(page, "Dee's vault (1-of-1)");
  await page.getByTestId('my-offer').filter({ hasText: 'roof-12' }).getByRole('button', { name: 'Submit the work of roof-12' }).click();
  await signAndSubmit(page, devices, ['Dee · Trezor'], /^Submit the work of offer roof-12/);
  await queued.getByRole('button', { name: 'Complete roof-12' }).click();
  await signAndSubmit(page, devices, ['Steward Fatima', 'Steward Emeka'], /^Mark offer roof-12 .* completed: its reward of 1,000 CONX repays its stakers first \(400 CONX outstanding\)/);
  await expect(page.getByTestId('offer').filter({ hasText: 'roof-12' }).getByTestId('offer-state')).toHaveAttribute('data-state', 'completed');
  await expect(page.getByTestId('quest').filter({ hasText: 'solar-roofs' }).getByTestId('quest-paid')).toHaveText('1,000 CONX');
  await chooseVault(page, "Dee's vault (1-of-1)");
  await expect(page.getByTestId('my-offer').filter({ hasText: 'roof-12' }).getByTestId('completion-credential')).toBeVisible();
  await shot('impact-completed');

  // Farah was repaid first, in full, and her PMT is credited: min(400, cap 1,000) = 400 PMT.
  await go(page, 'Staking');
  await chooseVault(page, "Farah's vault (1-of-1)");
  const stake = page.getByTestId('my-stake').filter({ hasText: 'roof-12/1' });
  await expect(stake).toHaveAttribute('data-state', 'repaid');
  await expect(page.getByTestId('stakes-repaid')).toHaveText('400 CONX');
  await expect(page.getByTestId('pmt-credited')).toHaveText('400 PMT');
  await expect(stake.getByTestId('stake-pmt-minted')).toHaveText('400 PMT');
  await shot('staking-repaid');

  // The dashboard shows the balances: Farah's CONX back, her PMT grown by 400; Dee paid the rest of the reward.
  await page.getByRole('button', { name: 'Dashboard', exact: true }).click();
  const farah = page.getByTestId('vault').filter({ hasText: "Farah's vault" });
  await expect(farah).toContainText('10,000 CONX');
  await expect(farah).toContainText('650 PMT');
  await expect(page.getByTestId('vault').filter({ hasText: "Dee's vault" })).toContainText('2,400 CONX');
  await shot('dashboard-after');
});
