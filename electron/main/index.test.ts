/**
 * Smoke test of the desktop app's main process: electron/main/index.ts runs unmodified against
 * the stand-in Electron (./testing/fake-electron.ts), with the real services behind it (only USB
 * and trezord discovery and the prover's warm-up are left off, as on a test machine), and the real
 * preload in its window. No Electron binary can be downloaded here; this is how the shell is proved.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../bridge/csp';
import { IPC_PREFIX } from '../../shared/contract/ipc';
import type * as Services from '../services';
import { type ServiceOptions } from '../services';
import { type FakeBrowserWindow, type FakeWebContents } from './testing/fake-electron';

const { fake, appPath, userData, started } = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('./testing/fake-electron');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'c3-shell-'));
  const appPath = path.join(root, 'app');
  const userData = path.join(root, 'user-data');
  fs.mkdirSync(userData);
  const started: { options: ServiceOptions | null; services: Services.Services | null } = { options: null, services: null };
  return { fake: createFakeElectron({ appPath, userData, isPackaged: true, version: '9.9.9' }), appPath, userData, started };
});
vi.mock('electron', () => fake.module);
// The real services, without looking for USB devices or trezord and without warming the prover.
vi.mock('../services', async (importOriginal) => {
  const real = await importOriginal<typeof Services>();
  return {
    ...real,
    createServices(options: ServiceOptions) {
      started.options = options;
      started.services = real.createServices({ ...options, hardware: false, warmProver: false });
      return started.services;
    },
  };
});

// What the build puts in the app folder: the renderer the c3:// scheme serves.
const rendererDir = join(appPath, 'out', 'renderer');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
const INDEX_HTML = '<!doctype html><html><head><title>C3 Vault</title></head><body><div id="root"></div></body></html>';
writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
writeFileSync(join(rendererDir, 'assets', 'index.js'), 'document.getElementById("root").textContent = "C3 Vault";');
writeFileSync(join(appPath, 'secret.txt'), 'not for the renderer');

let window: FakeBrowserWindow;
let contents: FakeWebContents;
type Exposed = { shell: string; call: Record<string, (payload: unknown) => Promise<unknown>>; on: (event: string, listener: (payload: unknown) => void) => () => void };

beforeAll(async () => {
  await import('./index');
  // Before ready, as Electron requires: the sandbox for every renderer, the c3 scheme privileged.
  expect(fake.app.sandboxEnabled).toBe(true);
  expect(fake.protocol.privileged).toEqual([{ scheme: 'c3', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  await fake.emitReady();
  await vi.waitFor(() => expect(fake.BrowserWindow.getAllWindows()[0]?.isVisible()).toBe(true));
  window = fake.BrowserWindow.getAllWindows()[0]!;
  contents = window.webContents;
});

afterAll(async () => {
  window?.close();
  await vi.waitFor(() => expect(fake.app.quitRequested).toBe(true));
});

const callFrom = (frame: ReturnType<FakeWebContents['attachSubframe']>, channel: string, payload: unknown = {}, from: FakeWebContents = contents) =>
  from.rendererFor(frame).invoke(`${IPC_PREFIX}${channel}`, payload);

describe('the desktop app, started under a stand-in Electron', () => {
  it('opens one window with the hardened web preferences and the built preload', () => {
    expect(fake.BrowserWindow.getAllWindows()).toHaveLength(1);
    expect(contents.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: join(appPath, 'out', 'preload', 'index.cjs'),
    });
    expect(window.options['title']).toBe('C3 Vault');
  });

  it('shows the renderer served by the c3:// scheme, with its Content-Security-Policy', async () => {
    expect(contents.getURL()).toBe('c3://app/index.html');
    const page = contents.lastResponse!;
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy());
    expect(page.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe(INDEX_HTML);

    const script = await fake.fetch('c3://app/assets/index.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy());
  });

  it('serves nothing outside the renderer build, nor for another host', async () => {
    for (const url of ['c3://app/..%2fsecret.txt', 'c3://app/%2e%2e/secret.txt', 'c3://app/missing.js', 'c3://other/index.html']) {
      const response = await fake.fetch(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('not for the renderer');
    }
  });

  it('answers a contract call from its own page, through the real preload', async () => {
    const c3 = await fake.runPreload(contents, async () => {
      await import('../preload/index');
      return contents.mainWorld['c3'] as Exposed;
    });
    expect(Object.keys(c3).sort()).toEqual(['call', 'on', 'shell']);
    expect(c3.shell).toBe('electron');
    const answer = await c3.call['app.info']!({});
    expect(answer).toEqual({
      ok: true,
      value: { name: 'C3 Vault', version: '9.9.9', platform: expect.any(String), shell: 'electron', emulatorsEnabled: false, secretProtection: 'os-keychain' },
    });
  });

  it('delivers the services’ events to its page', async () => {
    const c3 = contents.mainWorld['c3'] as Exposed;
    const seen: unknown[] = [];
    const stop = c3.on('task.progress', (payload) => seen.push(payload));
    const progress = { taskId: 'task-1', label: 'Proving', stage: 'witness', done: 1, total: 3, state: 'running' as const };
    started.services!.hub.publish('task.progress', progress);
    expect(seen).toEqual([progress]);
    stop();
    started.services!.hub.publish('task.progress', progress);
    expect(seen).toHaveLength(1);
    expect(() => c3.on('shell.exec', () => undefined)).toThrow('No event named "shell.exec"');
  });

  it('refuses calls from another origin, a file, and a frame inside its own page', async () => {
    const refused = { ok: false, error: { kind: 'SenderRejected', channel: 'app.info' } };
    // A subframe of the app's page, whatever it shows, is not the app.
    expect(await callFrom(contents.attachSubframe('https://evil.example/ad'), 'app.info')).toMatchObject(refused);
    expect(await callFrom(contents.attachSubframe('c3://app/index.html'), 'app.info')).toMatchObject(refused);
    // Pages that are not the app's: a second window the app never opens, showing them.
    for (const url of ['https://evil.example/', 'file:///home/member/Downloads/evil.html', 'c3://app.evil/index.html']) {
      const other = new fake.BrowserWindow({ show: false });
      other.webContents.mainFrame.url = url;
      expect(await callFrom(other.webContents.mainFrame, 'app.info', {}, other.webContents), url).toMatchObject(refused);
      other.close();
    }
  });

  it('keeps the page where it is: navigation, redirects, new windows and <webview> are refused', () => {
    expect(contents.navigate('https://evil.example/phish')).toBe(false);
    expect(contents.navigate('file:///etc/passwd')).toBe(false);
    expect(contents.redirect('https://evil.example/')).toBe(false);
    expect(contents.getURL()).toBe('c3://app/index.html');
    expect(contents.openWindow('https://evil.example/')).toBeNull();
    expect(contents.openWindow('c3://app/index.html')).toBeNull();
    expect(contents.attachWebview('https://evil.example/')).toBe(false);
    expect(fake.BrowserWindow.getAllWindows()).toHaveLength(1);
    // Within the app, the page may still move (a reload, an anchor).
    expect(contents.navigate('c3://app/index.html#settings')).toBe(true);
  });

  it('grants the page no permission and no device: devices belong to the main process', async () => {
    for (const permission of ['hid', 'usb', 'serial', 'media', 'notifications', 'clipboard-read', 'geolocation']) {
      expect(await fake.session.requestPermission(contents, permission), permission).toBe(false);
      expect(fake.session.checkPermission(contents, permission, 'c3://app'), permission).toBe(false);
    }
    expect(fake.session.checkDevicePermission('hid', 'c3://app')).toBe(false);
  });

  it('starts the services of the desktop app: keychain for the secret, nothing emulated outside the demo', async () => {
    // Real hardware is looked for (here left off, as on a test machine: see the mock above).
    expect(started.options).toMatchObject({ shell: 'electron', workspace: 'real', emulators: true, hardware: true, dataDir: userData });
    const c3 = contents.mainWorld['c3'] as Exposed;
    // Outside the demo the emulator source is not plugged in at all.
    expect(started.services!.emulators).toBeNull();
    expect(started.services!.devices.sources()).toEqual([]);
    expect(await c3.call['devices.emulator.attach']!({ vendor: 'ledger', autoApprove: true })).toMatchObject({ ok: false, error: { kind: 'DemoWorkspaceOnly' } });
    expect(await c3.call['workspace.open']!({ workspace: 'demo' })).toEqual({ ok: true, value: { workspace: 'demo', emulatorsEnabled: true } });
    expect(started.services!.devices.sources()).toEqual([started.services!.emulators]);
    expect(started.services!.emulators).not.toBeNull();
    expect(await c3.call['app.info']!({})).toMatchObject({ ok: true, value: { emulatorsEnabled: true } });
    expect(await c3.call['workspace.open']!({ workspace: 'real' })).toEqual({ ok: true, value: { workspace: 'real', emulatorsEnabled: false } });
    expect(started.services!.devices.sources()).toEqual([]);
  });

  it('sets a menu without developer tools in the packaged app', () => {
    const menu = fake.Menu.getApplicationMenu();
    expect(menu).not.toBeNull();
    expect(menu!.flatten().map((item) => item.role)).not.toContain('toggleDevTools');
  });
});
