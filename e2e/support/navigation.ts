/**
 * Moving between pages from the sidebar. A click only changes the URL's hash; the app shows the new
 * page once the hashchange event is handled, so until then the page before is still there, and a
 * locator such as "Your vault" would land on its controls. Waiting for the sidebar to mark the
 * page as current means the page before is gone.
 */
import { expect, type Page } from '@playwright/test';

export async function goTo(page: Page, label: string): Promise<void> {
  const item = page.getByRole('button', { name: label, exact: true });
  await item.click();
  await expect(item).toHaveAttribute('aria-current', 'page');
}
