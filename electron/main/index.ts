/**
 * The Electron shell: one window, hardened; the services wired to IPC through the contract.
 * Everything with behaviour lives in electron/services (plain Node, tested without Electron).
 */
import { BrowserWindow, Menu, app, session } from 'electron';
import { join } from 'node:path';
import { channels } from '../../shared/contract/channels';
import { createDispatcher } from '../../shared/contract/dispatch';
import { createServices, type Services } from '../services';
import { wireIpc } from './ipc';
import { biometricsFor } from './biometrics';
import { buildMenu } from './menu';
import { appUrlMatcher } from './app-url';
import { APP_ORIGIN, isAppUrl as isPackagedAppUrl, registerAppScheme, serveRenderer } from './protocol';
import { secretBoxForDesktop } from './secret-box';
import { hardenAllWebContents, hardenSession } from './security';
import { loadWindowState, trackWindowState } from './window-state';

// The app folder (the asar archive once packaged) holds the build: out/main, out/preload, out/renderer.
const built = (...parts: string[]) => join(app.getAppPath(), 'out', ...parts);
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const appOrigin = devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN;
/** The app's own pages: the IPC gate answers only them, and no window may navigate anywhere else. */
const isAppUrl = devServerUrl ? appUrlMatcher(appOrigin) : isPackagedAppUrl;

let mainWindow: BrowserWindow | null = null;
let services: Services | null = null;

function createMainWindow(): BrowserWindow {
  const userData = app.getPath('userData');
  const state = loadWindowState(userData);
  const window = new BrowserWindow({
    ...state,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'C3 Vault',
    backgroundColor: '#0f1720',
    webPreferences: {
      preload: built('preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click would otherwise open links in a new window behind the window-open handler's back.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  if (state.maximized) window.maximize();
  trackWindowState(window, userData);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

if (!app.requestSingleInstanceLock()) {
  // A second copy would fight the first over the same devices and database.
  app.quit();
} else {
  app.enableSandbox();
  registerAppScheme();
  hardenAllWebContents(isAppUrl);
  app.on('second-instance', focusMainWindow);

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, { isDevServer: devServerUrl !== undefined, appOrigin });
    serveRenderer(built('renderer'));
    const dataDir = app.getPath('userData');
    services = createServices({
      version: app.getVersion(),
      shell: 'electron',
      platform: process.platform,
      emulators: true,
      // Emulated devices and the demo sequencer only while the window shows the Demo workspace; none until it says so.
      workspace: 'real',
      hardware: true,
      dataDir,
      biometrics: biometricsFor(dataDir),
      // The identity secret under the OS keychain (safeStorage), known only once the app is ready.
      secretBox: secretBoxForDesktop(),
      warmProver: true,
    });
    const dispatch = createDispatcher(channels, services.handlers, {
      onFault: (channel, fault) => console.error(`[c3] service fault on ${channel}:`, fault),
    });
    wireIpc(dispatch, services.hub, isAppUrl, () => BrowserWindow.getAllWindows());
    Menu.setApplicationMenu(buildMenu({ isDev: !app.isPackaged }));
    mainWindow = createMainWindow();
    mainWindow.on('closed', () => (mainWindow = null));

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void services?.close());
}
