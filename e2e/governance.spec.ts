/**
 * Faction governance end to end in the Demo Commons (SPEC §7), on emulated devices: a proposal
 * raising COMM's draw ratio and its cap goes from creation through burn votes, the timelock and
 * execution, after which Alice's credit page shows the new capacity.
 *
 * The Demo Commons starts at SPEC §4's defaults, where COMM's draw ratio and cap are already 100 %
 * and no bound lets them rise further (COMM: cap ≤ threshold ≤ 100 %). So the Union first lowers
 * them to 90 % (a lowering needs no Syndicate), and then the Union and the Syndicate raise them
 * back to 100 % (a raise needs the Syndicate in scope, and 66.67 % yes: a collateral ratio).
 * Each vote waits a day to open, a week to close and 48 h of timelock: the demo's clock skips
 * ahead (demo.wait), so that the stewards seal the next entry at the proposal's next step.
 * It runs on a server of its own (own-app.ts): it moves the Demo Commons on.
 */
import { expect, test, type Page } from '@playwright/test';
import { type Devices, plugIn, signAndSubmit } from './support/devices';
import { type OwnApp, startOwnApp } from './support/own-app';
import { goTo } from './support/navigation';

let app: OwnApp;
test.beforeAll(async () => {
  app = await startOwnApp();
});
test.afterAll(async () => {
  await app?.stop();
});


const ALICE = ['Alice · Ledger', 'Alice · Trezor'] as const;
const FARAH = ['Farah · Trezor'] as const;

const go = (page: Page, label: 'Vote' | 'Credit') => goTo(page, label);
const chooseVault = (page: Page, name: string) => page.getByLabel('Your vault').selectOption({ label: name });
const proposal = (page: Page, title: string) => page.getByTestId('proposal').filter({ has: page.getByTestId('proposal-title').getByText(title, { exact: true }) });

async function creditCapacity(page: Page): Promise<string> {
  await go(page, 'Credit');
  await page.getByLabel('Credit vault').selectOption({ label: "Alice's vault (2-of-2)" });
  return (await page.getByTestId('credit-capacity').textContent()) ?? '';
}

/** Composes a parameter change of COMM's draw ratio and cap to `percent`, checking the preview's capacities. */
async function proposeCommRatio(page: Page, title: string, percent: string, scope: readonly string[], capacity: { before: string; after: string }) {
  await page.getByLabel('Proposal kind').selectOption('paramChange');
  await page.getByLabel('Proposal title').fill(title);
  await page.getByLabel('Proposal text').fill(`COMM’s draw ratio and its cap both at ${percent} %.`);
  for (const faction of scope) await page.getByLabel(`Scope ${faction}`).check();
  await page.getByLabel('Parameter 1').selectOption('drawRatioBps.COMM');
  await page.getByLabel('New value 1').fill(percent);
  await page.getByRole('button', { name: 'Add a parameter' }).click();
  await page.getByLabel('Parameter 2').selectOption('drawCapBps.COMM');
  await page.getByLabel('New value 2').fill(percent);
  const preview = page.getByTestId('param-preview');
  await expect(preview.locator('[data-testid="param-diff"][data-param="drawCapBps.COMM"]')).toContainText(`${percent} %`);
  await expect(preview.getByTestId('preview-capacity')).toContainText(`${capacity.before} now, ${capacity.after} once executed`);
  await expect(preview.getByTestId('preview-threshold')).toContainText('66.67 % yes');
}

/** Burns `amount` of `token` for yes on the proposal, through the "for good" step, signed by `signers`. */
async function burnYes(page: Page, devices: Devices, title: string, token: string, amount: string, signers: readonly string[], shot?: () => Promise<unknown>) {
  const card = proposal(page, title);
  await card.getByLabel('Token to burn').selectOption(token);
  await card.getByLabel('Amount to burn').fill(amount);
  await card.getByLabel('Your vote').selectOption('yes');
  await card.getByRole('button', { name: 'Review the burn' }).click();
  const confirm = card.getByTestId('burn-confirm');
  await expect(confirm).toContainText('This burns your tokens, for good.');
  await shot?.();
  await confirm.getByRole('button', { name: `Burn ${amount} ${token} and vote yes` }).click();
  await signAndSubmit(page, devices, signers, new RegExp(`${amount} ${token}`));
  await expect(card.getByTestId('my-ballot')).toContainText(`burning ${amount} ${token}`);
}

/** Lets the demo's time pass up to the proposal's next step (its button names the step). */
async function skipTo(page: Page, step: RegExp) {
  const button = page.getByRole('button', { name: step });
  await button.click();
  await expect(button).toHaveCount(0);
}

test('a proposal raising COMM’s draw ratio cap: created, voted by burning, timelocked, executed, and the credit page shows the new capacity', async ({ page }, testInfo) => {
  test.setTimeout(600_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await page.goto(app.url);
  await expect(page.getByTestId('vault').filter({ hasText: "Alice's vault" })).toBeVisible({ timeout: 60_000 });
  const devices = { ledger: await plugIn(page, 'ledger'), trezor: await plugIn(page, 'trezor') };

  // Alice locks 1,000 COMM: at 100 % it lets her draw 1,000 CONX.
  await creditCapacity(page);
  await page.getByLabel('Credit action').selectOption({ label: 'Lock COMM' });
  await page.getByLabel('Credit amount').fill('1000');
  await page.getByRole('button', { name: 'Create signing request' }).click();
  await signAndSubmit(page, devices, ALICE, /1,000 COMM/);
  await expect(page.getByTestId('credit-capacity')).toHaveText('1,000 CONX');

  // The Union lowers COMM's draw ratio and cap to 90 %.
  const lower = 'Lower COMM’s draw ratio to 90 %';
  await go(page, 'Vote');
  await chooseVault(page, "Alice's vault (2-of-2)");
  await expect(page.getByTestId('governance-faction')).toHaveText('Union governance');
  await proposeCommRatio(page, lower, '90', ['Union'], { before: '1,000 CONX', after: '900 CONX' });
  await page.getByRole('button', { name: 'Create the proposal' }).click();
  await signAndSubmit(page, devices, ALICE, /90/);
  await expect(proposal(page, lower)).toHaveAttribute('data-state', 'pending');
  await expect(proposal(page, lower).getByTestId('proposal-next')).toContainText('Voting starts in');
  await skipTo(page, /voting starts on “Lower COMM/);
  await expect(proposal(page, lower)).toHaveAttribute('data-state', 'active');
  await burnYes(page, devices, lower, 'PPT', '2,000', ALICE);
  await expect(proposal(page, lower).locator('[data-testid="tally-row"][data-faction="Union"]')).toHaveAttribute('data-passes', 'true');
  await skipTo(page, /voting ends on “Lower COMM/);
  await expect(proposal(page, lower)).toHaveAttribute('data-state', 'queued');
  await skipTo(page, /timelock ends on “Lower COMM/);
  await proposal(page, lower).getByRole('button', { name: 'Execute the proposal' }).click();
  // Executed, the proposal moves to the page's "Executed" group.
  await expect(proposal(page, lower)).toHaveAttribute('data-state', 'executed', { timeout: 30_000 });
  expect(await creditCapacity(page)).toBe('900 CONX');

  // The Union and the Syndicate raise them back to 100 %: a raise needs the Syndicate, and 66.67 % yes in each.
  const raise = 'Raise COMM’s draw ratio cap to 100 %';
  await go(page, 'Vote');
  await chooseVault(page, "Alice's vault (2-of-2)");
  await proposeCommRatio(page, raise, '100', ['Union', 'Syndicate'], { before: '900 CONX', after: '1,000 CONX' });
  await expect(page.getByTestId('preview-threshold')).toContainText('the Syndicate (who lend through M2M staking) must be in its scope');
  await shot('composer-preview');
  await page.getByRole('button', { name: 'Create the proposal' }).click();
  await signAndSubmit(page, devices, ALICE, /100/);
  const raised = proposal(page, raise);
  await expect(raised).toHaveAttribute('data-state', 'pending');
  await skipTo(page, /voting starts on “Raise COMM/);
  await expect(raised).toHaveAttribute('data-state', 'active');

  // Alice burns 2,000 PPT (Union), Farah 1,000 PPT (Syndicate): each faction reaches its quorum and threshold.
  await expect(raised.getByTestId('snapshot-balance')).toContainText('PPT');
  await burnYes(page, devices, raise, 'PPT', '2,000', ALICE, () => shot('burn-confirm'));
  await expect(raised.locator('[data-testid="tally-row"][data-faction="Syndicate"]')).toHaveAttribute('data-passes', 'false');
  await chooseVault(page, "Farah's vault (1-of-1)");
  await expect(page.getByTestId('governance-faction')).toHaveText('Syndicate governance');
  await burnYes(page, devices, raise, 'PPT', '1,000', FARAH);
  await expect(raised.locator('[data-testid="tally-row"][data-faction="Syndicate"]')).toHaveAttribute('data-passes', 'true');
  await expect(raised.locator('[data-testid="tally-row"][data-faction="Union"]')).toHaveAttribute('data-passes', 'true');
  await expect(raised.getByTestId('tally-chart')).toBeVisible();
  await shot('tallies');

  // The vote closes; the 48 h timelock counts down; anyone executes it once it is over.
  await skipTo(page, /voting ends on “Raise COMM/);
  await expect(raised).toHaveAttribute('data-state', 'queued');
  await expect(raised.getByTestId('proposal-next')).toContainText('Timelock: executable in 2 d');
  await expect(raised.getByRole('button', { name: 'Execute the proposal' })).toHaveCount(0);
  await shot('timelock');
  await skipTo(page, /timelock ends on “Raise COMM/);
  await raised.getByRole('button', { name: 'Execute the proposal' }).click();
  await expect(raised).toHaveAttribute('data-state', 'executed', { timeout: 30_000 });
  await expect(raised.getByTestId('proposal-next')).toContainText('Executed');
  await shot('executed');

  // Alice's credit page shows the new capacity.
  expect(await creditCapacity(page)).toBe('1,000 CONX');
  await expect(page.locator('[data-testid="collateral-row"][data-asset="COMM"]')).toContainText('100');
  await shot('credit-after');
});
