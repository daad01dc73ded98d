import { type BrowserWindow } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { channels } from '../../shared/contract/channels';
import { type Dispatch } from '../../shared/contract/dispatch';
import { IPC_EVENT, IPC_PREFIX } from '../../shared/contract/ipc';
import { ok } from '../../shared/result';
import { createEventHub } from '../services/events';
import { wireIpc } from './ipc';
import { isAppUrl } from './protocol';
import { type FakeWebContents, type FakeWebFrameMain } from './testing/fake-electron';

const { fake } = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('./testing/fake-electron');
  return { fake: createFakeElectron({ appPath: '/nowhere', userData: '/nowhere' }) };
});
vi.mock('electron', () => fake.module);
await fake.emitReady();

/** The gate under test, with a dispatcher that records what reached it. */
function wired() {
  const reached: { channel: unknown; payload: unknown; via: string }[] = [];
  const dispatch: Dispatch = async (channel, payload, context) => {
    reached.push({ channel, payload, via: context.via });
    return ok({ answered: channel });
  };
  const hub = createEventHub();
  const window = new fake.BrowserWindow({ show: false });
  window.webContents.mainFrame.url = 'c3://app/index.html';
  const unwire = wireIpc(dispatch, hub, isAppUrl, () => fake.BrowserWindow.getAllWindows() as unknown as BrowserWindow[]);
  const call = (frame: FakeWebFrameMain, channel = 'app.info', payload: unknown = {}, contents: FakeWebContents = window.webContents) =>
    contents.rendererFor(frame).invoke(`${IPC_PREFIX}${channel}`, payload);
  const done = () => {
    unwire();
    for (const w of fake.BrowserWindow.getAllWindows()) w.close();
  };
  return { reached, hub, window, call, done };
}

const refused = (channel = 'app.info') => ({ ok: false, error: { kind: 'SenderRejected', channel } });

describe('the IPC gate', () => {
  it("answers a call from the app's own page, c3://app/index.html, in its top frame", async () => {
    const { reached, window, call, done } = wired();
    expect(await call(window.webContents.mainFrame)).toEqual({ ok: true, value: { answered: 'app.info' } });
    expect(reached).toEqual([{ channel: 'app.info', payload: {}, via: 'ipc' }]);
    done();
  });

  it('refuses a page of another origin, and nothing reaches the services', async () => {
    const { reached, call, done } = wired();
    for (const url of ['https://evil.example/', 'file:///tmp/evil.html', 'c3://app.evil/index.html', 'c3://app:1/index.html', 'data:text/html,x', 'about:blank']) {
      const other = new fake.BrowserWindow({ show: false });
      other.webContents.mainFrame.url = url;
      expect(await call(other.webContents.mainFrame, 'app.info', {}, other.webContents), url).toMatchObject(refused());
    }
    expect(reached).toEqual([]);
    done();
  });

  it("refuses a subframe of the app's page, whatever URL it shows", async () => {
    const { reached, window, call, done } = wired();
    const contents = window.webContents;
    expect(await call(contents.attachSubframe('https://evil.example/ad'))).toMatchObject(refused());
    expect(await call(contents.attachSubframe('c3://app/index.html'))).toMatchObject(refused());
    const nested = contents.attachSubframe('c3://app/index.html', contents.attachSubframe('c3://app/index.html'));
    expect(await call(nested, 'devices.list')).toMatchObject(refused('devices.list'));
    expect(reached).toEqual([]);
    done();
  });

  it('refuses a call whose frame is gone before it is handled (senderFrame null)', async () => {
    const { reached, window, call, done } = wired();
    const frame = window.webContents.attachSubframe('c3://app/index.html');
    frame.destroy();
    expect(await call(frame)).toMatchObject(refused());
    expect(reached).toEqual([]);
    done();
  });

  it('registers exactly one handler per channel of the contract, and unwiring removes them all', () => {
    const { done } = wired();
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(Object.keys(channels).map((name) => `${IPC_PREFIX}${name}`).sort());
    done();
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('sends events to every open window, encoded by their schema', () => {
    const { hub, window, done } = wired();
    const seen: unknown[][] = [];
    window.webContents.rendererFor().on(IPC_EVENT, (_event, ...args) => seen.push(args));
    const progress = { taskId: 'task-7', label: 'Proving', stage: 'proving', done: 2, total: 3, state: 'running' as const };
    hub.publish('task.progress', progress);
    expect(seen).toEqual([['task.progress', progress]]);
    const closed = new fake.BrowserWindow({ show: false });
    closed.close();
    hub.publish('task.progress', progress); // a closed window is skipped, not an error
    expect(seen).toHaveLength(2);
    done();
  });
});
