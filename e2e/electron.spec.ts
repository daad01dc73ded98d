/**
 * The desktop app itself, launched through Playwright's Electron driver. It runs wherever
 * an Electron binary and a display exist; elsewhere (machines that cannot download the
 * binary) it is reported as skipped, with the reason.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary, noDisplayReason } from '../scripts/electron-binary.mjs';

const binary = findElectronBinary();
const reason = 'missing' in binary ? `no Electron binary is installed (${binary.missing})` : noDisplayReason();

test('the desktop app opens the Demo Commons in a hardened window', async () => {
  if (reason) console.log(`Electron smoke test skipped: ${reason}.`);
  test.skip(reason !== null, `Electron smoke test skipped: ${reason}`);

  const app = await electron.launch({ executablePath: 'path' in binary ? binary.path : undefined, args: ['.'], env: { ...process.env, NODE_ENV: 'production' } });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('demo-banner')).toBeVisible();
    await expect(window.getByText('Desktop app')).toBeVisible();
    // The renderer has no Node and no Electron: only the contract the preload exposes.
    const globals = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      c3: Object.keys((globalThis as { c3?: object }).c3 ?? {}).sort(),
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', c3: ['call', 'on', 'shell'] });
    await window.screenshot({ path: test.info().outputPath('electron-dashboard.png') });
  } finally {
    await app.close();
  }
});
