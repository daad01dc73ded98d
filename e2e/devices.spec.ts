/**
 * The device UX in Chromium against the browser mode: emulated Ledger and Trezor (the real wire
 * protocols behind the vendors' own libraries), co-signing a Commons action, hotplug mid-request,
 * and the plain-words errors of a locked device and a wrong app. The server is shared by every
 * test, so each plugs in devices of its own and uses those.
 */
import { expect, test } from '@playwright/test';
import { bridgeUrl } from './support/bridge';
import { newRequest, plugIn, signerRow, signWith } from './support/devices';

/** The first addresses (m/44'/60'/0'/0/0) of the two public test seeds the emulated Ledgers use. */
const SPECULOS_FIRST = '0xDad7…6D8D';
const ABANDON_FIRST = '0x9858…da94';

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

  test('a Ledger request cancelled from the app ends on the device and in the app, also after a reload, and the next request works', async ({ page }, testInfo) => {
    await page.goto(bridgeUrl().url);
    const ledger = await plugIn(page, 'ledger');
    const device = page.locator(`[data-device-id="${ledger}"]`);
    const screen = device.getByRole('status', { name: 'The device shows' });

    // Cancelled from the Devices page while the device waits.
    await device.getByRole('button', { name: 'Verify address on device' }).click();
    await expect(screen).toContainText('Check the address'); // words, not "verify-address"
    await expect(device.getByTestId('device-state')).toHaveText('waiting for you on the device');
    await device.getByRole('button', { name: /^Cancel the request on/ }).click();
    await expect(device.getByRole('alert')).toContainText('Cancelled in C3 Vault');
    await expect(device.getByRole('alert')).toContainText('Nothing was signed');
    await expect(screen).toHaveCount(0);
    await expect(device.getByTestId('device-state')).toHaveText('connected');
    await expect(device.getByRole('button', { name: /^Approve on/ })).toBeDisabled(); // the device no longer waits
    await page.screenshot({ path: testInfo.outputPath('cancelled-on-devices-page.png'), fullPage: true });

    // The next request works.
    await device.getByRole('button', { name: 'Verify address on device' }).click();
    await expect(screen).toBeVisible();
    await device.getByRole('button', { name: /^Approve on/ }).click();
    await expect(device.getByTestId('device-address')).toContainText('confirmed on the device');

    // A request left waiting by a page reload: the device still shows its prompt and a Cancel.
    await device.getByRole('button', { name: 'Verify address on device' }).click();
    await expect(screen).toBeVisible();
    await page.reload();
    await page.getByRole('button', { name: 'Devices', exact: true }).click();
    await expect(device.getByTestId('device-state')).toHaveText('waiting for you on the device');
    await expect(screen).toContainText('Check the address');
    await page.screenshot({ path: testInfo.outputPath('waiting-after-reload.png'), fullPage: true });
    await device.getByRole('button', { name: /^Cancel the request on/ }).click();
    await expect(screen).toHaveCount(0);
    await expect(device.getByTestId('device-state')).toHaveText('connected');

    // And in the co-signing flow: cancelled, the prompt leaves, and signing again works.
    await newRequest(page);
    const row = await signWith(page, 'Alice · Ledger', ledger);
    await expect(row.getByRole('status', { name: 'The device shows' })).toContainText('Sign structured data (EIP-712)');
    await row.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(row.getByTestId('signing-failed')).toContainText('Cancelled in C3 Vault');
    await expect(row.getByTestId('signing-prompt')).toHaveCount(0);
    await row.getByRole('button', { name: 'Try again' }).click();
    await expect(row.getByTestId('signing-prompt')).toBeVisible();
    await row.getByRole('button', { name: /^Approve on/ }).click();
    await expect(row.getByTestId('signature-verified')).toContainText('signed by Alice · Ledger');
  });

  test('two emulated Ledgers of one model are told apart by their first address, in the list and in the picker', async ({ page }, testInfo) => {
    await page.goto(bridgeUrl().url);
    const first = await plugIn(page, 'ledger');
    const second = await plugIn(page, 'ledger', { otherKeys: true });
    const rowOf = (id: string) => page.locator(`[data-device-id="${id}"]`);
    await expect(rowOf(first).getByTestId('device-first-address')).toHaveText('0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D');
    await expect(rowOf(second).getByTestId('device-first-address')).toHaveText('0x9858EfFD232B4033E47d90003D41EC34EcaEda94');
    await expect(rowOf(second).getByText('emulated device')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('two-ledgers.png'), fullPage: true });

    await newRequest(page);
    const picker = signerRow(page, 'Alice · Ledger').getByLabel('Device for Alice · Ledger');
    await expect(picker.locator(`option[value="${first}"]`)).toHaveText(`Emulated Ledger Nano S Plus · ${SPECULOS_FIRST} (emulated device) — connected`);
    await expect(picker.locator(`option[value="${second}"]`)).toHaveText(`Emulated Ledger Nano S Plus · ${ABANDON_FIRST} (emulated device) — connected`);
    // The Trezor row does not offer Ledgers, and says why.
    await expect(signerRow(page, 'Alice · Trezor').getByLabel('Devices not offered')).toContainText('this key is on a Trezor');
  });

  test('a malformed derivation path is named part by part as the member’s input, and its button looks disabled', async ({ page }, testInfo) => {
    await page.goto(bridgeUrl().url);
    const ledger = await plugIn(page, 'ledger');
    const device = page.locator(`[data-device-id="${ledger}"]`);
    await device.getByLabel(/^Derivation path on/).fill("m/44'/60x'/0'/0/0");
    await expect(device.getByTestId('path-problem')).toHaveText(`Part 3, “60x'”, is not a step: write a whole number, with ' after it for a hardened step (as in 44').`);
    const verify = device.getByRole('button', { name: 'Verify address on device' });
    await expect(verify).toBeDisabled();
    expect(await verify.evaluate((el) => Number(getComputedStyle(el).opacity))).toBeLessThan(0.6);
    await expect(device.getByText('bug in C3 Vault')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('malformed-path.png'), fullPage: true });
    await device.getByLabel(/^Derivation path on/).fill("m/44'/60'/0'/0/1");
    await expect(verify).toBeEnabled();
    await expect(device.getByTestId('path-problem')).toHaveCount(0);
  });

  test("a vault signer's address is verified on its device from the vault's page", async ({ page }, testInfo) => {
    await page.goto(bridgeUrl().url);
    const ledger = await plugIn(page, 'ledger');
    await page.getByRole('button', { name: 'Dashboard', exact: true }).click();
    const vault = page.getByTestId('vault').filter({ hasText: "Alice's vault" });
    const signer = vault.getByTestId('vault-signer').filter({ hasText: 'Alice · Ledger' });
    await signer.getByRole('button', { name: 'Verify Alice · Ledger on a device' }).click();
    const panel = signer.getByTestId('verify-signer');
    // Which device holds the key is said before the member picks one.
    await expect(panel.getByTestId('key-holder')).toContainText(/^Alice · Ledger’s key \(0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4}\) is on Emulated Ledger Nano S Plus/);
    await panel.getByLabel('Device to verify Alice · Ledger').selectOption(ledger);
    await panel.getByRole('button', { name: 'Show the address on the device' }).click();
    const address = (await signer.getAttribute('data-signer')) ?? '';
    await expect(panel.getByRole('status', { name: 'The device shows' })).toContainText(new RegExp(address, 'i'));
    await page.screenshot({ path: testInfo.outputPath('verify-signer-prompt.png'), fullPage: true });
    await panel.getByRole('button', { name: /^Approve on/ }).click();
    await expect(panel.getByTestId('signer-verified')).toContainText('confirmed on the device');
    await expect(panel.getByTestId('signer-verified')).toContainText(new RegExp(address, 'i'));
    await page.screenshot({ path: testInfo.outputPath('verify-signer-done.png'), fullPage: true });
  });
});
