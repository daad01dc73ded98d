import { describe, expect, it, vi } from 'vitest';
import { channels } from '../../shared/contract/channels';
import { IPC_EVENT, IPC_PREFIX } from '../../shared/contract/ipc';

const { fake } = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('../main/testing/fake-electron');
  return { fake: createFakeElectron({ appPath: '/nowhere', userData: '/nowhere' }) };
});
vi.mock('electron', () => fake.module);
await fake.emitReady();

type Exposed = { shell: string; call: Record<string, (payload: unknown) => Promise<unknown>>; on: (event: string, listener: (payload: unknown) => void) => () => void };

const window = new fake.BrowserWindow({ show: false });
window.webContents.mainFrame.url = 'c3://app/index.html';
const c3 = await fake.runPreload(window.webContents, async () => {
  await import('./index');
  return window.webContents.mainWorld['c3'] as Exposed;
});

describe('the preload', () => {
  it('exposes the contract and nothing else: one function per channel, a subscription, the shell’s name', () => {
    expect(Object.keys(window.webContents.mainWorld)).toEqual(['c3']);
    expect(Object.keys(c3).sort()).toEqual(['call', 'on', 'shell']);
    expect(Object.keys(c3.call).sort()).toEqual(Object.keys(channels).sort());
    expect(c3.shell).toBe('electron');
  });

  it('sends each call on its own channel, with the payload as given', async () => {
    const seen: unknown[] = [];
    fake.ipcMain.handle(`${IPC_PREFIX}devices.list`, (event, payload) => {
      seen.push({ url: event.senderFrame?.url, payload });
      return { ok: true, value: { devices: [] } };
    });
    expect(await c3.call['devices.list']!({})).toEqual({ ok: true, value: { devices: [] } });
    expect(seen).toEqual([{ url: 'c3://app/index.html', payload: {} }]);
  });

  it('subscribes only to the contract’s events, and each listener hears only its own', () => {
    expect(() => c3.on('ipc.anything', () => undefined)).toThrow('No event named "ipc.anything"');
    const heard: unknown[] = [];
    const stop = c3.on('devices.changed', (payload) => heard.push(payload));
    window.webContents.send(IPC_EVENT, 'task.progress', { taskId: 'task-1' });
    window.webContents.send(IPC_EVENT, 'devices.changed', { devices: [] });
    expect(heard).toEqual([{ devices: [] }]);
    stop();
    window.webContents.send(IPC_EVENT, 'devices.changed', { devices: [] });
    expect(heard).toHaveLength(1);
  });
});
