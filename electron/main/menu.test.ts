import { describe, expect, it, vi } from 'vitest';
import { buildMenu } from './menu';
import { type FakeMenu } from './testing/fake-electron';

const { fake } = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('./testing/fake-electron');
  return { fake: createFakeElectron({ appPath: '/nowhere', userData: '/nowhere', version: '1.2.3' }) };
});
vi.mock('electron', () => fake.module);

const items = (isDev: boolean) => (buildMenu({ isDev }) as unknown as FakeMenu).flatten();

describe('the application menu', () => {
  it('offers the developer tools only in development', () => {
    expect(items(false).map((item) => item.role)).not.toContain('toggleDevTools');
    expect(items(true).map((item) => item.role)).toContain('toggleDevTools');
  });

  it('loads nothing remote: its one item of its own shows the version in a local dialog', async () => {
    const own = items(false).filter((item) => item.click);
    expect(own.map((item) => item.label)).toEqual(['About C3 Vault']);
    for (const item of own) item.click!();
    await Promise.resolve();
    expect(fake.shell.opened).toEqual([]);
    expect(fake.dialog.shown).toEqual([expect.objectContaining({ title: 'About C3 Vault', message: 'C3 Vault 1.2.3' })]);
    expect(fake.BrowserWindow.getAllWindows()).toEqual([]);
  });
});
