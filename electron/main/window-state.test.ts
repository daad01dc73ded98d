import { type BrowserWindow } from 'electron';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadWindowState, trackWindowState } from './window-state';

const { fake } = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('./testing/fake-electron');
  return { fake: createFakeElectron({ appPath: '/nowhere', userData: '/nowhere' }) };
});
vi.mock('electron', () => fake.module);
await fake.emitReady();

const folder = () => mkdtempSync(join(tmpdir(), 'c3-window-state-'));
const save = (dir: string, state: unknown) => writeFileSync(join(dir, 'window-state.json'), JSON.stringify(state));

describe('the window’s size and place', () => {
  it('start at the default the first time, and after a damaged or hostile file', () => {
    const dir = folder();
    expect(loadWindowState(dir)).toEqual({ width: 1280, height: 820, maximized: false });
    for (const saved of ['{not json', { width: 1e9, height: 800, maximized: false }, { width: 800, height: 600, maximized: 'yes' }, { width: 800.5, height: 600, maximized: false }]) {
      writeFileSync(join(dir, 'window-state.json'), typeof saved === 'string' ? saved : JSON.stringify(saved));
      expect(loadWindowState(dir)).toEqual({ width: 1280, height: 820, maximized: false });
    }
  });

  it('come back as they were left, on a screen that is still there', () => {
    const dir = folder();
    save(dir, { x: 200, y: 100, width: 1000, height: 700, maximized: true });
    expect(loadWindowState(dir)).toEqual({ x: 200, y: 100, width: 1000, height: 700, maximized: true });
  });

  it('move back onto a screen when the one they were on is gone', () => {
    const dir = folder();
    save(dir, { x: 4000, y: 100, width: 1000, height: 700, maximized: false });
    expect(loadWindowState(dir)).toEqual({ x: undefined, y: undefined, width: 1000, height: 700, maximized: false });
  });

  it('are saved when the window closes, and shortly after it moves', async () => {
    const dir = folder();
    const window = new fake.BrowserWindow({ x: 10, y: 20, width: 900, height: 650, show: false });
    trackWindowState(window as unknown as BrowserWindow, dir);
    window.setBounds({ x: 30 });
    await vi.waitFor(() => expect(JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8'))).toEqual({ x: 30, y: 20, width: 900, height: 650, maximized: false }), { timeout: 2000 });
    window.maximize();
    window.close();
    expect(JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8'))).toEqual({ x: 30, y: 20, width: 900, height: 650, maximized: true });
  });
});
