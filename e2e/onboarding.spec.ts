/**
 * MEID enrolment end to end: the identity proved in the main process (real Groth16, worker
 * prover), the attestor signing on an emulated Trezor, the member signing on an emulated Ledger,
 * the Demo Commons' stewards sequencing it, and the dashboard showing the new member with a
 * verified MEID once the ledger service has verified the entry (proof included).
 */
import { expect, test } from '@playwright/test';
import { bridgeUrl } from './support/bridge';
import { plugIn, signWith } from './support/devices';

// The second test votes and presents as the member the first one enrolled.
test.describe.configure({ mode: 'serial' });

test('enrolment through to a verified MEID on the dashboard', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await page.goto(bridgeUrl().url);
  await expect(page.getByTestId('ledger-height')).toBeVisible();
  const height = Number(await page.getByTestId('ledger-height').textContent());
  const attestorDevice = await plugIn(page, 'trezor');
  const memberDevice = await plugIn(page, 'ledger');

  await page.getByRole('button', { name: 'Enrol', exact: true }).click();
  await expect(page.getByText('Development capture — not a biometric')).toBeVisible();
  await expect(page.getByTestId('zk-ceremony')).toContainText('development keys');
  await page.getByRole('button', { name: 'Capture and prove' }).click();
  await expect(page.getByTestId('meid-proof')).toContainText('Groth16, verified on this machine', { timeout: 30_000 });

  const attest = page.getByTestId('attest');
  await attest.getByLabel(/^Device for/).selectOption(attestorDevice);
  await attest.getByRole('button', { name: 'Ask the attestor to sign' }).click();
  await attest.getByRole('button', { name: /^Approve on/ }).click();
  await expect(page.getByTestId('attested')).toContainText('Attested by');

  await page.getByLabel('Your name in the Commons').fill('Gita');
  await page.getByLabel('Faction').selectOption('Guild');
  const enrol = page.getByTestId('enrol-sign');
  await enrol.getByLabel(/^Device for/).selectOption(memberDevice);
  await enrol.getByRole('button', { name: 'Sign your enrolment and submit it' }).click();
  await enrol.getByRole('button', { name: /^Approve on/ }).click();
  await expect(page.getByTestId('enrolled')).toContainText('Your MEID is verified', { timeout: 30_000 });

  await page.getByRole('button', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('ledger-height')).toHaveText(String(height + 1), { timeout: 30_000 });
  const gita = page.getByRole('row').filter({ hasText: 'Gita' });
  await expect(gita).toContainText('Guild');
  await expect(gita).toContainText('verified');
  await expect(gita).toContainText('you');
  await page.screenshot({ path: testInfo.outputPath('enrolled.png'), fullPage: true });
});

test('an enrolled member votes anonymously once on a registered proposal, and proves a credential another app verifies', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.goto(bridgeUrl().url);
  // The previous test enrolled this machine's identity (the server keeps it for the run).
  await expect(page.getByRole('row').filter({ hasText: 'Gita' })).toBeVisible({ timeout: 30_000 });

  // Anonymous ballots are cast on a registered one-member-one-vote proposal (SPEC §7), never on a
  // free-text id: Gita proposes to share a loss among all members, signing on her Ledger, and the
  // demo's clock lets the day pass before its vote opens.
  const ledger = await plugIn(page, 'ledger');
  await page.getByRole('button', { name: 'Vote', exact: true }).click();
  await page.getByLabel('Your vault').selectOption({ label: "Gita's vault (1-of-1)" });
  await page.getByLabel('Proposal kind').selectOption('lossSharing');
  await page.getByLabel('Proposal title').fill('Share the bakery’s second-quarter loss');
  await page.getByLabel('Proposal amount').fill('1200');
  await page.getByLabel('Loss reason').fill('The bakery’s second quarter');
  await page.getByRole('button', { name: 'Create the proposal' }).click();
  await expect(page.getByTestId('action-words')).toContainText('Propose “Share the bakery’s second-quarter loss” (lossSharing');
  const row = await signWith(page, 'Gita · Ledger', ledger);
  await row.getByRole('button', { name: /^Approve on/ }).click();
  await expect(row.getByTestId('signature-verified')).toContainText('signed by Gita · Ledger');
  await page.getByRole('button', { name: 'Submit to the stewards' }).click();
  await expect(page.getByTestId('request-state')).toHaveAttribute('data-state', 'executed', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Close' }).click();
  const card = page.getByTestId('proposal').filter({ hasText: 'Share the bakery’s second-quarter loss' });
  await expect(card).toHaveAttribute('data-state', 'pending');
  await expect(card.getByTestId('anonymity-words')).toContainText('a member could still prove how they voted');
  await page.getByRole('button', { name: /voting starts on “Share the bakery/ }).click();
  await expect(card).toHaveAttribute('data-state', 'active');

  await card.getByLabel('Your choice').selectOption('no');
  await card.getByRole('button', { name: 'Cast anonymous ballot' }).click();
  await expect(card.getByTestId('ballot-cast')).toContainText('Your ballot (no) was counted', { timeout: 30_000 });
  // How members voted stays hidden while the vote is open (the Demo Commons, log version 1, counts
  // the ballot by the proposal's id; a version-2 Commons counts it in the proposal itself).
  await expect(card.getByTestId('ballots-counted')).toContainText('hidden until the vote closes');
  await card.getByRole('button', { name: 'Cast anonymous ballot' }).click();
  await expect(card.getByRole('alert')).toContainText('You have already voted on this proposal', { timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath('voted.png'), fullPage: true });

  await page.getByRole('button', { name: 'Credentials', exact: true }).click();
  await page.getByLabel('Faction to prove').selectOption({ label: 'Guild' });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Prove and save the presentation' }).click();
  await expect(page.getByTestId('presentation-made')).toContainText('a member of Demo Commons in the Guild', { timeout: 30_000 });
  const file = testInfo.outputPath('presentation.json');
  await (await download).saveAs(file);
  await page.getByTestId('open-presentation').setInputFiles(file);
  await expect(page.getByTestId('presentation-verdict')).toContainText('Valid: the holder is a member of Demo Commons in the Guild');
  await page.screenshot({ path: testInfo.outputPath('presentation-verified.png'), fullPage: true });
});
