/**
 * What a co-signer is shown comes from the verified ledger and the signed action, never from a
 * request file's own words (SPEC §3): a file relabelled "Commons treasury" shows its true
 * recipient by name and full address, and a file whose amount was changed after a signer signed
 * says so, naming them, and cannot be signed further. Nothing here is sequenced: the ledger's
 * figures stay the demo's for ledger.spec and transfer.spec.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { bridgeUrl } from './support/bridge';
import { newRequest, plugIn, signWith } from './support/devices';

interface RequestFile {
  format: string;
  commons: string;
  action: { kind: string; vault: string; nonce: number; validUntil: number; payload: { token: string; to: string; amount: string } };
  signatures: { signer: string; sig: string }[];
}

/** A file Alice's Ledger signed (12.5 CONX from Alice's vault to Bob's), as the app saved it. */
let signed: RequestFile | null = null;

/** The vault's address as the dashboard shows it. */
async function addressOf(page: Page, name: string): Promise<string> {
  const vault = page.getByTestId('vault').filter({ has: page.getByText(name, { exact: true }) });
  const address = await vault.locator('.vault-head .mono').textContent();
  if (!address || !/^0x[0-9a-f]{40}$/.test(address)) throw new Error(`no address shown for ${name}: ${address}`);
  return address;
}

async function openDashboard(page: Page) {
  await page.goto(bridgeUrl().url);
  await expect(page.getByTestId('vault').filter({ hasText: "Bob's vault" })).toBeVisible({ timeout: 30_000 });
}

async function openRequest(page: Page, path: string, file: unknown) {
  writeFileSync(path, JSON.stringify(file, null, 2));
  await page.getByTestId('open-request').setInputFiles(path);
}

test.describe.serial('what a co-signer reads', () => {
  test('a relabelled request file shows the true recipient by name and address', async ({ page }, testInfo) => {
    await openDashboard(page);
    const bob = await addressOf(page, "Bob's vault");
    const treasury = await addressOf(page, 'Commons treasury');

    // Alice's Ledger signs 12.5 CONX to Bob's vault; the file is saved for her co-signer.
    const ledger = await plugIn(page, 'ledger');
    await newRequest(page);
    const row = await signWith(page, 'Alice · Ledger', ledger);
    await row.getByRole('button', { name: /^Approve on/ }).click();
    await expect(row.getByTestId('signature-verified')).toContainText('signed by Alice · Ledger');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save request file for co-signers' }).click();
    const savedPath = testInfo.outputPath('signed-request.json');
    await (await download).saveAs(savedPath);
    signed = JSON.parse(readFileSync(savedPath, 'utf8')) as RequestFile;
    expect(signed.format).toBe('c3-signing-request/3');
    expect(signed.action.payload.to).toBe(bob);
    expect(JSON.stringify(signed)).not.toContain("Bob's vault");

    // The attacker's copy: the same signed action in the old format, every name saying "Commons treasury".
    const relabelled = {
      format: 'c3-signing-request/1',
      commons: { id: signed.commons, name: 'Demo Commons' },
      vault: { address: signed.action.vault, name: 'Commons treasury', threshold: 2, nonce: signed.action.nonce },
      action: { kind: signed.action.kind, payload: signed.action.payload, toName: 'Commons treasury' },
      validUntil: signed.action.validUntil,
      signatures: signed.signatures,
    };
    await page.getByRole('button', { name: 'Close' }).click();
    await openRequest(page, testInfo.outputPath('relabelled-request.json'), relabelled);

    const words = page.getByTestId('action-words');
    await expect(words).toContainText(`to Bob's vault (member vault of Bob, ${bob})`);
    await expect(words).not.toContainText('Commons treasury');
    await expect(words).not.toContainText(treasury);
    await expect(words.locator(`[data-testid="party"][data-address="${bob}"]`)).toContainText("Bob's vault");
    // The names were never signed, so Alice's signature still holds for what the screen shows.
    await expect(page.getByTestId('signer-row').filter({ hasText: 'Alice · Ledger' }).getByTestId('signature-verified')).toBeVisible();
    await expect(page.getByTestId('quorum')).toHaveText('1 of 2 signatures');
    await page.screenshot({ path: testInfo.outputPath('relabelled-request.png'), fullPage: true });
  });

  test('an amount changed after signing is reported as changed, naming who signed the original', async ({ page }, testInfo) => {
    if (!signed) throw new Error('the first test saved no signed request');
    await openDashboard(page);
    const trezor = await plugIn(page, 'trezor');
    await page.getByRole('button', { name: 'Co-sign' }).click();
    const changed = { ...signed, action: { ...signed.action, payload: { ...signed.action.payload, amount: '99000000' } } };
    await openRequest(page, testInfo.outputPath('changed-request.json'), changed);

    await expect(page.getByTestId('action-words')).toContainText('Send 99 CONX');
    const signer = signed.signatures[0]!.signer;
    await expect(page.getByTestId('signature-problem')).toContainText(`The action in this file was changed after Alice · Ledger (${signer}) signed it`);
    await expect(page.getByTestId('signature-problems')).toContainText('Do not sign this file. Ask Alice · Ledger for the request as they signed it');
    await expect(page.getByTestId('quorum')).toHaveText('No signature holds: the file was changed after signing');
    await expect(page.getByText('changed after signing', { exact: true })).toBeVisible();
    await expect(page.getByTestId('signer-row').filter({ hasText: 'Alice · Ledger' }).getByTestId('signature-invalid')).toContainText('changed after Alice · Ledger');
    // Nobody signs it further, though Alice's Trezor is there to sign.
    const trezorRow = page.getByTestId('signer-row').filter({ hasText: 'Alice · Trezor' });
    await trezorRow.getByLabel('Device for Alice · Trezor').selectOption(trezor);
    await expect(trezorRow.getByRole('button', { name: 'Sign as Alice · Trezor' })).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath('changed-after-signing.png'), fullPage: true });
  });
});
