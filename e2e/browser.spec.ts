import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { bridgeUrl } from './support/bridge';

test.describe('browser mode', () => {
  test('a newcomer sees the Demo Commons dashboard, read from IndexedDB', async ({ page }, testInfo) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(bridgeUrl().url);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    await expect(page.getByTestId('demo-banner')).toContainText('Demo Commons');
    await expect(page.getByRole('heading', { level: 1, name: 'Demo Commons' })).toBeVisible();
    await expect(page.getByTestId('vault').first()).toBeVisible();
    await expect(page.getByText('emulated device').first()).toBeVisible();
    await expect(page.getByText('Browser mode · connected')).toBeVisible();
    // The one-time key leaves the address bar as soon as the page has read it.
    expect(page.url()).not.toContain('token=');

    const stored = await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name));
    expect(stored).toContain('c3-vault-demo');
    expect(stored).toContain('c3-vault');

    await page.screenshot({ path: testInfo.outputPath('demo-dashboard.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('the dashboard comes back after a reload, and Settings says how the app runs', async ({ page }) => {
    await page.goto(bridgeUrl().url);
    await expect(page.getByTestId('demo-banner')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('vault').first()).toBeVisible();
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByText('Browser mode, served on 127.0.0.1')).toBeVisible();
    // Browser mode has no keychain: Settings says the identity secret is a file protected only by its permissions.
    await expect(page.getByTestId('secret-protection')).toContainText('not encrypted');
    await expect(page.getByTestId('secret-protection')).toContainText('0600');
    // The circuits were checked against their manifest in the main process; the counts are the manifest's.
    await expect(page.getByTestId('zk-status')).toContainText('membership');
    await expect(page.getByTestId('zk-status')).toContainText('5,341 constraints · checked');
    await expect(page.getByTestId('zk-status')).toContainText('development keys');
    await page.getByLabel('My Commons').check();
    await page.getByRole('button', { name: 'Dashboard' }).click();
    await expect(page.getByText('No Commons yet')).toBeVisible();
    await expect(page.getByTestId('demo-banner')).toHaveCount(0);
    await page.getByRole('button', { name: 'Open the Demo Commons' }).click();
    await expect(page.getByTestId('demo-banner')).toBeVisible();
  });

  test('a page opened without the printed URL explains what to do instead of failing', async ({ page }) => {
    await page.goto(bridgeUrl().origin + '/');
    await expect(page.getByText('needs the address that the app printed')).toBeVisible();
  });

  test('a page from another origin cannot reach the services, even with the token', async ({ page }) => {
    const { port, token } = bridgeUrl();
    const foreign = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>elsewhere</title>'));
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    try {
      await page.goto(`http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`);
      const outcome = await page.evaluate(
        ({ port, token }) =>
          new Promise<string>((resolve) => {
            const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, [`c3-bridge.${token}`]);
            ws.onopen = () => resolve('open');
            ws.onerror = () => resolve('refused');
          }),
        { port, token },
      );
      expect(outcome).toBe('refused');
    } finally {
      foreign.close();
    }
  });
});
