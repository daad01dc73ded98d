/**
 * Steps a real Commons' flows share (e2e/genesis.spec.ts, e2e/real-commons.spec.ts): files saved
 * from downloads, the genesis wizard's stewards, sealing on the stewards' devices, a member's app
 * joining from the invite, and the vault wizard's signers (connected here or from co-signer files).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { getAddress } from 'viem';

export const nav = (page: Page, label: string) => page.getByRole('button', { name: label, exact: true }).click();

/** Runs one of the scripts that build files with the project's own builders and the emulated devices' keys. */
export const script = (name: string, ...args: string[]): string => execFileSync(process.execPath, ['--import', 'tsx', `scripts/${name}`, ...args], { encoding: 'utf8' });

/** Saves the download `click` starts at `path`. */
export async function saved(page: Page, click: () => Promise<void>, path: string): Promise<string> {
  const download: Promise<Download> = page.waitForEvent('download');
  await click();
  await (await download).saveAs(path);
  return path;
}

/** Adds a steward (or attestor) in the genesis wizard: account `account` of a device connected here. */
export async function addSteward(page: Page, deviceId: string, account: string, label: string, what: 'steward' | 'attestor' = 'steward') {
  const box = page.getByTestId(`add-${what}`);
  await box.getByLabel(`Device for the new ${what}`).selectOption(deviceId);
  await box.getByLabel(`Account for the new ${what}`).selectOption({ index: Number(account) });
  await box.getByLabel(`Label for the new ${what}`).fill(label);
  await box.getByRole('button', { name: `Add ${what}` }).click();
}

/** Signs the genesis or the next entry as steward `label` on the device, the digest shown. */
export async function sealAs(page: Page, label: string, deviceId: string, digest: string) {
  const row = page.getByTestId('steward-row').filter({ hasText: label });
  await row.getByLabel(`Device for ${label}`).selectOption(deviceId);
  await row.getByRole('button', { name: `Seal as ${label}` }).click();
  await expect(row.getByTestId('signing-prompt')).toBeVisible({ timeout: 15_000 });
  expect(digest).toMatch(/^0x[0-9a-f]{64}$/);
  await row.getByRole('button', { name: /^Approve on/ }).click();
  await expect(row.getByTestId('steward-signed')).toContainText(`sealed by ${label}`, { timeout: 15_000 });
}

/** A member's app on another machine: opens the invite, joins with the ledger file, and lands on the Commons' dashboard at `height`. */
export async function joinFromInvite(page: Page, url: string, invitePath: string, ledgerPath: string, name: string, height: number) {
  await page.goto(url);
  await nav(page, 'Join');
  await page.getByTestId('open-invite').setInputFiles(invitePath);
  await expect(page.getByTestId('invite')).toContainText(name);
  await page.getByTestId('join-ledger').setInputFiles(ledgerPath);
  await expect(page.getByTestId('ledger-height')).toHaveText(String(height), { timeout: 30_000 });
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

/** Imports an update file on the dashboard and waits for the height it reaches. */
export async function importUpdate(page: Page, updatePath: string, height: number) {
  await nav(page, 'Dashboard');
  await page.getByTestId('import-ledger').setInputFiles(updatePath);
  await expect(page.getByTestId('ledger-height')).toHaveText(String(height), { timeout: 30_000 });
}

/** A co-signer file as another member's app writes it (docs/backup-and-cosigner-files.md). */
export function cosignerFile(path: string, address: string, device: 'ledger' | 'trezor', index: number, label: string) {
  const file = { format: 'c3-cosigner', version: 1, address: getAddress(address), device, fingerprint: null, label, path: `m/44'/60'/0'/0/${index}`, createdAt: '2026-11-29T12:00:00.000Z' };
  writeFileSync(path, JSON.stringify(file, null, 2));
  return path;
}

/** Approves on the emulated device once its screen shows the request (a press before it waits is not taken). */
export async function approve(scope: Locator) {
  await expect(scope.getByRole('status', { name: 'The device shows' })).toBeVisible({ timeout: 15_000 });
  await scope.getByRole('button', { name: /^Approve on/ }).click();
}

/** In the vault wizard: adds account `index` of a device connected here as a signer, confirmed on its screen. */
export async function addConnected(page: Page, deviceId: string, index: number, label: string) {
  await page.getByLabel('Device of the new signer').selectOption(deviceId);
  await page.getByLabel('Account').fill(String(index));
  await page.getByLabel('Signer label').fill(label);
  await page.getByRole('button', { name: 'Show the address on the device and add it' }).click();
  await approve(page.getByTestId('wizard-device-prompt'));
  await expect(page.getByTestId('signer-note')).toContainText('Added');
}

/** In the vault wizard: adds a co-signer file's account once a device of its kind shows that address at its path. */
export async function addFromFile(page: Page, file: string, deviceId: string, signers: number) {
  await page.getByTestId('wizard-cosigner-file').setInputFiles(file);
  await page.getByLabel('Device to confirm the co-signer').selectOption(deviceId);
  await page.getByRole('button', { name: 'Verify on the device and add' }).click();
  await approve(page.getByTestId('wizard-device-prompt'));
  await expect(page.getByTestId('wizard-signer')).toHaveCount(signers);
}

/** Saves the open request (signed or not) as a file for co-signers or the stewards. */
export const saveRequest = (page: Page, path: string) => saved(page, () => page.getByRole('button', { name: /^Save (the signed )?request file/ }).click(), path);
