/**
 * The device UX in Chromium against the browser mode: emulated Ledger and Trezor (the real wire
 * protocols behind the vendors' own libraries), co-signing a Commons action, hotplug mid-request,
 * and the plain-words errors of a locked device and a wrong app. The server is shared by every
 * test, so each plugs in devices of its own and uses those.
 */
import { expect, test } from '@playwright/test';
import { bridgeUrl } from './support/bridge';
import { newRequest, plugIn, signWith } from './support/devices';

test.describe('hardware signers', () => {
  test('a Commons action co-signed on an emulated Ledger and an emulated Trezor, both signatures verified', async ({ page }, testInfo) => {
    await page.goto(bridgeUrl().url);
    const ledger = await plugIn(page, 'ledger');
    const trezor = await plugIn(page, 'trezor');
    await newRequest(page);
    await expect(page.getByTestId('quorum')).toHaveText('0 of 2 signatures');

    const ledgerRow = await signWith(page, 'Alice · Ledger', ledger);
    // While the device waits, the prompt shows what the device shows.
    await expect(ledgerRow.getByRole('status', { name: 'The device shows' })).toBeVisible();
    await ledgerRow.getByRole('button', { name: /^Approve on/ }).click();
    await expect(ledgerRow.getByTestId('signature-verified')).toContainText('signed by Alice · Ledger');
    await expect(page.getByTestId('quorum')).toHaveText('1 of 2 signatures');

    const trezorRow = await signWith(page, 'Alice · Trezor', trezor);
    await trezorRow.getByRole('button', { name: /^Approve on/ }).click();
    await expect(trezorRow.getByTestId('signature-verified')).toContainText('signed by Alice · Trezor');
    await expect(page.getByTestId('quorum')).toHaveText('2 of 2 signatures — quorum reached');
    await page.screenshot({ path: testInfo.outputPath('co-signed.png'), fullPage: true });
  });

  test('unplugging a device mid-request shows it disconnected with a retry; plugged back, it is listed and signs', async ({ page }) => {
    await page.goto(bridgeUrl().url);
    const ledger = await plugIn(page, 'ledger');
    await newRequest(page);
    const row = await signWith(page, 'Alice · Ledger', ledger);
    await row.getByRole('button', { name: /^Unplug/ }).click();
    await expect(row.getByTestId('signing-failed')).toContainText('disconnected');
    await expect(row.getByRole('button', { name: 'Try again' })).toBeVisible();

    await row.getByRole('button', { name: /^Plug in/ }).click();
    await row.getByRole('button', { name: 'Try again' }).click();
    await expect(row.getByTestId('signing-prompt')).toBeVisible({ timeout: 15_000 });
    await row.getByRole('button', { name: /^Approve on/ }).click();
    await expect(row.getByTestId('signature-verified')).toBeVisible();

    await page.getByRole('button', { name: 'Devices', exact: true }).click();
    await expect(page.locator(`[data-device-id="${ledger}"]`).getByTestId('device-state')).toHaveText('connected');
  });

  test('a locked device and a wrong app are explained in plain words with the next step', async ({ page }) => {
    await page.goto(bridgeUrl().url);
    const ledger = await plugIn(page, 'ledger');
    const device = page.locator(`[data-device-id="${ledger}"]`);
    await device.getByRole('button', { name: /^Lock/ }).click();
    await expect(device.getByTestId('device-state')).toHaveText('locked');
    await device.getByRole('button', { name: 'Verify address on device' }).click();
    await expect(device.getByRole('alert')).toContainText('Your Ledger is locked.');
    await expect(device.getByRole('alert')).toContainText('Unlock it with your PIN on the device');

    await device.getByRole('button', { name: /^Unlock/ }).click();
    await device.getByLabel(/^App open on/).selectOption('Bitcoin');
    await device.getByRole('button', { name: 'Verify address on device' }).click();
    await expect(device.getByRole('alert')).toContainText('Open the Ethereum app on your Ledger');

    await device.getByLabel(/^App open on/).selectOption('Ethereum');
    await device.getByRole('button', { name: 'Verify address on device' }).click();
    await device.getByRole('button', { name: /^Approve on/ }).click();
    await expect(device.getByTestId('device-address')).toContainText('confirmed on the device');
  });
});
