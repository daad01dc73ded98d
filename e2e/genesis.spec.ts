/**
 * A real Commons between machines (issue 16): a steward creates a Commons with an emulated Ledger
 * and an emulated Trezor (three stewards, 2 of 3), exports its invite and ledger file, takes two
 * signed requests into the inbox (one refused in words, never sealed), seals the next entry with
 * the treasury quorum on the devices (the entry digest shown), and exports the update. Then a
 * member's app — another browser context served by another app with its own data folder, i.e.
 * another machine — opens the invite, joins with the ledger file and imports the update.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { addSteward, saved, script, sealAs } from './support/commons';
import { plugIn } from './support/devices';
import { type OwnApp, startOwnApp } from './support/own-app';

let stewardsApp: OwnApp;
let memberApp: OwnApp;
test.beforeAll(async () => {
  [stewardsApp, memberApp] = await Promise.all([startOwnApp(), startOwnApp()]);
});
test.afterAll(async () => {
  await Promise.all([stewardsApp?.stop(), memberApp?.stop()]);
});

/** A treasury price attestation signed with the emulated devices' keys, as another steward's app would send it (scripts/signed-request.ts). */
const priceAttestationFile = (commonsId: string, treasury: string, nonce: number, price: number, signers: string[]): string =>
  script('signed-request.ts', commonsId, treasury, String(nonce), String(price), ...signers);

test('stewards create a Commons, seal an entry on their devices and hand members the invite and the update', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const stewards = await browser.newContext({ acceptDownloads: true });
  const page = await stewards.newPage();
  await page.goto(stewardsApp.url);
  const ledger = await plugIn(page, 'ledger');
  const trezor = await plugIn(page, 'trezor');

  // The wizard: name, three stewards from the two devices, 2 of 3, an attestor, the parameters' defaults.
  await page.getByRole('button', { name: 'Start a Commons' }).click();
  // A new Commons is made in the member's own workspace, apart from the demo.
  await page.getByRole('button', { name: 'Open my own workspace' }).click();
  await page.getByLabel('Commons name').fill('River Co-op');
  await addSteward(page, ledger, '0', 'Dana');
  await addSteward(page, trezor, '0', 'Emeka');
  await addSteward(page, ledger, '1', 'Fatima');
  await expect(page.getByTestId('steward')).toHaveCount(3);
  await expect(page.getByTestId('steward').first()).toContainText('emulated device');
  await page.getByLabel('Threshold', { exact: true }).fill('2');
  await expect(page.getByTestId('threshold-tradeoff')).toContainText('2 of 3: every entry needs 2 steward signatures');
  await addSteward(page, trezor, '1', 'Enrolment desk', 'attestor');
  // SPEC §4's bounds, checked as typed: a BTC draw cap at its liquidation threshold is refused in words.
  await page.getByText(/Show the \d+ parameters/).click();
  await page.getByLabel('Parameter drawCapBps.BTC', { exact: true }).fill('8000');
  await expect(page.getByTestId('param-problem')).toContainText('drawCapBps.BTC');
  await expect(page.getByRole('button', { name: 'Review the genesis' })).toBeDisabled();
  await page.getByLabel('Parameter drawCapBps.BTC', { exact: true }).fill('6500');
  await expect(page.getByTestId('param-problem')).toHaveCount(0);
  await page.getByRole('button', { name: 'Review the genesis' }).click();
  const digest = (await page.getByTestId('genesis-digest').textContent()) ?? '';
  await expect(page.getByTestId('zk-keys')).toContainText(/identity [0-9a-f]{64}/);
  await sealAs(page, 'Dana', ledger, digest);
  await expect(page.getByTestId('genesis-signed-count')).toHaveText('1 of the 2 signatures needed.');
  await expect(page.getByRole('button', { name: 'Create the Commons' })).toBeDisabled();
  await sealAs(page, 'Emeka', trezor, digest);
  await page.screenshot({ path: testInfo.outputPath('genesis-signed.png'), fullPage: true });
  await page.getByRole('button', { name: 'Create the Commons' }).click();
  await expect(page.getByTestId('genesis-created')).toBeVisible();
  const commonsId = ((await page.getByTestId('created-commons-id').textContent()) ?? '') as `0x${string}`;
  await expect(page.getByTestId('created-genesis-hash')).toHaveText(digest);
  const invitePath = await saved(page, () => page.getByRole('button', { name: 'Save the invite file' }).click(), testInfo.outputPath('invite.json'));
  const ledgerPath = await saved(page, () => page.getByRole('button', { name: 'Save the ledger file' }).click(), testInfo.outputPath('ledger.jsonl'));
  const invite = JSON.parse(readFileSync(invitePath, 'utf8')) as { commonsId: string; genesisHash: string; threshold: number; stewards: { label: string }[] };
  expect(invite).toMatchObject({ commonsId, genesisHash: digest, threshold: 2 });
  expect(invite.stewards.map((s) => s.label)).toEqual(['Dana', 'Emeka', 'Fatima']);
  await page.screenshot({ path: testInfo.outputPath('genesis-created.png'), fullPage: true });

  // The inbox: a price attestation the treasury's quorum signed, and one signed by a single steward.
  const genesisLine = JSON.parse(readFileSync(ledgerPath, 'utf8').split('\n')[1]!) as { actions: { vault: string }[] };
  const treasury = genesisLine.actions[0]!.vault;
  const good = testInfo.outputPath('attest-quorum.json');
  const short = testInfo.outputPath('attest-one.json');
  writeFileSync(good, priceAttestationFile(commonsId, treasury, 0, 450_000, ['ledger:0', 'trezor:0']));
  writeFileSync(short, priceAttestationFile(commonsId, treasury, 0, 460_000, ['ledger:1']));
  await page.getByRole('button', { name: 'Open the Commons' }).click();
  await expect(page.getByTestId('ledger-height')).toHaveText('1', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Stewards', exact: true }).click();
  await page.getByTestId('inbox-files').setInputFiles([good, short]);
  const items = page.getByTestId('inbox-item');
  await expect(items.nth(0)).toHaveAttribute('data-verdict', 'accepted');
  await expect(items.nth(1)).toHaveAttribute('data-verdict', 'refused');
  await expect(items.nth(1).getByTestId('inbox-refusal')).toContainText('Refused, not sealed');
  await expect(page.getByTestId('seal-seq')).toHaveText('1');
  const entryDigest = (await page.getByTestId('seal-digest').textContent()) ?? '';
  await sealAs(page, 'Dana', ledger, entryDigest);
  await sealAs(page, 'Fatima', ledger, entryDigest);
  await page.screenshot({ path: testInfo.outputPath('inbox-sealing.png'), fullPage: true });
  await page.getByRole('button', { name: 'Seal entry 1' }).click();
  await expect(page.getByTestId('sealed')).toContainText(`Sealed and stored as entry 1 (${entryDigest})`);
  // The refused request stays in the inbox, still refused, never sealed.
  await expect(items).toHaveCount(1);
  await expect(items.nth(0)).toHaveAttribute('data-verdict', 'refused');
  const updatePath = await saved(page, () => page.getByRole('button', { name: 'Export update' }).click(), testInfo.outputPath('update.jsonl'));
  expect(JSON.parse(readFileSync(updatePath, 'utf8').split('\n')[0]!)).toMatchObject({ format: 'c3-ledger-update/1', commonsId, fromSeq: 1, toSeq: 1, headHash: entryDigest });
  await page.screenshot({ path: testInfo.outputPath('sealed-update.png'), fullPage: true });

  // Another machine: the member's app opens the invite, joins with the ledger file, then takes the update.
  const member = await browser.newContext();
  const memberPage = await member.newPage();
  await memberPage.goto(memberApp.url);
  await memberPage.getByRole('button', { name: 'Join', exact: true }).click();
  await memberPage.getByTestId('open-invite').setInputFiles(invitePath);
  await expect(memberPage.getByTestId('invite')).toContainText('River Co-op');
  await expect(memberPage.getByTestId('invite')).toContainText('2 of 3 must seal each entry');
  // The update alone is not a way in: a new member's app takes the whole ledger from genesis first.
  await memberPage.getByTestId('join-ledger').setInputFiles(updatePath);
  await expect(memberPage.getByRole('alert')).toContainText('does not start at the genesis entry');
  await memberPage.getByTestId('join-ledger').setInputFiles(ledgerPath);
  // Joined: the member's own workspace opens on the Commons' dashboard, at the height of the ledger file.
  await expect(memberPage.getByTestId('ledger-height')).toHaveText('1', { timeout: 30_000 });
  await expect(memberPage.getByRole('heading', { name: 'River Co-op' })).toBeVisible();
  await memberPage.getByTestId('import-ledger').setInputFiles(updatePath);
  await expect(memberPage.getByTestId('ledger-height')).toHaveText('2', { timeout: 30_000 });
  await memberPage.screenshot({ path: testInfo.outputPath('member-updated.png'), fullPage: true });
  await member.close();
  await stewards.close();
});
