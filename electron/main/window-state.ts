/**
 * Remembers the main window's size, position and maximised state between runs, and puts a
 * window that would open off every screen (a monitor unplugged since) back on the primary one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserWindow, type Rectangle, screen } from 'electron';
import { z } from 'zod';

const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(10_000),
  height: z.number().int().min(300).max(10_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

const DEFAULT_STATE: WindowState = { width: 1280, height: 820, maximized: false };

export function loadWindowState(userDataDir: string): WindowState {
  try {
    const saved = WindowState.parse(JSON.parse(readFileSync(join(userDataDir, 'window-state.json'), 'utf8')));
    return isVisible(saved) ? saved : { ...saved, x: undefined, y: undefined };
  } catch {
    return DEFAULT_STATE;
  }
}

function isVisible(state: WindowState): boolean {
  if (state.x === undefined || state.y === undefined) return true;
  const rect: Rectangle = { x: state.x, y: state.y, width: state.width, height: state.height };
  return screen.getAllDisplays().some(({ workArea }) =>
    rect.x < workArea.x + workArea.width && rect.x + rect.width > workArea.x && rect.y < workArea.y + workArea.height && rect.y + rect.height > workArea.y,
  );
}

export function trackWindowState(window: BrowserWindow, userDataDir: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    if (window.isDestroyed()) return;
    const bounds = window.getNormalBounds();
    const state: WindowState = { ...bounds, maximized: window.isMaximized() };
    try {
      writeFileSync(join(userDataDir, 'window-state.json'), JSON.stringify(state));
    } catch {
      // Losing the window's position is not worth interrupting anyone for.
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', () => {
    clearTimeout(timer);
    save();
  });
}
