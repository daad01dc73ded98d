/**
 * A real Commons across machines, in one flow (issue 16). Three app servers, each with its own data
 * folder, and a browser context on each, stand for three machines: the stewards', a member's, and
 * a co-signer's. The stewards create a Commons on an emulated Ledger and Trezor (three stewards,
 * 2 of 3) and hand out the invite; the member joins from it and enrols, the stewards make a 3-of-5
 * Commons vault with co-signers from co-signer files, and both are sealed into an entry that
 * reaches the member as an update file. The member makes a 2-of-3 vault (two co-signers from
 * files), signs it, and the co-signer's machine signs its copy of the request file; the copies are
 * merged (a merge into another vault refused), handed to the stewards as a file, sealed, and reach
 * the member through the next update. Refused in words on the way: a tampered request, an expired
 * one, a replayed one (its action number spent), and an update carrying a rival sealed entry at a
 * height the member holds (a fork). In the member's own inbox, a rival request at a spent action
 * number is shown superseded (naming the entry that spent it) and the expired one expired.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { plugIn, signWith } from './support/devices';
import { type OwnApp, startOwnApp } from './support/own-app';
import {
  addConnected,
  addFromFile,
  addSteward,
  approve,
  cosignerFile,
  importUpdate,
  joinFromInvite,
  nav,
  saveRequest,
  saved,
  script,
  sealAs,
} from './support/commons';

let stewardsApp: OwnApp;
let memberApp: OwnApp;
let cosignerApp: OwnApp;
test.beforeAll(async () => {
  [stewardsApp, memberApp, cosignerApp] = await Promise.all([startOwnApp(), startOwnApp(), startOwnApp()]);
});
test.afterAll(async () => {
  await Promise.all([stewardsApp?.stop(), memberApp?.stop(), cosignerApp?.stop()]);
});

const NAME = 'River Co-op';

/** The address of an emulated device's account, as the co-signer's own app would put it in their co-signer file. */
const addressOf = (spec: string) => script('emulator-address.ts', spec).trim();

/** Signs the open request as each signer on its device, each signature checked before the next. */
async function signAs(page: Page, signers: readonly (readonly [string, string])[]) {
  for (const [label, device] of signers) {
    const row = await signWith(page, label, device);
    await approve(row);
    await expect(row.getByTestId('signature-verified')).toContainText(`signed by ${label}`);
  }
}

/** Seals the stewards' inbox's accepted actions as entry `seq` (Dana and Fatima, 2 of 3) and saves the update file. */
async function sealEntry(page: Page, ledger: string, seq: number, updatePath: string) {
  await expect(page.getByTestId('seal-seq')).toHaveText(String(seq));
  const digest = (await page.getByTestId('seal-digest').textContent()) ?? '';
  await sealAs(page, 'Dana', ledger, digest);
  await sealAs(page, 'Fatima', ledger, digest);
  await page.getByRole('button', { name: `Seal entry ${seq}` }).click();
  await expect(page.getByTestId('sealed')).toContainText(`Sealed and stored as entry ${seq} (${digest})`);
  await saved(page, () => page.getByRole('button', { name: 'Export update' }).click(), updatePath);
  expect(JSON.parse(readFileSync(updatePath, 'utf8').split('\n')[0]!)).toMatchObject({ format: 'c3-ledger-update/1', fromSeq: seq, toSeq: seq, headHash: digest });
}

test('a real Commons across three machines: genesis, a member joining, a 3-of-5 and a 2-of-3 vault co-signed by files, sealed and updated; tampering, expiry, replay, a wrong vault and a fork refused', async ({ browser }, testInfo) => {
  test.setTimeout(600_000);
  const out = (name: string) => testInfo.outputPath(name);
  const shot = (page: Page, name: string) => page.screenshot({ path: out(name), fullPage: true });

  // ── The stewards' machine: the genesis, signed by two of the three stewards on their devices.
  const stewardsContext = await browser.newContext({ acceptDownloads: true });
  const stewards = await stewardsContext.newPage();
  await stewards.goto(stewardsApp.url);
  const sLedger = await plugIn(stewards, 'ledger');
  const sTrezor = await plugIn(stewards, 'trezor');
  await stewards.getByRole('button', { name: 'Start a Commons' }).click();
  await stewards.getByRole('button', { name: 'Open my own workspace' }).click();
  await stewards.getByLabel('Commons name').fill(NAME);
  await addSteward(stewards, sLedger, '0', 'Dana');
  await addSteward(stewards, sTrezor, '0', 'Emeka');
  await addSteward(stewards, sLedger, '1', 'Fatima');
  await stewards.getByLabel('Threshold', { exact: true }).fill('2');
  await addSteward(stewards, sTrezor, '1', 'Enrolment desk', 'attestor');
  await stewards.getByRole('button', { name: 'Review the genesis' }).click();
  const genesisDigest = (await stewards.getByTestId('genesis-digest').textContent()) ?? '';
  await sealAs(stewards, 'Dana', sLedger, genesisDigest);
  await sealAs(stewards, 'Emeka', sTrezor, genesisDigest);
  await stewards.getByRole('button', { name: 'Create the Commons' }).click();
  const commonsId = (await stewards.getByTestId('created-commons-id').textContent()) ?? '';
  const invitePath = await saved(stewards, () => stewards.getByRole('button', { name: 'Save the invite file' }).click(), out('invite.json'));
  const ledgerPath = await saved(stewards, () => stewards.getByRole('button', { name: 'Save the ledger file' }).click(), out('ledger.jsonl'));
  const treasury = (JSON.parse(readFileSync(ledgerPath, 'utf8').split('\n')[1]!) as { actions: { vault: string }[] }).actions[0]!.vault;
  await shot(stewards, '01-stewards-genesis.png');
  await stewards.getByRole('button', { name: 'Open the Commons' }).click();
  await expect(stewards.getByTestId('ledger-height')).toHaveText('1', { timeout: 30_000 });

  // ── The member's machine: joins from the invite, then enrols; the signed enrolment is a file for the stewards.
  const memberContext = await browser.newContext({ acceptDownloads: true });
  const member = await memberContext.newPage();
  await joinFromInvite(member, memberApp.url, invitePath, ledgerPath, NAME, 1);
  await shot(member, '02-member-joined.png');
  const mLedger = await plugIn(member, 'ledger');
  const mTrezor = await plugIn(member, 'trezor');
  await nav(member, 'Enrol');
  await member.getByRole('button', { name: 'Capture and prove' }).click();
  await expect(member.getByTestId('meid-proof')).toContainText('Groth16, verified on this machine', { timeout: 60_000 });
  const attest = member.getByTestId('attest');
  await attest.getByLabel(/^Device for/).selectOption(mTrezor);
  await attest.getByRole('button', { name: 'Ask the attestor to sign' }).click();
  await attest.getByRole('button', { name: /^Approve on/ }).click();
  await expect(member.getByTestId('attested')).toContainText('Attested by');
  await member.getByLabel('Your name in the Commons').fill('Gita');
  const enrol = member.getByTestId('enrol-sign');
  await enrol.getByLabel(/^Device for/).selectOption(mLedger);
  await enrol.getByRole('button', { name: 'Sign your enrolment for the stewards' }).click();
  const enrolmentPath = await saved(member, () => enrol.getByRole('button', { name: /^Approve on/ }).click(), out('enrolment-gita.json'));
  await expect(member.getByTestId('enrolment-saved')).toBeVisible();
  await shot(member, '03-member-enrolment-saved.png');

  // ── The stewards' machine: a 3-of-5 Commons vault, four co-signers from their files, each confirmed on a device here.
  await nav(stewards, 'New vault');
  await stewards.getByLabel('A Commons vault (a reserve, working funds), created by the treasury’s stewards').check();
  await stewards.getByLabel('Vault name').fill('Reserve');
  const reserveCosigners = [
    ['trezor', 4, 'Kofi · Trezor'],
    ['ledger', 4, 'Lena · Ledger'],
    ['trezor', 5, 'Mira · Trezor'],
    ['ledger', 5, 'Noor · Ledger'],
  ] as const;
  for (const [n, [device, index, label]] of reserveCosigners.entries()) {
    const file = cosignerFile(out(`cosigner-${device}-${index}.json`), addressOf(`${device}:${index}`), device, index, label);
    await addFromFile(stewards, file, device === 'ledger' ? sLedger : sTrezor, n + 1);
  }
  await addConnected(stewards, sLedger, 6, 'Treasury desk · Ledger');
  await expect(stewards.getByTestId('wizard-signer')).toHaveCount(5);
  await expect(stewards.getByTestId('wizard-signer').filter({ hasText: 'co-signer file' })).toHaveCount(4);
  await stewards.getByLabel('Signatures needed').fill('3');
  await expect(stewards.getByTestId('threshold-explanation')).toContainText('Any 3 of the 5 signers must approve each action');
  await stewards.getByLabel('Spend limit (CONX a period, empty for none)').fill('1000');
  await stewards.getByLabel('Period (days)').fill('30');
  await stewards.getByRole('button', { name: 'Create the signing request' }).click();
  await expect(stewards.getByTestId('wizard-made')).toContainText('Spend limit 1,000 CONX every 30 days');
  await shot(stewards, '04-commons-vault-wizard.png');
  await stewards.getByRole('button', { name: 'Open the request inbox' }).click();
  await stewards.getByTestId('inbox-row').filter({ hasText: 'Create a Commons vault named “Reserve”' }).getByRole('button', { name: 'Open to sign' }).click();
  await signAs(stewards, [['Dana', sLedger], ['Emeka', sTrezor]]);
  const reservePath = await saveRequest(stewards, out('reserve-signed.json'));
  await stewards.getByRole('button', { name: 'Close' }).click();

  // ── The stewards' inbox: the member's enrolment file and the Reserve's, both accepted, sealed as entry 1.
  await nav(stewards, 'Stewards');
  await stewards.getByTestId('inbox-files').setInputFiles([enrolmentPath, reservePath]);
  const items = stewards.getByTestId('inbox-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute('data-verdict', 'accepted');
  await expect(items.nth(1)).toHaveAttribute('data-verdict', 'accepted');
  const update1 = out('update-1.jsonl');
  await sealEntry(stewards, sLedger, 1, update1);
  await shot(stewards, '05-stewards-sealed-1.png');

  // ── The member's machine takes the update: the Reserve and its spend limit, as the verified ledger says.
  await importUpdate(member, update1, 2);
  await expect(member.getByTestId('vault').filter({ hasText: 'Reserve' }).getByTestId('spend-limit')).toContainText('1,000 CONX every 30 days', { timeout: 30_000 });
  await shot(member, '06-member-update-1.png');

  // ── The member's 2-of-3 vault: the member's own key here, two co-signers from their files.
  await nav(member, 'New vault');
  await member.getByLabel('Vault name').fill('Family');
  await member.getByLabel('For member').selectOption({ label: 'Gita' });
  await addConnected(member, mLedger, 2, 'Gita · Ledger');
  await addFromFile(member, cosignerFile(out('cosigner-kwame.json'), addressOf('trezor:2'), 'trezor', 2, 'Kwame · Trezor'), mTrezor, 2);
  await addFromFile(member, cosignerFile(out('cosigner-lise.json'), addressOf('ledger:3'), 'ledger', 3, 'Lise · Ledger'), mLedger, 3);
  await member.getByLabel('Signatures needed').fill('2');
  await expect(member.getByTestId('threshold-explanation')).toContainText('Any 2 of the 3 signers must approve each action');
  await member.getByRole('button', { name: 'Create the signing request' }).click();
  await expect(member.getByTestId('wizard-made')).toBeVisible();
  await shot(member, '07-member-vault-wizard.png');
  await member.getByRole('button', { name: 'Open the request inbox' }).click();
  const family = member.getByTestId('inbox-row').filter({ hasText: 'Create a vault named “Family”' });
  await expect(family).toHaveAttribute('data-state', 'collecting', { timeout: 20_000 });
  await family.getByRole('button', { name: 'Open to sign' }).click();
  await signAs(member, [['Gita · Ledger', mLedger]]);
  const copyA = await saveRequest(member, out('family-signed-by-gita.json'));
  await member.getByRole('button', { name: 'Close' }).click();

  // ── The co-signer's machine: joins, takes the update, imports the request file and signs it on its Trezor.
  const cosignerContext = await browser.newContext({ acceptDownloads: true });
  const cosigner = await cosignerContext.newPage();
  await joinFromInvite(cosigner, cosignerApp.url, invitePath, ledgerPath, NAME, 1);
  await importUpdate(cosigner, update1, 2);
  const cTrezor = await plugIn(cosigner, 'trezor');
  await nav(cosigner, 'Requests');
  await cosigner.getByTestId('inbox-import').setInputFiles(copyA);
  await expect(cosigner.getByTestId('inbox-result')).toContainText('A new request was added');
  await cosigner.getByTestId('inbox-row').getByRole('button', { name: 'Open to sign' }).click();
  await signAs(cosigner, [['Kwame · Trezor', cTrezor]]);
  const copyB = await saveRequest(cosigner, out('family-signed-by-kwame.json'));
  await shot(cosigner, '08-cosigner-signed.png');
  await cosignerContext.close();

  // ── Back on the member's machine: the copy offered to another vault is refused; into its own, it merges.
  await member.getByLabel('Vault', { exact: true }).selectOption({ label: 'Reserve (3-of-5)' });
  await member.getByTestId('inbox-import').setInputFiles(copyB);
  await expect(member.getByTestId('inbox-result')).toContainText('This request is for another vault');
  await shot(member, '09-member-wrong-vault-refused.png');
  await member.getByLabel('Vault', { exact: true }).selectOption({ index: 0 });
  await member.getByTestId('inbox-import').setInputFiles(copyB);
  await expect(member.getByTestId('inbox-result')).toContainText('Merged into the request held: 1 new signature');
  await expect(family).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await shot(member, '10-member-merged.png');
  await family.getByRole('button', { name: 'Open to sign' }).click();
  const familyPath = await saveRequest(member, out('family-signed.json'));
  await member.getByRole('button', { name: 'Close' }).click();

  // ── The files that must not be sealed: a tampered copy, an expired request, and the Reserve's request replayed.
  const tampered = JSON.parse(readFileSync(familyPath, 'utf8')) as { action: { validUntil: number | string } };
  tampered.action.validUntil = typeof tampered.action.validUntil === 'number' ? tampered.action.validUntil + 3600 : String(Number(tampered.action.validUntil) + 3600);
  const tamperedPath = out('family-tampered.json');
  writeFileSync(tamperedPath, JSON.stringify(tampered, null, 2));
  const expiredPath = out('attest-expired.json');
  writeFileSync(expiredPath, script('signed-request.ts', commonsId, treasury, '1', '450000', 'ledger:0', 'trezor:0', `--valid-until=${Math.floor(Date.now() / 1000) - 3600}`));

  // ── The stewards' inbox: the three refused in words and never sealed, the merged request sealed as entry 2.
  await stewards.getByTestId('inbox-files').setInputFiles([tamperedPath, expiredPath, reservePath, familyPath]);
  await expect(items).toHaveCount(4);
  for (const i of [0, 1, 2]) await expect(items.nth(i)).toHaveAttribute('data-verdict', 'refused');
  await expect(items.nth(3)).toHaveAttribute('data-verdict', 'accepted');
  const refusals = items.getByTestId('inbox-refusal');
  await expect(refusals.nth(0)).toContainText('Refused, not sealed');
  await expect(refusals.nth(0)).toContainText('the action was changed after it was signed');
  await expect(refusals.nth(1)).toContainText(/The action was valid until \S+, but was sequenced at \S+\./);
  await expect(refusals.nth(2)).toContainText('expects its action number 1, but this action is number 0 (replayed, or out of order)');
  await shot(stewards, '11-stewards-refusals.png');
  const update2 = out('update-2.jsonl');
  await sealEntry(stewards, sLedger, 2, update2);
  await expect(items).toHaveCount(3);
  await shot(stewards, '12-stewards-sealed-2.png');

  // ── The member's machine takes the update: the Family vault, 2 of 3, and its request executed.
  await importUpdate(member, update2, 3);
  await expect(member.getByTestId('vault').filter({ hasText: 'Family' })).toBeVisible({ timeout: 30_000 });
  await shot(member, '13-member-update-2.png');
  await nav(member, 'Requests');
  await expect(family).toHaveAttribute('data-state', 'executed', { timeout: 30_000 });

  // ── In the member's own inbox: a rival request at the treasury's spent action number 0 is superseded, naming
  // the entry that spent it, and cannot be signed; the expired request is marked expired.
  const rivalPath = out('attest-rival-nonce-0.json');
  writeFileSync(rivalPath, script('signed-request.ts', commonsId, treasury, '0', '460000', 'ledger:0', 'trezor:0'));
  await member.getByTestId('inbox-import').setInputFiles(rivalPath);
  await expect(member.getByTestId('inbox-result')).toContainText('A new request was added');
  const rival = member.getByTestId('inbox-row').filter({ hasText: 'Attest the price of ADA at 0.46 CONX per ADA' });
  await expect(rival).toHaveAttribute('data-state', 'superseded', { timeout: 30_000 });
  await expect(rival.getByTestId('superseded-by')).toContainText('Entry 1 spent action number 0 of Commons treasury on: Create a Commons vault named “Reserve”');
  await expect(rival.getByRole('button', { name: 'Open to sign' })).toBeDisabled();
  await member.getByTestId('inbox-import').setInputFiles(expiredPath);
  await expect(member.getByTestId('inbox-row').filter({ hasText: 'Attest the price of ADA at 0.45 CONX per ADA' })).toHaveAttribute('data-state', 'expired', { timeout: 30_000 });
  await shot(member, '14-member-superseded-and-expired.png');

  // ── A fork: an update carrying another entry 2, sealed by two stewards too. Refused, naming both; nothing imported.
  const forkPath = out('update-2-fork.jsonl');
  writeFileSync(forkPath, script('forked-update.ts', update2, 'ledger:0', 'trezor:0'));
  await nav(member, 'Dashboard');
  await member.getByTestId('import-ledger').setInputFiles(forkPath);
  const headOf = (path: string) => (JSON.parse(readFileSync(path, 'utf8').split('\n')[0]!) as { headHash: string }).headHash;
  const alert = member.getByRole('alert').filter({ hasText: 'forked' });
  await expect(alert).toContainText('Two different entries were sealed at height 2. The stewards signed both; this Commons has forked. Nothing was imported.');
  await expect(alert).toContainText(headOf(update2));
  await expect(alert).toContainText(headOf(forkPath));
  expect(headOf(forkPath)).not.toBe(headOf(update2));
  await expect(member.getByTestId('ledger-height')).toHaveText('3');
  await shot(member, '15-member-fork-refused.png');

  await memberContext.close();
  await stewardsContext.close();
});
