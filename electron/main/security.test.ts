import { type Session } from 'electron';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../bridge/csp';
import { isAppUrl } from './protocol';
import { hardenAllWebContents, hardenSession } from './security';

const { fake } = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('./testing/fake-electron');
  return { fake: createFakeElectron({ appPath: '/nowhere', userData: '/home/member/.config/c3-vault', documents: '/home/member/Documents' }) };
});
vi.mock('electron', () => fake.module);

hardenAllWebContents(isAppUrl);
await fake.emitReady();

/** A window showing the app's page, as the shell opens it. */
function appWindow() {
  const window = new fake.BrowserWindow({ show: false });
  window.webContents.mainFrame.url = 'c3://app/index.html';
  return window;
}

describe('every web contents the app creates', () => {
  it('stays on the app: navigating or being redirected elsewhere is prevented', () => {
    const { webContents } = appWindow();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'c3://app.evil/', 'http://localhost:5173/', 'data:text/html,x']) {
      expect(webContents.navigate(url), url).toBe(false);
      expect(webContents.redirect(url), url).toBe(false);
    }
    expect(webContents.getURL()).toBe('c3://app/index.html');
    expect(webContents.navigate('c3://app/index.html#vote')).toBe(true);
  });

  it('opens no window, not even one of its own pages', () => {
    const { webContents } = appWindow();
    const before = fake.BrowserWindow.getAllWindows().length;
    expect(webContents.openWindow('https://evil.example/')).toBeNull();
    expect(webContents.openWindow('c3://app/index.html')).toBeNull();
    expect(fake.BrowserWindow.getAllWindows()).toHaveLength(before);
  });

  it('attaches no <webview>', () => {
    expect(appWindow().webContents.attachWebview('https://evil.example/')).toBe(false);
  });
});

describe('the session', () => {
  const session = fake.session as unknown as Session;
  hardenSession(session, { isDevServer: false, appOrigin: 'c3://app' });

  it('grants no permission and no device to web content', async () => {
    const { webContents } = appWindow();
    for (const permission of ['hid', 'usb', 'serial', 'media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
      expect(await fake.session.requestPermission(webContents, permission), permission).toBe(false);
      expect(fake.session.checkPermission(webContents, permission, 'c3://app'), permission).toBe(false);
    }
    for (const device of ['hid', 'usb', 'serial']) expect(fake.session.checkDevicePermission(device, 'c3://app')).toBe(false);
  });

  it('lets the app\'s own page use the camera, video only, to scan a QR code; no microphone, no other page, no frame', async () => {
    const { webContents } = appWindow();
    const ask = (details: { mediaTypes?: string[]; isMainFrame?: boolean; requestingUrl?: string }) => fake.session.requestPermission(webContents, 'media', details);
    expect(await ask({ mediaTypes: ['video'] })).toBe(true);
    expect(fake.session.checkPermission(webContents, 'media', 'c3://app', { mediaType: 'video' })).toBe(true);
    // The microphone, alone or with the camera, and a request that names no media: refused.
    expect(await ask({ mediaTypes: ['audio'] })).toBe(false);
    expect(await ask({ mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(await ask({})).toBe(false);
    expect(fake.session.checkPermission(webContents, 'media', 'c3://app', { mediaType: 'audio' })).toBe(false);
    // Another page, a look-alike host, or a frame inside the page: refused.
    for (const requestingUrl of ['https://evil.example/', 'c3://app.evil/index.html', 'c3://evil@app/index.html', 'file:///etc/passwd']) {
      expect(await ask({ mediaTypes: ['video'], requestingUrl }), requestingUrl).toBe(false);
    }
    expect(await ask({ mediaTypes: ['video'], isMainFrame: false })).toBe(false);
    expect(fake.session.checkPermission(webContents, 'media', 'https://evil.example', { mediaType: 'video' })).toBe(false);
  });

  it('puts the app’s Content-Security-Policy on every response, replacing a weaker one', async () => {
    const headers = await fake.session.receiveHeaders('https://example.com/', { 'Content-Security-Policy': ["default-src *; script-src 'unsafe-inline'"], 'X-Other': ['kept'] });
    expect(headers).toEqual({ 'Content-Security-Policy': [contentSecurityPolicy()], 'X-Other': ['kept'] });
  });

  it('lets through only downloads the app made itself, into a save dialog with a clean name', () => {
    const { webContents } = appWindow();
    const own = fake.session.download(webContents, 'blob:c3://app/5d1c0b0e-3c1f-4bb5-9a55-2f8b8e0e5a11', '../../.bashrc');
    expect(own).toEqual({
      started: true,
      saveDialog: { title: 'Save file', defaultPath: join('/home/member/Documents', 'bashrc'), filters: [{ name: 'JSON', extensions: ['json'] }] },
    });
    for (const url of ['https://evil.example/wallet-update.exe', 'blob:https://evil.example/5d1c', 'blob:c3://app.evil/5d1c', 'data:application/json,{}']) {
      expect(fake.session.download(webContents, url, 'update.json'), url).toEqual({ started: false, saveDialog: null });
    }
  });
});
