/**
 * The Electron security checklist, applied to every web contents the app ever creates:
 * no navigation away from the app, no new windows, no <webview>, no permission granted to
 * web content (devices belong to the main process, never to the renderer's WebHID/WebUSB).
 */
import { app, type Session, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../bridge/csp';

export function hardenSession(session: Session, options: { isDevServer: boolean }): void {
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
  session.on('will-download', (event) => event.preventDefault());
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
