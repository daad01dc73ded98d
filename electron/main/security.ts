/**
 * The Electron security checklist, applied to every web contents the app ever creates:
 * no navigation away from the app, no new windows, no <webview>, no permission granted to
 * web content (devices belong to the main process, never to the renderer's WebHID/WebUSB).
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
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Files the app makes for the member to pass on go through a native Save dialog; nothing else downloads.
  session.on('will-download', (event, item) => {
    if (!isOwnDownload(item.getURL(), options.appOrigin)) return event.preventDefault();
    item.setSaveDialogOptions({ title: 'Save file', defaultPath: join(app.getPath('documents'), proposedFileName(item.getFilename())), filters: [{ name: 'JSON', extensions: ['json'] }] });
  });
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
