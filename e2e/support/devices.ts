/** Helpers for the device flows: plugging in emulated devices, composing and co-signing a request. */
import { expect, type Page } from '@playwright/test';

/** Plugs in an emulated device through the Devices page and returns its id (the new row's). */

export async function plugIn(page: Page, vendor: 'ledger' | 'trezor', options: { otherKeys?: boolean } = {}): Promise<string> {
  await page.getByRole('button', { name: 'Devices', exact: true }).click();
  const rows = page.locator(`[data-testid="device"][data-vendor="${vendor}"]`);
  const button = options.otherKeys
    ? page.getByRole('button', { name: 'Plug in a second emulated Ledger (other test keys)' })
    : page.getByRole('button', { name: `Plug in an emulated ${vendor === 'ledger' ? 'Ledger' : 'Trezor'}` });
  await expect(button).toBeEnabled();
  const before = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-device-id')));
  await button.click();
  await expect(rows).toHaveCount(before.length + 1, { timeout: 20_000 });
  const after = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-device-id')));
  const id = after.find((candidate) => !before.includes(candidate));
  if (!id) throw new Error('no new device appeared');
  await expect(page.locator(`[data-device-id="${id}"]`).getByText('emulated device')).toBeVisible();
  return id;
}

/** Composes 12.5 CONX from Alice's 2-of-2 vault to Bob's, and checks what the devices will be shown. */
export async function newRequest(page: Page) {
  await page.getByRole('button', { name: 'Co-sign' }).click();
  await page.getByLabel('From vault').selectOption({ label: "Alice's vault (2-of-2)" });
  await page.getByLabel('To vault').selectOption({ label: "Bob's vault" });
  await page.getByLabel('Amount').fill('12.5');
  await page.getByRole('button', { name: 'Create signing request' }).click();
  // Names from the verified ledger, each with the vault's full address (shared/quorum/describe.ts).
  await expect(page.getByTestId('action-words')).toHaveText(
    /^Send 12\.5 CONX from Alice's vault \(member vault of Alice, 0x[0-9a-f]{40}\) to Bob's vault \(member vault of Bob, 0x[0-9a-f]{40}\)$/,
  );
  await expect(page.getByTestId('domain-hash')).toHaveText(/^0x[0-9a-f]{64}$/);
  await expect(page.getByTestId('message-hash')).toHaveText(/^0x[0-9a-f]{64}$/);
}

export const signerRow = (page: Page, label: string) => page.getByTestId('signer-row').filter({ hasText: label });

/** Starts signing as `label` on the given device and waits for its prompt. */
export async function signWith(page: Page, label: string, deviceId: string) {
  const row = signerRow(page, label);
  await row.getByLabel(`Device for ${label}`).selectOption(deviceId);
  await row.getByRole('button', { name: `Sign as ${label}` }).click();
  await expect(row.getByTestId('signing-prompt')).toBeVisible({ timeout: 15_000 });
  return row;
}

/** The two emulated devices a spec plugged in, by their ids. */
export interface Devices {
  readonly ledger: string;
  readonly trezor: string;
}

/** Signs the open request with each signer named, submits it to the stewards, waits until this app verified it, and closes it. */
export async function signAndSubmit(page: Page, devices: Devices, signers: readonly string[], words: RegExp) {
  await expect(page.getByTestId('action-words')).toHaveText(words);
  for (const label of signers) {
    const row = await signWith(page, label, label.includes('Trezor') || label === 'Steward Emeka' ? devices.trezor : devices.ledger);
    await expect(row.getByRole('status', { name: 'The device shows' })).toBeVisible();
    // The device list may still say "waiting" from the request this device just signed: press
    // again (the button is disabled once nothing waits) until this request's signature is in.
    const verified = row.getByTestId('signature-verified');
    await expect(async () => {
      if (!(await verified.isVisible())) await row.getByRole('button', { name: /^Approve on/ }).click({ timeout: 2_000 });
      await expect(verified).toContainText(`signed by ${label}`, { timeout: 4_000 });
    }).toPass({ timeout: 30_000 });
  }
  await page.getByRole('button', { name: 'Submit to the stewards' }).click();
  await expect(page.getByTestId('sequenced')).toBeVisible();
  await expect(page.getByTestId('request-state')).toHaveAttribute('data-state', 'executed', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Close' }).click();
}
