/** Plugs in an emulated device through the Devices page and returns its id (the new row's). */
import { expect, type Page } from '@playwright/test';

export async function plugIn(page: Page, vendor: 'ledger' | 'trezor'): Promise<string> {
  await page.getByRole('button', { name: 'Devices', exact: true }).click();
  const rows = page.locator(`[data-testid="device"][data-vendor="${vendor}"]`);
  await expect(page.getByRole('button', { name: `Plug in an emulated ${vendor === 'ledger' ? 'Ledger' : 'Trezor'}` })).toBeEnabled();
  const before = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-device-id')));
  await page.getByRole('button', { name: `Plug in an emulated ${vendor === 'ledger' ? 'Ledger' : 'Trezor'}` }).click();
  await expect(rows).toHaveCount(before.length + 1, { timeout: 20_000 });
  const after = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-device-id')));
  const id = after.find((candidate) => !before.includes(candidate));
  if (!id) throw new Error('no new device appeared');
  await expect(page.locator(`[data-device-id="${id}"]`).getByText('emulated device')).toBeVisible();
  return id;
}
