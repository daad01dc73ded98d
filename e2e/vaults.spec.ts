/**
 * Vaults across machines (issue 16): a 2-of-3 member vault made in the wizard with a co-signer
 * imported from a file (and a file whose address the device does not confirm refused); its
 * creation request exported, signed on a second "machine" (another browser context, its own
 * local store), re-imported and merged into the inbox, then sequenced; a change of threshold with
 * the warning, and a rival request at the same action number shown as superseded, naming the
 * entry that spent it; a request for another vault refused; the inbox surviving a reload; the
 * history searched. Its own server: the demo moves on.
 */
import { expect, test, type Page } from '@playwright/test';
import { getAddress } from 'viem';
import { addConnected, approve, cosignerFile as cosignerFileOf, nav, saveRequest } from './support/commons';
import { plugIn, signWith } from './support/devices';
import { type OwnApp, startOwnApp } from './support/own-app';

let app: OwnApp;
test.beforeAll(async () => {
  app = await startOwnApp();
});
test.afterAll(async () => {
  await app.stop();
});

async function open(page: Page) {
  await page.goto(app.url);
  await expect(page.getByTestId('vault').filter({ hasText: "Bob's vault" })).toBeVisible({ timeout: 30_000 });
}

/** Bob's co-signer file, as his app writes it (docs/backup-and-cosigner-files.md). */
const cosignerFile = (path: string, address: string, index: number) => cosignerFileOf(path, address, 'trezor', index, 'Bob · Trezor');

test('a 2-of-3 vault with a co-signer from a file, signed on two machines, merged, sequenced; a superseded request; the history searched', async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const shot = (name: string, p: Page = page) => p.screenshot({ path: testInfo.outputPath(name), fullPage: true });
  await open(page);
  const signerAddress = async (label: string) => (await page.getByTestId('vault-signer').filter({ hasText: label }).first().getAttribute('data-signer'))!;
  const bobTrezor = await signerAddress('Bob · Trezor');
  const aliceTrezor = await signerAddress('Alice · Trezor');
  const ledger = await plugIn(page, 'ledger');
  const trezor = await plugIn(page, 'trezor');

  // The wizard: Alice's Ledger and Trezor connected here, Bob's Trezor from his co-signer file.
  await nav(page, 'New vault');
  await page.getByLabel('Vault name').fill('Family');
  await page.getByLabel('For member').selectOption({ label: 'Alice' });
  await addConnected(page, ledger, 1, 'Alice · Ledger');
  await addConnected(page, trezor, 1, 'Alice · Trezor');

  // A co-signer file naming Alice's Trezor address at Bob's path: the device shows another address there, so it is refused.
  await page.getByTestId('wizard-cosigner-file').setInputFiles(cosignerFile(testInfo.outputPath('forged-cosigner.json'), aliceTrezor, 2));
  await page.getByLabel('Device to confirm the co-signer').selectOption(trezor);
  await page.getByRole('button', { name: 'Verify on the device and add' }).click();
  await approve(page.getByTestId('wizard-device-prompt'));
  await expect(page.getByTestId('signer-error')).toContainText(`not the co-signer file's ${getAddress(aliceTrezor)}`);
  await expect(page.getByTestId('wizard-signer')).toHaveCount(2);
  await shot('cosigner-refused.png');

  // Bob's own co-signer file: the Trezor shows his address at his path, and he is added.
  await page.getByTestId('wizard-cosigner-file').setInputFiles(cosignerFile(testInfo.outputPath('bob-cosigner.json'), bobTrezor, 2));
  await page.getByLabel('Device to confirm the co-signer').selectOption(trezor);
  await page.getByRole('button', { name: 'Verify on the device and add' }).click();
  await approve(page.getByTestId('wizard-device-prompt'));
  await expect(page.getByTestId('wizard-signer')).toHaveCount(3);
  await expect(page.getByTestId('wizard-signer').filter({ hasText: 'co-signer file' })).toHaveAttribute('data-address', bobTrezor.toLowerCase());
  await page.getByLabel('Signatures needed').fill('2');
  await expect(page.getByTestId('threshold-explanation')).toContainText('Any 2 of the 3 signers must approve each action. The vault still works if one device is lost or broken.');
  await page.getByRole('button', { name: 'Create the signing request' }).click();
  await expect(page.getByTestId('wizard-made')).toBeVisible();
  await shot('wizard.png');

  // The inbox: Alice's Ledger signs (her own key, too), and the file goes to the other machine.
  await page.getByRole('button', { name: 'Open the request inbox' }).click();
  const creation = page.getByTestId('inbox-row').filter({ hasText: 'Create a vault named “Family”' });
  await expect(creation).toHaveAttribute('data-state', 'collecting', { timeout: 20_000 });
  await creation.getByRole('button', { name: 'Open to sign' }).click();
  let row = await signWith(page, 'Alice · Ledger', ledger);
  await approve(row);
  await expect(row.getByTestId('signature-verified')).toContainText('signed by Alice · Ledger');
  const copyA = testInfo.outputPath('family-signed-by-ledger.json');
  await saveRequest(page, copyA);
  await page.getByRole('button', { name: 'Close' }).click();

  // The second machine: its own browser context, its own local store.
  const other = await browser.newContext();
  const second = await other.newPage();
  await open(second);
  await nav(second, 'Requests');
  await second.getByTestId('inbox-import').setInputFiles(copyA);
  await expect(second.getByTestId('inbox-result')).toContainText('A new request was added');
  await second.getByTestId('inbox-row').getByRole('button', { name: 'Open to sign' }).click();
  row = await signWith(second, 'Alice · Trezor', trezor);
  await approve(row);
  await expect(row.getByTestId('signature-verified')).toContainText('signed by Alice · Trezor');
  const copyB = testInfo.outputPath('family-signed-by-trezor.json');
  await saveRequest(second, copyB);
  await shot('second-machine.png', second);
  await other.close();

  // Back on the first machine: a copy for another vault is refused; the co-signer's copy merges in.
  await page.getByLabel('Vault', { exact: true }).selectOption({ label: "Alice's vault (2-of-2)" });
  await page.getByTestId('inbox-import').setInputFiles(copyB);
  await expect(page.getByTestId('inbox-result')).toContainText('This request is for another vault');
  await page.getByLabel('Vault', { exact: true }).selectOption({ index: 0 });
  await page.getByTestId('inbox-import').setInputFiles(copyB);
  await expect(page.getByTestId('inbox-result')).toContainText('Merged into the request held: 1 new signature');
  await expect(creation).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await shot('inbox-merged.png');
  await creation.getByRole('button', { name: 'Open to sign' }).click();
  await page.getByRole('button', { name: 'Submit to the stewards' }).click();
  await expect(page.getByTestId('sequenced')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(creation).toHaveAttribute('data-state', 'executed', { timeout: 30_000 });

  // Two rival changes of Family's threshold at its action number 1; the warning is shown before signing.
  await nav(page, 'New vault');
  await page.getByLabel('Change the signers or threshold of a vault').check();
  await page.getByLabel('Vault to change').selectOption({ label: 'Family (2-of-3)' });
  await page.getByLabel('Signatures needed').fill('3');
  await page.getByRole('button', { name: 'Make the change request' }).click();
  await expect(page.getByTestId('wizard-made')).toContainText('action number 1');
  await page.getByLabel('Signatures needed').fill('1');
  await page.getByRole('button', { name: 'Make the change request' }).click();
  await expect(page.getByTestId('wizard-made')).toContainText('action number 1');
  await page.getByRole('button', { name: 'Open the request inbox' }).click();
  const toOne = page.getByTestId('inbox-row').filter({ hasText: 'any 1 of these 3 keys' });
  const toThree = page.getByTestId('inbox-row').filter({ hasText: 'any 3 of these 3 keys' });
  await toOne.getByRole('button', { name: 'Open to sign' }).click();
  await expect(page.getByTestId('control-warning')).toContainText('This request changes who controls Family');
  for (const [label, device] of [['Alice · Ledger', ledger], ['Alice · Trezor', trezor]] as const) {
    row = await signWith(page, label, device);
    await approve(row);
    await expect(row.getByTestId('signature-verified')).toContainText(`signed by ${label}`);
  }
  await page.getByRole('button', { name: 'Submit to the stewards' }).click();
  await expect(page.getByTestId('sequenced')).toBeVisible({ timeout: 30_000 });
  const seq = Number(/entry (\d+)/.exec((await page.getByTestId('sequenced').textContent()) ?? '')![1]);
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(toThree).toHaveAttribute('data-state', 'superseded', { timeout: 30_000 });
  await expect(toThree.getByTestId('superseded-by')).toContainText(`Entry ${seq} spent action number 1 of Family on: Change who controls Family`);
  await expect(toThree.getByRole('button', { name: 'Open to sign' })).toBeDisabled();
  await shot('superseded.png');

  // The inbox is kept in this machine's local store: a reload finds it as it was.
  await page.reload();
  await nav(page, 'Requests');
  await expect(page.getByTestId('inbox-row')).toHaveCount(3, { timeout: 20_000 });
  await expect(page.getByTestId('inbox-row').filter({ hasText: 'any 3 of these 3 keys' })).toHaveAttribute('data-state', 'superseded', { timeout: 30_000 });

  // A Commons vault (a reserve) with a spend limit: its creation is the treasury's, signed by two stewards.
  await nav(page, 'New vault');
  await page.getByLabel('A Commons vault (a reserve, working funds), created by the treasury’s stewards').check();
  await page.getByLabel('Vault name').fill('Reserve');
  await addConnected(page, ledger, 3, 'Steward Dana');
  await addConnected(page, trezor, 3, 'Steward Emeka');
  await page.getByLabel('Signatures needed').fill('2');
  await page.getByLabel('Spend limit (CONX a period, empty for none)').fill('1000');
  await page.getByLabel('Period (days)').fill('30');
  await page.getByRole('button', { name: 'Create the signing request' }).click();
  await expect(page.getByTestId('wizard-made')).toContainText('Spend limit 1,000 CONX every 30 days');
  await page.getByRole('button', { name: 'Open the request inbox' }).click();
  const reserve = page.getByTestId('inbox-row').filter({ hasText: 'Create a Commons vault named “Reserve”' });
  await expect(reserve).toContainText('spending at most 1,000 CONX every 30 days; authorised by Commons treasury');
  await reserve.getByRole('button', { name: 'Open to sign' }).click();
  for (const [label, device] of [['Steward Dana', ledger], ['Steward Emeka', trezor]] as const) {
    row = await signWith(page, label, device);
    await approve(row);
    await expect(row.getByTestId('signature-verified')).toContainText(`signed by ${label}`);
  }
  await page.getByRole('button', { name: 'Submit to the stewards' }).click();
  await expect(page.getByTestId('sequenced')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Close' }).click();
  await nav(page, 'Dashboard');
  await expect(page.getByTestId('vault').filter({ hasText: 'Reserve' }).getByTestId('spend-limit')).toContainText('1,000 CONX every 30 days', { timeout: 30_000 });
  await shot('commons-vault.png');

  // The history: the verified log's actions in words, searched.
  await nav(page, 'History');
  await page.getByLabel('Search the history').fill('Family vault.setSigners');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('history-total')).toContainText('1 action match “Family vault.setSigners”');
  await expect(page.getByTestId('history-row')).toHaveCount(1);
  await expect(page.getByTestId('history-words')).toContainText('Change who controls Family');
  await page.getByLabel('Search the history').fill('Family');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('history-words').filter({ hasText: 'Create a vault named “Family”' })).toHaveCount(1);
  await shot('history.png');
});
