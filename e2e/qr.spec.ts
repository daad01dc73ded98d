/**
 * A signing request handed over as an animated QR code (issue 16): shown on the request screen,
 * its frames captured as images (as a phone's camera or a screenshot would), and read back on the
 * Co-sign page from those images, in another order, into the same request.
 */
import { expect, test } from '@playwright/test';
import { bridgeUrl } from './support/bridge';

test('a request shown as an animated QR code reads back from images of its frames', async ({ page }, testInfo) => {
  await page.goto(bridgeUrl().url);
  await expect(page.getByTestId('vault').filter({ hasText: "Bob's vault" })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Co-sign' }).click();
  await page.getByLabel('From vault').selectOption({ label: "Alice's vault (2-of-2)" });
  await page.getByLabel('To vault').selectOption({ label: "Bob's vault" });
  await page.getByLabel('Amount').fill('3');
  await page.getByRole('button', { name: 'Create signing request' }).click();
  await expect(page.getByTestId('action-words')).toContainText('Send 3 CONX from Alice');
  const words = await page.getByTestId('action-words').innerText();

  await page.getByTestId('show-qr').click();
  await page.getByTestId('qr-density').selectOption('100');
  await expect(page.getByTestId('qr-summary')).toContainText('frames, cycling');
  const code = page.getByTestId('qr-code');
  const frames = new Map<string, Buffer>();
  // Fountain codes: past the first frames each one mixes several fragments, so a camera that
  // misses some needs more than the fragment count. Four times as many frames as fragments make a
  // failure to assemble vanishingly rare (eight proved too few for one run in forty).
  for (let shot = 0; shot < 160 && frames.size < 16; shot++) {
    const text = await code.getAttribute('data-frame');
    if (text && !frames.has(text)) frames.set(text, await code.screenshot());
    await page.waitForTimeout(120);
  }
  await page.screenshot({ path: testInfo.outputPath('request-as-qr.png'), fullPage: true });
  expect(frames.size).toBeGreaterThanOrEqual(12);

  await page.getByRole('button', { name: 'Close' }).click();
  // The frames, last first, as image files picked together.
  const images = [...frames.values()].reverse().map((buffer, i) => ({ name: `frame-${i}.png`, mimeType: 'image/png', buffer }));
  await page.getByTestId('scan-qr-images').setInputFiles(images);
  await expect(page.getByTestId('action-words')).toHaveText(words, { timeout: 20_000 });
  await page.screenshot({ path: testInfo.outputPath('request-read-from-qr.png'), fullPage: true });
});
