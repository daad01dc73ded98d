/**
 * The Electron security checklist, applied to every web contents the app ever creates:
 * no navigation away from the app, no new windows, no <webview>, no permission granted to
 * web content (devices belong to the main process, never to the renderer's WebHID/WebUSB) but
 * one: the camera, video only, for the app's own page, to scan a co-signer's animated QR code.
 */
import { join } from 'node:path';
import { app, type Session, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../bridge/csp';
import { isOwnDownload, proposedFileName } from './downloads';

export function hardenSession(session: Session, options: { isDevServer: boolean; appOrigin: string }): void {
  if (!options.isDevServer) {
    // Every response gets the app's CSP, whatever serves it (the c3:// handler sets it too).
    const csp = contentSecurityPolicy();
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
  }
  // The camera (video, never audio) is the one thing the app's own main frame may ask for: a
  // request shown as an animated QR code is read with it (renderer/sign/qr/ScanQr.tsx).
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const media = details as { mediaTypes?: readonly string[]; requestingUrl?: string; isMainFrame?: boolean };
    const videoOnly = Array.isArray(media.mediaTypes) && media.mediaTypes.length > 0 && media.mediaTypes.every((type) => type === 'video');
    callback(permission === 'media' && videoOnly && media.isMainFrame === true && isOwnOrigin(media.requestingUrl, options.appOrigin));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const media = details as { mediaType?: string };
    return permission === 'media' && media.mediaType === 'video' && isOwnOrigin(requestingOrigin, options.appOrigin);
  });
  session.setDevicePermissionHandler(() => false);
  // Files the app makes for the member to pass on go through a native Save dialog; nothing else downloads.
  session.on('will-download', (event, item) => {
    if (!isOwnDownload(item.getURL(), options.appOrigin)) return event.preventDefault();
    item.setSaveDialogOptions({ title: 'Save file', defaultPath: join(app.getPath('documents'), proposedFileName(item.getFilename())), filters: [{ name: 'JSON', extensions: ['json'] }] });
  });
}

/** Whether a URL or origin is the app's own (scheme and host exactly; `c3://app.evil` is not). */
export function isOwnOrigin(url: string | undefined, appOrigin: string): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    const own = new URL(appOrigin);
    // Non-special schemes such as c3: have the opaque origin "null": compare scheme and host instead.
    return parsed.protocol === own.protocol && parsed.host === own.host && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

export function hardenAllWebContents(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
