/**
 * A dispute on a staked offer through mediation to loss sharing, in the Demo Commons, on emulated
 * devices (SPEC §8): the stewards open a quest, Alice's offer is accepted and staked 3,000 CONX by
 * Farah, Alice spends the working capital, the verifiers fail the offer; Farah opens a dispute on
 * the dispute page; the panel — drawn from the Guild, the one faction not party to it — proposes a
 * shared loss with the loss order previewed; both parties accept; loss sharing needs the community
 * vote, where three members not party to it vote for; the parties accept the ruling (waiving the
 * appeal) and the loss order runs: Alice's vault, the loss reserve, then half of what remains into
 * Commons loss sharing. Every action is composed on a page, pre-flighted, signed on the devices
 * and sequenced by the demo's stewards. It runs on a server of its own (own-app.ts).
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


const go = (page: Page, label: 'Staking' | 'Impact' | 'Disputes' | 'Co-sign' | 'Dashboard') => goTo(page, label);
const chooseVault = (page: Page, name: string) => page.getByLabel('Your vault').selectOption({ label: name });

const ALICE = ['Alice · Ledger', 'Alice · Trezor'];

test('a dispute on a staked offer, through mediation and the community vote, to Commons loss sharing', async ({ page }, testInfo) => {
  test.setTimeout(1_500_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await page.goto(app.url);
  await expect(page.getByTestId('vault').filter({ hasText: "Farah's vault" })).toContainText('10,000 CONX', { timeout: 60_000 });
  const devices = { ledger: await plugIn(page, 'ledger'), trezor: await plugIn(page, 'trezor') };

  // The stewards open a quest of 3,000 CONX; Alice's offer is accepted by its verifiers.
  await go(page, 'Impact');
  await page.getByLabel('Quest id').fill('garden-site');
  await page.getByLabel('Quest title').fill('A site for the garden co-op');
  await page.getByLabel('Sponsor faction').selectOption('Union');
  await page.getByLabel('Quest budget').fill('3000');
  await page.getByLabel('Verifiers’ name').fill('Site verifiers');
  await page.getByLabel('Verifier Steward Fatima').check();
  await page.getByLabel('Verifier Steward Emeka').check();
  await page.getByLabel('Verifiers’ threshold').fill('2');
  await page.getByRole('button', { name: 'Open the quest' }).click();
  await signAndSubmit(page, devices, ['Steward Dana', 'Steward Emeka'], /^Open quest garden-site/);
  await chooseVault(page, "Alice's vault (2-of-2)");
  await page.getByLabel('Offer id').fill('site-1');
  await page.getByLabel('Deliverable').fill('The co-op’s web site, live');
  await page.getByLabel('Reward CONX').fill('3000');
  await page.getByLabel('Reward PPT').fill('10');
  await page.getByLabel('Reward role token').fill('1');
  await page.getByRole('button', { name: 'Post the offer' }).click();
  await signAndSubmit(page, devices, ALICE, /^Post offer site-1 in quest garden-site/);
  await page.getByTestId('queued-offer').filter({ hasText: 'site-1' }).getByRole('button', { name: 'Accept site-1' }).click();
  await signAndSubmit(page, devices, ['Steward Fatima', 'Steward Emeka'], /^Accept offer site-1/);

  // Alice asks for 3,000 CONX of stakes; Farah stakes them: released to Alice as working capital.
  await go(page, 'Staking');
  await chooseVault(page, "Alice's vault (2-of-2)");
  await page.getByLabel('Amount asked').fill('3000');
  await page.getByRole('button', { name: 'Ask for stakes' }).click();
  await signAndSubmit(page, devices, ALICE, /^Ask for stakes of 3,000 CONX on offer site-1/);
  await chooseVault(page, "Farah's vault (1-of-1)");
  const request = page.getByTestId('stake-request').filter({ hasText: 'site-1/1' });
  await request.getByLabel('Stake on site-1/1').fill('3000');
  await request.getByRole('button', { name: 'Stake on site-1/1' }).click();
  await signAndSubmit(page, devices, ['Farah · Trezor'], /^Stake 3,000 CONX from Farah's vault/);
  await expect(page.getByTestId('my-stake').filter({ hasText: 'site-1/1' })).toHaveAttribute('data-state', 'released');

  // Alice spends the working capital (7,000 CONX to Eun-ji, her designer) and submits; the verifiers find no site and fail the offer.
  await go(page, 'Co-sign');
  await page.getByLabel('From vault').selectOption({ label: "Alice's vault (2-of-2)" });
  await page.getByLabel('To vault').selectOption({ label: "Eun-ji's vault" });
  await page.getByLabel('Amount').fill('7000');
  await page.getByRole('button', { name: 'Create signing request' }).click();
  await signAndSubmit(page, devices, ALICE, /^Send 7,000 CONX from Alice's vault/);
  await go(page, 'Impact');
  await chooseVault(page, "Alice's vault (2-of-2)");
  await page.getByTestId('my-offer').filter({ hasText: 'site-1' }).getByRole('button', { name: 'Submit the work of site-1' }).click();
  await signAndSubmit(page, devices, ALICE, /^Submit the work of offer site-1/);
  const queued = page.getByTestId('queued-offer').filter({ hasText: 'site-1' });
  await queued.getByLabel('Why site-1 fails').fill('No site after the agreed month');
  await queued.getByRole('button', { name: 'Fail site-1' }).click();
  await signAndSubmit(page, devices, ['Steward Fatima', 'Steward Emeka'], /^Mark offer site-1 .* failed/);

  // Farah opens a dispute on the offer from the dispute page.
  await go(page, 'Disputes');
  await chooseVault(page, "Farah's vault (1-of-1)");
  await expect(page.getByLabel('Dispute subject')).toContainText('Offer site-1');
  await page.getByLabel('Dispute id').fill('site-1-stake');
  await page.getByLabel('Claim', { exact: true }).fill('The site was never built; my 3,000 CONX stake is lost.');
  await page.getByLabel('Amount claimed').fill('3000');
  await page.getByRole('button', { name: 'Open the dispute' }).click();
  await signAndSubmit(page, devices, ['Farah · Trezor'], /^Open dispute site-1-stake on offer site-1 .*claiming 3,000 CONX/);
  await expect(page.getByTestId('dispute-stage')).toHaveAttribute('data-stage', 'mediation');
  // The panel: the Guild's three members, the only faction not party to it (Alice is Union, Farah Syndicate).
  await expect(page.getByTestId('panelist')).toHaveCount(3);
  for (const name of ['Chidi', 'Dee', 'Eun-ji']) await expect(page.getByTestId('dispute-panel')).toContainText(name);
  await expect(page.getByTestId('dispute-deadline')).toContainText('deadline');
  await shot('dispute-opened');

  // A panelist drafts a shared loss; the page previews the loss order; two of the three sign as the panel.
  await chooseVault(page, "Chidi's vault (1-of-1)");
  await expect(page.getByTestId('dispute-actions')).toHaveAttribute('data-role', 'panelist');
  await page.getByLabel('Resolution kind').selectOption('sharedLoss');
  await page.getByLabel('Loss', { exact: true }).fill('3000');
  await page.getByLabel('Shared percent').fill('50');
  await page.getByLabel('Resolution note').fill('Alice pays what she holds; half of the rest is shared by the Commons.');
  await expect(page.getByTestId('loss-order-preview')).toContainText('250 CONX from the defaulter’s vault');
  await expect(page.getByTestId('loss-order-preview')).toContainText('1,375 CONX into Commons loss sharing');
  await shot('dispute-proposal-preview');
  await page.getByRole('button', { name: 'Propose the resolution' }).click();
  await signAndSubmit(page, devices, ['Chidi · Ledger', 'Dee · Trezor'], /^Propose for dispute site-1-stake .*a shared loss of 3,000 CONX/);
  await expect(page.getByTestId('dispute-resolution')).toHaveAttribute('data-kind', 'sharedLoss');

  // Both parties accept; moving loss into Commons loss sharing still needs the community vote.
  await chooseVault(page, "Alice's vault (2-of-2)");
  await page.getByRole('button', { name: 'Accept the resolution' }).click();
  await signAndSubmit(page, devices, ALICE, /^Accept the resolution of dispute site-1-stake/);
  await chooseVault(page, "Farah's vault (1-of-1)");
  await page.getByRole('button', { name: 'Accept the resolution' }).click();
  await signAndSubmit(page, devices, ['Farah · Trezor'], /^Accept the resolution of dispute site-1-stake/);
  await expect(page.getByTestId('dispute-stage')).toHaveAttribute('data-stage', 'vote');
  // A party does not vote.
  await expect(page.getByTestId('dispute-actions')).toContainText('A party does not vote');

  // Three of the four members not party to it vote for: the outcome is settled, the vote closes.
  for (const [vault, signers] of [["Chidi's vault (1-of-1)", ['Chidi · Ledger']], ["Dee's vault (1-of-1)", ['Dee · Trezor']], ["Eun-ji's vault (2-of-2)", ['Eun-ji · Ledger', 'Eun-ji · Trezor']]] as const) {
    await chooseVault(page, vault);
    await page.getByRole('button', { name: 'Vote for the resolution' }).click();
    await signAndSubmit(page, devices, signers, /^Vote for the resolution of dispute site-1-stake/);
  }
  await expect(page.getByTestId('dispute-stage')).toHaveAttribute('data-stage', 'appeal');
  await expect(page.getByTestId('dispute-ruling')).toHaveAttribute('data-outcome', 'upheld');
  await shot('dispute-vote-upheld');

  // The parties accept the ruling, waiving the appeal: the loss order runs.
  await chooseVault(page, "Alice's vault (2-of-2)");
  await page.getByRole('button', { name: 'Accept the ruling (waive the appeal)' }).click();
  await signAndSubmit(page, devices, ALICE, /^Accept the ruling of dispute site-1-stake .*waiving the appeal/);
  await chooseVault(page, "Farah's vault (1-of-1)");
  await page.getByRole('button', { name: 'Accept the ruling (waive the appeal)' }).click();
  await signAndSubmit(page, devices, ['Farah · Trezor'], /^Accept the ruling of dispute site-1-stake/);
  await expect(page.getByTestId('dispute-stage')).toHaveAttribute('data-stage', 'closed');
  // 250 CONX from Alice's vault, nothing from the (empty) loss reserve, 1,375 CONX into Commons loss sharing, 1,375 borne by Farah.
  const settlement = page.getByTestId('dispute-settlement');
  await expect(settlement.getByTestId('creditor-shared')).toHaveText('1,375 CONX');
  await expect(page.getByTestId('shared-loss')).toContainText('1,375 CONX moved into Commons loss sharing');
  await expect(page.getByTestId('loss-order')).toBeVisible();
  await shot('dispute-loss-sharing');

  // Farah's vault: 10,000 − 3,000 staked + 250 recovered.
  await go(page, 'Dashboard');
  await expect(page.getByTestId('vault').filter({ hasText: "Farah's vault" })).toContainText('7,250 CONX');
  await shot('dashboard-after-dispute');
});
