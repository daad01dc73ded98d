/**
 * MEID enrolment end to end: the identity proved in the main process (real Groth16, worker
 * prover), the attestor signing on an emulated Trezor, the member signing on an emulated Ledger,
 * the Demo Commons' stewards sequencing it, and the dashboard showing the new member with a
 * verified MEID once the ledger service has verified the entry (proof included).
 */
import { expect, test } from '@playwright/test';
import { bridgeUrl } from './support/bridge';
import { plugIn } from './support/devices';

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

test('an enrolled member votes anonymously once, and proves a credential another app verifies', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await page.goto(bridgeUrl().url);
  // The previous test enrolled this machine's identity (the server keeps it for the run).
  await expect(page.getByRole('row').filter({ hasText: 'Gita' })).toBeVisible({ timeout: 30_000 });

  await page.getByRole('button', { name: 'Vote', exact: true }).click();
  await page.getByLabel('Your choice').selectOption('no');
  await page.getByRole('button', { name: 'Cast anonymous ballot' }).click();
  await expect(page.getByTestId('ballot-cast')).toContainText('Your ballot (no) was counted', { timeout: 30_000 });
  await expect(page.getByTestId('tally')).toContainText('1 ballot');
  await page.getByRole('button', { name: 'Cast anonymous ballot' }).click();
  await expect(page.getByRole('alert')).toContainText('You have already voted on this proposal', { timeout: 30_000 });
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
