/**
 * A stand-in for the part of Electron's API that the shell (electron/main, electron/preload)
 * uses, faithful where the shell's security depends on it, so that the shell is tested in plain
 * Node where no Electron binary can be downloaded:
 *   - URLs are parsed by the real WHATWG URL; frames carry real URLs, parents and tops;
 *   - `protocol.handle` is called with real `Request`s and must answer real `Response`s;
 *   - events (`will-navigate`, `will-redirect`, `will-attach-webview`, `web-contents-created`,
 *     `will-download`) are real emitters whose `preventDefault()` decides what happens next;
 *   - Electron's defaults are kept where they are dangerous (a window-open or a permission
 *     request with no handler is allowed), so that a missing guard shows up as a failing test;
 *   - ordering rules are enforced (privileged schemes and the sandbox switch before `ready`,
 *     `protocol.handle` and windows after);
 *   - IPC arguments and answers are structured-cloned, as between two processes, and a frame's
 *     `origin` is Chromium's (a registered standard scheme has a real origin, `c3://app`);
 *   - `safeStorage` is a real reversible cipher (AES-256-GCM under a random key per fake).
 * `fake.module` is what `vi.mock('electron', ...)` returns.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface FakeElectronOptions {
  /** What `app.getAppPath()` answers (the folder holding out/main, out/preload, out/renderer). */
  readonly appPath: string;
  readonly userData: string;
  readonly documents?: string;
  readonly isPackaged?: boolean;
  readonly version?: string;
  /** False simulates a second copy of the app, which must quit. */
  readonly singleInstanceLock?: boolean;
  /** The OS keychain behind safeStorage: there, absent, or (Linux) Chromium's hard-coded-password fallback. */
  readonly keychain?: 'available' | 'unavailable' | 'basic-text';
  readonly touchId?: boolean;
}

/** An Electron event: listeners call `preventDefault()` to stop what was about to happen. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(details: object = {}) {
    Object.assign(this, details);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export interface PrivilegedScheme {
  scheme: string;
  privileges?: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; codeCache?: boolean; bypassCSP?: boolean; corsEnabled?: boolean; stream?: boolean };
}

export interface WebPreferences {
  preload?: string;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInWorker?: boolean;
  nodeIntegrationInSubFrames?: boolean;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  experimentalFeatures?: boolean;
  webviewTag?: boolean;
  disableBlinkFeatures?: string;
  navigateOnDragDrop?: boolean;
  spellcheck?: boolean;
}

export interface BrowserWindowOptions {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  show?: boolean;
  title?: string;
  webPreferences?: WebPreferences;
  [option: string]: unknown;
}

export interface WindowOpenDetails {
  url: string;
  frameName: string;
  features: string;
  disposition: 'default' | 'foreground-tab' | 'background-tab' | 'new-window' | 'other';
  referrer: { url: string; policy: string };
}
export type WindowOpenAnswer = { action: 'deny' } | { action: 'allow'; overrideBrowserWindowOptions?: BrowserWindowOptions };

export interface MenuItemOptions {
  role?: string;
  label?: string;
  type?: string;
  click?: () => void;
  submenu?: MenuItemOptions[];
}

export interface DownloadSaveOptions {
  title?: string;
  defaultPath?: string;
  filters?: { name: string; extensions: string[] }[];
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
type IpcHandler = (event: IpcInvokeEvent, ...args: unknown[]) => unknown;
type Listener = (...args: unknown[]) => void;

export interface IpcInvokeEvent {
  sender: FakeWebContents;
  senderFrame: FakeWebFrameMain | null;
  processId: number;
  frameId: number;
  type: 'frame';
}

/** What every piece of one fake shares: its readiness, its windows, its registries. */
class Runtime {
  ready = false;
  private lastId = 0;
  readonly standardSchemes = new Set<string>(['http', 'https', 'file', 'ws', 'wss']);
  readonly windows = new Set<FakeBrowserWindow>();
  readonly protocol = new FakeProtocol(this);
  readonly ipcMain = new FakeIpcMain();
  readonly session = new FakeSession();
  applicationMenu: FakeMenu | null = null;
  constructor(readonly app: FakeApp) {}
  nextId(): number {
    return ++this.lastId;
  }

  /** How the page's own requests are served: the scheme's handler if one is registered, else the network stack. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.protocol.handlers.get(scheme);
    if (!handler) return fakeNet.fetch(url);
    const response = await handler(new Request(url, init));
    if (!(response instanceof Response)) throw new TypeError(`The handler of ${scheme}: did not answer a Response`);
    return response;
  }
}

// --- app ---------------------------------------------------------------------------------------

export class FakeApp extends EventEmitter {
  isPackaged: boolean;
  sandboxEnabled = false;
  quitRequested = false;
  private readonly ready: Promise<void>;
  resolveReady: () => void = () => undefined;
  runtime!: Runtime;

  constructor(private readonly options: FakeElectronOptions) {
    super();
    this.isPackaged = options.isPackaged ?? true;
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  isReady(): boolean {
    return this.runtime.ready;
  }
  requestSingleInstanceLock(): boolean {
    return this.options.singleInstanceLock ?? true;
  }
  quit(): void {
    this.quitRequested = true;
    this.emit('before-quit', new FakeEvent());
    this.emit('will-quit', new FakeEvent());
  }
  enableSandbox(): void {
    if (this.runtime.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxEnabled = true;
  }
  getPath(name: string): string {
    if (name === 'userData') return this.options.userData;
    if (name === 'documents') return this.options.documents ?? this.options.userData;
    throw new Error(`Failed to get '${name}' path`);
  }
  getAppPath(): string {
    return this.options.appPath;
  }
  getVersion(): string {
    return this.options.version ?? '0.0.0-fake';
  }
  getName(): string {
    return 'C3 Vault';
  }
}

// --- frames, sessions, web contents ---------------------------------------------------------------

export class FakeWebFrameMain {
  readonly frames: FakeWebFrameMain[] = [];
  private destroyed = false;
  readonly frameTreeNodeId: number;
  constructor(
    private readonly runtime: Runtime,
    public url: string,
    readonly parent: FakeWebFrameMain | null,
  ) {
    this.frameTreeNodeId = runtime.nextId();
    parent?.frames.push(this);
  }
  get top(): FakeWebFrameMain {
    return this.parent ? this.parent.top : this;
  }
  /** Chromium's origin: a registered standard scheme has a (scheme, host, port) origin; others are opaque. */
  get origin(): string {
    try {
      const url = new URL(this.url);
      if (this.runtime.standardSchemes.has(url.protocol.slice(0, -1)) && url.host !== '') return `${url.protocol}//${url.host}`;
      return url.origin;
    } catch {
      return 'null';
    }
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    for (const child of this.frames) child.destroy();
  }
}

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
) => void;

export class FakeSession extends EventEmitter {
  headersListener: HeadersListener | null = null;
  readonly webRequest = { onHeadersReceived: (listener: HeadersListener) => void (this.headersListener = listener) };
  permissionRequestHandler: ((contents: FakeWebContents, permission: string, callback: (granted: boolean) => void, details: object) => void) | null = null;
  permissionCheckHandler: ((contents: FakeWebContents | null, permission: string, origin: string, details: object) => boolean) | null = null;
  devicePermissionHandler: ((details: { deviceType: string; origin: string }) => boolean) | null = null;

  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermissionHandler']): void {
    this.devicePermissionHandler = handler;
  }

  /** A page asks for a permission (camera, hid, notifications…). Electron grants it when no handler says otherwise. */
  requestPermission(contents: FakeWebContents, permission: string, details: { mediaTypes?: string[]; isMainFrame?: boolean; requestingUrl?: string } = {}): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(contents, permission, resolve, { requestingUrl: contents.getURL(), isMainFrame: true, ...details }));
  }
  /** As Electron asks before a permission is used (`details.mediaType` for the camera or microphone). */
  checkPermission(contents: FakeWebContents | null, permission: string, origin: string, details: { mediaType?: string } = {}): boolean {
    return this.permissionCheckHandler ? this.permissionCheckHandler(contents, permission, origin, details) : true;
  }
  checkDevicePermission(deviceType: string, origin: string): boolean {
    return this.devicePermissionHandler ? this.devicePermissionHandler({ deviceType, origin }) : false;
  }
  /** Response headers as the webRequest listener leaves them (unchanged without one; undefined when cancelled). */
  receiveHeaders(url: string, responseHeaders: Record<string, string[]>): Promise<Record<string, string[]> | undefined> {
    const listener = this.headersListener;
    if (!listener) return Promise.resolve(responseHeaders);
    return new Promise((resolve) => listener({ url, responseHeaders }, (response) => resolve(response.cancel ? undefined : (response.responseHeaders ?? responseHeaders))));
  }
  /** A page starts a download: whether it goes ahead, and the save dialog it would get. */
  download(contents: FakeWebContents, url: string, filename: string): { started: boolean; saveDialog: DownloadSaveOptions | null } {
    let saveDialog: DownloadSaveOptions | null = null;
    const item = {
      getURL: () => url,
      getFilename: () => filename,
      setSaveDialogOptions: (options: DownloadSaveOptions) => void (saveDialog = options),
    };
    const event = new FakeEvent();
    this.emit('will-download', event, item, contents);
    return { started: !event.defaultPrevented, saveDialog };
  }
}

/** The renderer's side of IPC for one frame (what a preload gets as `ipcRenderer`). */
export interface FakeIpcRenderer {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: Listener): FakeIpcRenderer;
  removeListener(channel: string, listener: Listener): FakeIpcRenderer;
  listenerCount(channel: string): number;
}

export class FakeWebContents extends EventEmitter {
  readonly id: number;
  readonly session: FakeSession;
  mainFrame: FakeWebFrameMain;
  windowOpenHandler: ((details: WindowOpenDetails) => WindowOpenAnswer) | null = null;
  /** What the preload put on the page's `window` through contextBridge. */
  readonly mainWorld: Record<string, unknown> = {};
  /** The last page loadURL served to this contents. */
  lastResponse: Response | null = null;
  private destroyed = false;
  private readonly toRenderer = new EventEmitter();

  constructor(
    private readonly runtime: Runtime,
    readonly webPreferences: WebPreferences,
  ) {
    super();
    this.id = runtime.nextId();
    this.session = runtime.session;
    this.mainFrame = new FakeWebFrameMain(runtime, 'about:blank', null);
  }

  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.mainFrame.destroy();
    this.emit('destroyed');
  }
  setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']): void {
    this.windowOpenHandler = handler;
  }

  /** Loads a page as Electron does for a URL the main process chose: no will-navigate; the scheme's handler serves it. */
  async loadURL(url: string): Promise<void> {
    const response = await this.runtime.fetch(url);
    if (!response.ok) {
      this.emit('did-fail-load', new FakeEvent(), -6, 'ERR_FILE_NOT_FOUND', url, true);
      throw new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`);
    }
    this.lastResponse = response;
    this.mainFrame.destroy();
    this.mainFrame = new FakeWebFrameMain(this.runtime, new URL(url).href, null);
    this.emit('did-finish-load', new FakeEvent());
  }

  /** The page tries to go elsewhere (a link, `location = …`): it goes unless a will-navigate listener prevents it. */
  navigate(url: string, frame: FakeWebFrameMain = this.mainFrame): boolean {
    const event = new FakeEvent({ url, isSameDocument: false, isMainFrame: frame.parent === null, frame, initiator: this.mainFrame });
    this.emit('will-navigate', event, url, false, frame.parent === null, 1, frame.frameTreeNodeId);
    if (event.defaultPrevented) return false;
    frame.url = new URL(url).href;
    return true;
  }
  /** A server redirect during a navigation: followed unless a will-redirect listener prevents it. */
  redirect(url: string, frame: FakeWebFrameMain = this.mainFrame): boolean {
    const event = new FakeEvent({ url, isSameDocument: false, isMainFrame: frame.parent === null, frame });
    this.emit('will-redirect', event, url, false, frame.parent === null, 1, frame.frameTreeNodeId);
    if (event.defaultPrevented) return false;
    frame.url = new URL(url).href;
    return true;
  }
  /** `window.open(url)`: Electron opens a window unless the window-open handler denies it. */
  openWindow(url: string): FakeBrowserWindow | null {
    const details: WindowOpenDetails = { url, frameName: '', features: '', disposition: 'new-window', referrer: { url: this.getURL(), policy: 'strict-origin-when-cross-origin' } };
    const answer: WindowOpenAnswer = this.windowOpenHandler?.(details) ?? { action: 'allow' };
    if (answer.action === 'deny') return null;
    const opened = new FakeBrowserWindow(this.runtime, answer.overrideBrowserWindowOptions ?? {});
    opened.webContents.mainFrame.url = url;
    return opened;
  }
  /** A `<webview>` in the page: attached unless a will-attach-webview listener prevents it. */
  attachWebview(src: string): boolean {
    const event = new FakeEvent();
    this.emit('will-attach-webview', event, { nodeIntegration: false } satisfies WebPreferences, { src });
    return !event.defaultPrevented;
  }
  /** An `<iframe>` in the page. */
  attachSubframe(url: string, parent: FakeWebFrameMain = this.mainFrame): FakeWebFrameMain {
    return new FakeWebFrameMain(this.runtime, new URL(url).href, parent);
  }

  /** Main → renderer, as `webContents.send` does: the arguments are structured-cloned. */
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.toRenderer.emit(channel, { sender: null }, ...structuredClone(args));
  }

  /** The renderer's side of IPC for one of this contents' frames. */
  rendererFor(frame: FakeWebFrameMain = this.mainFrame): FakeIpcRenderer {
    const renderer: FakeIpcRenderer = {
      invoke: (channel, ...args) => this.runtime.ipcMain.invoke(this, frame, channel, ...args),
      on: (channel, listener) => {
        this.toRenderer.on(channel, listener);
        return renderer;
      },
      removeListener: (channel, listener) => {
        this.toRenderer.removeListener(channel, listener);
        return renderer;
      },
      listenerCount: (channel) => this.toRenderer.listenerCount(channel),
    };
    return renderer;
  }
}

// --- windows -------------------------------------------------------------------------------------

export class FakeBrowserWindow extends EventEmitter {
  readonly id: number;
  readonly webContents: FakeWebContents;
  private visible: boolean;
  private destroyed = false;
  private minimized = false;
  private maximized = false;
  focused = false;
  private bounds: { x: number; y: number; width: number; height: number };

  constructor(
    private readonly runtime: Runtime,
    readonly options: BrowserWindowOptions = {},
  ) {
    super();
    if (!runtime.ready) throw new Error('Cannot create BrowserWindow before app is ready');
    this.id = runtime.nextId();
    // Electron's defaults (since 20: sandboxed, isolated, no Node), unless the options say otherwise.
    this.webContents = new FakeWebContents(runtime, { contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, ...options.webPreferences });
    this.visible = options.show ?? true;
    this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 800, height: options.height ?? 600 };
    runtime.windows.add(this);
    runtime.app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }

  async loadURL(url: string): Promise<void> {
    await this.webContents.loadURL(url);
    this.emit('ready-to-show');
  }
  show(): void {
    this.visible = true;
    this.emit('show');
  }
  isVisible(): boolean {
    return this.visible;
  }
  focus(): void {
    this.focused = true;
    this.emit('focus');
  }
  minimize(): void {
    this.minimized = true;
    this.emit('minimize');
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
    this.emit('restore');
  }
  maximize(): void {
    this.maximized = true;
    this.emit('maximize');
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }
  /** The person drags or resizes the window. */
  setBounds(bounds: Partial<{ x: number; y: number; width: number; height: number }>): void {
    this.bounds = { ...this.bounds, ...bounds };
    this.emit('resize');
    this.emit('move');
  }
  close(): void {
    const event = new FakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.runtime.windows.delete(this);
    this.webContents.destroy();
    this.emit('closed');
    if (this.runtime.windows.size === 0) this.runtime.app.emit('window-all-closed');
  }
}

export interface FakeBrowserWindowClass {
  new (options?: BrowserWindowOptions): FakeBrowserWindow;
  getAllWindows(): FakeBrowserWindow[];
  fromWebContents(contents: FakeWebContents): FakeBrowserWindow | null;
}

// --- protocol, net, IPC -------------------------------------------------------------------------------

export class FakeProtocol {
  readonly privileged: PrivilegedScheme[] = [];
  readonly handlers = new Map<string, ProtocolHandler>();
  constructor(private readonly runtime: Runtime) {}
  registerSchemesAsPrivileged(schemes: PrivilegedScheme[]): void {
    if (this.runtime.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privileged.push(...schemes);
    for (const s of schemes) if (s.privileges?.standard) this.runtime.standardSchemes.add(s.scheme);
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    if (!this.runtime.ready) throw new Error('protocol.handle can only be used after app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
}

const fakeNet = {
  /** file: URLs from disk, as Electron's net.fetch reads them; nothing from the network (tests run offline). */
  async fetch(url: string): Promise<Response> {
    const parsed = new URL(url);
    if (parsed.protocol !== 'file:') throw new TypeError(`net::ERR_INTERNET_DISCONNECTED (${url})`);
    const path = fileURLToPath(parsed);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw new TypeError(`net::ERR_FILE_NOT_FOUND (${url})`);
    return new Response(await readFile(path), { status: 200 });
  },
};

export class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, IpcHandler>();
  handle(channel: string, listener: IpcHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What `ipcRenderer.invoke` from `frame` of `contents` gets: arguments and answer cross as structured clones. */
  async invoke(contents: FakeWebContents, frame: FakeWebFrameMain, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const event: IpcInvokeEvent = { sender: contents, senderFrame: frame.isDestroyed() ? null : frame, processId: 1, frameId: frame.frameTreeNodeId, type: 'frame' };
    let answer: unknown;
    try {
      answer = await handler(event, ...structuredClone(args));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error });
    }
    return structuredClone(answer);
  }
}

// --- menu ------------------------------------------------------------------------------------------

export class FakeMenuItem {
  readonly role?: string;
  readonly label?: string;
  readonly type: string;
  readonly click?: () => void;
  readonly submenu?: FakeMenu;
  constructor(options: MenuItemOptions) {
    if (!options.role && !options.label && options.type !== 'separator' && !options.submenu) throw new Error('Invalid template for MenuItem: must have at least one of label, role or type');
    this.role = options.role;
    this.label = options.label;
    this.type = options.type ?? (options.submenu ? 'submenu' : 'normal');
    this.click = options.click;
    this.submenu = options.submenu ? new FakeMenu(options.submenu.map((item) => new FakeMenuItem(item))) : undefined;
  }
}

export class FakeMenu {
  constructor(readonly items: FakeMenuItem[] = []) {}
  /** Every item, submenus included, depth first. */
  flatten(): FakeMenuItem[] {
    return this.items.flatMap((item) => [item, ...(item.submenu?.flatten() ?? [])]);
  }
}

// --- the fake ------------------------------------------------------------------------------------------

const OS_CRYPT_PREFIX = Buffer.from('v10'); // what Chromium's OSCrypt puts before its ciphertexts

export interface FakeSafeStorage {
  isEncryptionAvailable(): boolean;
  isAsyncEncryptionAvailable(): Promise<boolean>;
  getSelectedStorageBackend(): 'basic_text' | 'gnome_libsecret' | 'unknown';
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  setUsePlainTextEncryption(usePlainText: boolean): void;
}

function fakeSafeStorage(runtime: Runtime, keychain: NonNullable<FakeElectronOptions['keychain']>): FakeSafeStorage {
  const key = randomBytes(32);
  const storage: FakeSafeStorage = {
    // Linux picks its backend when the app is ready; until then nothing is available.
    isEncryptionAvailable: () => keychain !== 'unavailable' && (runtime.ready || process.platform !== 'linux'),
    isAsyncEncryptionAvailable: async () => storage.isEncryptionAvailable(),
    getSelectedStorageBackend: () => (!runtime.ready ? 'unknown' : keychain === 'basic-text' ? 'basic_text' : 'gnome_libsecret'),
    encryptString(plainText) {
      if (!storage.isEncryptionAvailable()) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([OS_CRYPT_PREFIX, iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted) {
      if (!storage.isEncryptionAvailable()) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
      if (!Buffer.isBuffer(encrypted)) throw new TypeError('Expected the first argument of decryptString() to be a buffer');
      try {
        if (!encrypted.subarray(0, 3).equals(OS_CRYPT_PREFIX)) throw new Error('no OSCrypt prefix');
        const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(3, 15));
        decipher.setAuthTag(encrypted.subarray(15, 31));
        return Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      }
    },
    encryptStringAsync: async (plainText) => storage.encryptString(plainText),
    decryptStringAsync: async (encrypted) => ({ shouldReEncrypt: false, result: storage.decryptString(encrypted) }),
    setUsePlainTextEncryption: () => undefined,
  };
  return storage;
}

export interface FakeElectron {
  /** What `vi.mock('electron', () => fake.module)` returns: the named exports the shell imports. */
  readonly module: Record<string, unknown>;
  readonly app: FakeApp;
  readonly BrowserWindow: FakeBrowserWindowClass;
  readonly Menu: { buildFromTemplate(template: MenuItemOptions[]): FakeMenu; setApplicationMenu(menu: FakeMenu | null): void; getApplicationMenu(): FakeMenu | null };
  readonly dialog: { shown: object[]; showMessageBox(options: object): Promise<{ response: number; checkboxChecked: boolean }> };
  readonly shell: { opened: string[]; openExternal(url: string): Promise<void> };
  readonly screen: { displays: { id: number; workArea: { x: number; y: number; width: number; height: number } }[]; getAllDisplays(): FakeElectron['screen']['displays'] };
  readonly ipcMain: FakeIpcMain;
  readonly protocol: FakeProtocol;
  readonly session: FakeSession;
  readonly safeStorage: FakeSafeStorage;
  /** Emits `ready` (as Electron does once it has started) and lets the `whenReady` callbacks run. */
  emitReady(): Promise<void>;
  /** Runs a preload module's code for `frame` of `contents` (its main frame by default), as Electron does before the page's scripts. */
  runPreload<T>(contents: FakeWebContents, load: () => Promise<T>, frame?: FakeWebFrameMain): Promise<T>;
  /** Fetches a URL as the app's page would (the scheme's handler, else net). */
  fetch(url: string, init?: RequestInit): Promise<Response>;
}

export function createFakeElectron(options: FakeElectronOptions): FakeElectron {
  const app = new FakeApp(options);
  const runtime = new Runtime(app);
  app.runtime = runtime;

  const BrowserWindow: FakeBrowserWindowClass = class BrowserWindow extends FakeBrowserWindow {
    static getAllWindows(): FakeBrowserWindow[] {
      return [...runtime.windows];
    }
    static fromWebContents(contents: FakeWebContents): FakeBrowserWindow | null {
      return [...runtime.windows].find((w) => w.webContents === contents) ?? null;
    }
    constructor(windowOptions: BrowserWindowOptions = {}) {
      super(runtime, windowOptions);
    }
  };
  const Menu: FakeElectron['Menu'] = {
    buildFromTemplate: (template) => new FakeMenu(template.map((item) => new FakeMenuItem(item))),
    setApplicationMenu: (menu) => void (runtime.applicationMenu = menu),
    getApplicationMenu: () => runtime.applicationMenu,
  };
  const dialog: FakeElectron['dialog'] = {
    shown: [],
    async showMessageBox(messageBox) {
      dialog.shown.push(messageBox);
      return { response: 0, checkboxChecked: false };
    },
  };
  const shell: FakeElectron['shell'] = {
    opened: [],
    async openExternal(url) {
      shell.opened.push(url);
    },
  };
  const screen: FakeElectron['screen'] = {
    displays: [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
    getAllDisplays: () => screen.displays,
  };
  const systemPreferences = {
    canPromptTouchID: () => options.touchId ?? false,
    promptTouchID: async (_reason: string) => undefined,
  };
  const safeStorage = fakeSafeStorage(runtime, options.keychain ?? 'available');

  // The preload's ipcRenderer and contextBridge act for the frame runPreload names (each renderer has its own).
  let preloadTarget: { contents: FakeWebContents; frame: FakeWebFrameMain } | null = null;
  const renderer = (): FakeIpcRenderer => {
    if (!preloadTarget) throw new Error('ipcRenderer used outside a renderer (call runPreload first)');
    return preloadTarget.contents.rendererFor(preloadTarget.frame);
  };
  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => renderer().invoke(channel, ...args),
    on(channel: string, listener: Listener) {
      renderer().on(channel, listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      renderer().removeListener(channel, listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown): void {
      if (!preloadTarget) throw new Error('contextBridge used outside a renderer');
      const world = preloadTarget.contents;
      if (!world.webPreferences.contextIsolation) throw new Error('contextBridge API can only be used when contextIsolation is enabled');
      if (key in world.mainWorld) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
      world.mainWorld[key] = api;
    },
  };

  return {
    module: {
      app,
      BrowserWindow,
      Menu,
      MenuItem: FakeMenuItem,
      dialog,
      ipcMain: runtime.ipcMain,
      ipcRenderer,
      contextBridge,
      net: fakeNet,
      protocol: runtime.protocol,
      safeStorage,
      screen,
      session: { defaultSession: runtime.session },
      shell,
      systemPreferences,
    },
    app,
    BrowserWindow,
    Menu,
    dialog,
    shell,
    screen,
    ipcMain: runtime.ipcMain,
    protocol: runtime.protocol,
    session: runtime.session,
    safeStorage,
    async emitReady() {
      runtime.ready = true;
      app.emit('ready', new FakeEvent(), {});
      app.resolveReady();
      await settle();
    },
    async runPreload(contents, load, frame = contents.mainFrame) {
      preloadTarget = { contents, frame };
      return load();
    },
    fetch: (url, init) => runtime.fetch(url, init),
  };
}

/** Lets pending promise callbacks and zero-delay timers run. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
