/**
 * An emulated Ledger: a small state machine (locked, which app is open, what its screen shows)
 * answering APDUs as the dashboard and the Ethereum, Bitcoin and Cardano apps do. A review is a
 * flow of screens (screens.ts) that the buttons walk: both buttons on "Approve" approve, on
 * "Reject" reject, elsewhere they do what the app does there. The HID framing lives in hid.ts and
 * the Speculos REST front in speculos.ts; both call `exchange`.
 * Test and demo device only: its keys come from Speculos's public seed.
 */
import { EventEmitter } from 'node:events';
import { ApduStatus, SW, parseApdu, reply, status } from './apdu';
import { createEthereumApp } from './eth-app';
import { createBitcoinApp } from './btc-app';
import { createCardanoApp } from './cardano-app';
import { FlowCursor, NANO_GEOMETRY, NANO_S_GEOMETRY, textEvents, type Flow, type Page, type ScreenGeometry, type StepAction, type TextEvent } from './screens';
import { FRESH_ETHEREUM_SETTINGS, genericReview, homeFlow, settingsFlow, type EthereumSettings, type Review } from './eth-screens';
import { SPECULOS_MNEMONIC } from '../mnemonics';

export type LedgerAppName = 'BOLOS' | 'Ethereum' | 'Bitcoin' | 'Cardano ADA';
export type LedgerModel = 'nanoS' | 'nanoSP' | 'nanoX' | 'stax' | 'flex';

/** What the device's screen asks the user to confirm. */
export interface LedgerPrompt {
  readonly id: number;
  readonly app: LedgerAppName;
  readonly action: 'verify-address' | 'sign-message' | 'sign-typed-data' | 'sign-transaction' | 'export-public-key';
  readonly lines: readonly string[];
}

export interface AppContext {
  readonly mnemonic: string;
  /** Shows a review (its screens, or plain lines for apps whose screens are not modelled); true on approve. */
  confirm(action: LedgerPrompt['action'], review: Review | readonly string[]): Promise<boolean>;
  /** Shows a screen that needs no answer (an error); both buttons dismiss it to the app's home. */
  show(flow: Flow): void;
  /** The Ethereum app's settings as they are now. */
  readonly ethereumSettings: Readonly<EthereumSettings>;
}

export type AppHandler = (apdu: ReturnType<typeof parseApdu>) => Promise<Buffer>;

export interface LedgerEmulatorOptions {
  readonly mnemonic?: string;
  readonly model?: LedgerModel;
  readonly locked?: boolean;
  readonly app?: LedgerAppName;
  /** Approve every prompt at once (the demo and `npm run emulators --auto-approve`). */
  readonly autoApprove?: boolean;
  readonly firmwareVersion?: string;
  readonly appVersions?: Partial<Record<Exclude<LedgerAppName, 'BOLOS'>, string>>;
  /** Ethereum app setting "Blind signing" (GET APP CONFIGURATION flag 0x01); off as on a fresh app. */
  readonly blindSigning?: boolean;
  /** The Ethereum app's other settings (all off on a fresh app). */
  readonly ethereumSettings?: Partial<EthereumSettings>;
  /** A serial that names this device among several; shown by the registry. */
  readonly serial?: string;
}

export const LEDGER_PRODUCT_NAMES: Record<LedgerModel, string> = {
  nanoS: 'Nano S',
  nanoSP: 'Nano S Plus',
  nanoX: 'Nano X',
  stax: 'Stax',
  flex: 'Flex',
};

/** USB product ids (upper byte of the model's id, as @ledgerhq/devices identifies them). */
export const LEDGER_PRODUCT_IDS: Record<LedgerModel, number> = { nanoS: 0x1011, nanoX: 0x4011, nanoSP: 0x5011, stax: 0x6011, flex: 0x7011 };

export class DeviceUnplugged extends Error {
  constructor() {
    super('The emulated device was unplugged.');
    this.name = 'DeviceUnplugged';
  }
}

interface Pending {
  readonly prompt: LedgerPrompt;
  readonly resolve: (approved: boolean) => void;
  readonly reject: (error: Error) => void;
}

export interface LedgerEmulatorEvents {
  prompt: [LedgerPrompt];
  promptClosed: [{ id: number; approved: boolean }];
  state: [LedgerEmulatorState];
  /** The screen changed: the text events of the page now shown. */
  screen: [readonly TextEvent[]];
}

export type LedgerButton = 'left' | 'right' | 'both';

export interface LedgerEmulatorState {
  readonly model: LedgerModel;
  readonly serial: string;
  readonly plugged: boolean;
  readonly locked: boolean;
  readonly app: LedgerAppName;
  readonly appVersion: string;
  readonly firmwareVersion: string;
  readonly autoApprove: boolean;
  readonly pending: LedgerPrompt | null;
  readonly ethereumSettings: Readonly<EthereumSettings>;
  /** The texts on the screen now. */
  readonly screen: readonly string[];
}

let serialCounter = 0;

export class LedgerEmulator extends EventEmitter<LedgerEmulatorEvents> {
  readonly model: LedgerModel;
  readonly serial: string;
  readonly mnemonic: string;
  readonly firmwareVersion: string;
  readonly appVersions: Record<Exclude<LedgerAppName, 'BOLOS'>, string>;
  autoApprove: boolean;
  readonly ethereumSettings: EthereumSettings;
  readonly geometry: ScreenGeometry;
  /** APDUs answered, for the benchmark and tests. */
  exchanges = 0;
  /** Time spent inside `exchange` (the emulator's own work, excluded by the benchmark), in ms. */
  busyMs = 0;
  private locked: boolean;
  private app: LedgerAppName;
  private plugged = true;
  private pending: Pending | null = null;
  private promptIds = 0;
  private handlers: Partial<Record<LedgerAppName, AppHandler>> = {};
  private cursor: FlowCursor;

  constructor(options: LedgerEmulatorOptions = {}) {
    super();
    this.model = options.model ?? 'nanoSP';
    serialCounter += 1;
    this.serial = options.serial ?? `EMU-LEDGER-${serialCounter}`;
    this.mnemonic = options.mnemonic ?? SPECULOS_MNEMONIC;
    this.locked = options.locked ?? false;
    this.app = options.app ?? 'Ethereum';
    this.autoApprove = options.autoApprove ?? false;
    this.ethereumSettings = { ...FRESH_ETHEREUM_SETTINGS, ...options.ethereumSettings };
    if (options.blindSigning !== undefined) this.ethereumSettings.blindSigning = options.blindSigning;
    this.geometry = this.model === 'nanoS' ? NANO_S_GEOMETRY : NANO_GEOMETRY;
    this.firmwareVersion = options.firmwareVersion ?? '1.3.0';
    this.appVersions = { Ethereum: '1.13.0', Bitcoin: '2.2.3', 'Cardano ADA': '7.1.4', ...options.appVersions };
    this.cursor = new FlowCursor(this.homeFlow(), this.geometry);
    this.resetApps();
  }

  /** Ethereum app setting "Blind signing". */
  get blindSigning(): boolean {
    return this.ethereumSettings.blindSigning;
  }

  set blindSigning(on: boolean) {
    this.setEthereumSetting('blindSigning', on);
  }

  state(): LedgerEmulatorState {
    return {
      model: this.model,
      serial: this.serial,
      plugged: this.plugged,
      locked: this.locked,
      app: this.app,
      appVersion: this.app === 'BOLOS' ? this.firmwareVersion : this.appVersions[this.app],
      firmwareVersion: this.firmwareVersion,
      autoApprove: this.autoApprove,
      pending: this.pending?.prompt ?? null,
      ethereumSettings: { ...this.ethereumSettings },
      screen: this.cursor.page.lines.map((l) => l.text).filter((t) => t.length > 0),
    };
  }

  /** The page on the screen now and its text events (what Speculos's /events reports). */
  screen(): { page: Page; events: TextEvent[] } {
    const page = this.cursor.page;
    return { page, events: textEvents(page, this.geometry) };
  }

  get productName(): string {
    return LEDGER_PRODUCT_NAMES[this.model];
  }

  get isPlugged(): boolean {
    return this.plugged;
  }

  // --- what a person does with the device -------------------------------------------------

  lock(): void {
    this.locked = true;
    this.closePrompt(false);
    this.changed();
  }

  unlock(): void {
    this.locked = false;
    this.changed();
  }

  /** Opens an app from the dashboard ('BOLOS' goes back to the dashboard). */
  openApp(app: LedgerAppName): void {
    this.closePrompt(false);
    this.app = app;
    this.resetApps();
    this.showHome();
    this.changed();
  }

  /** Changes an Ethereum app setting, as its Settings menu does (the control API's way in). */
  setEthereumSetting(name: keyof EthereumSettings, on: boolean): void {
    this.ethereumSettings[name] = on;
    this.changed();
  }

  /**
   * A button press-and-release. Left and right move through the screen's steps; both buttons run
   * the step's action: approve or reject on a review's last two steps, a setting's toggle, a menu
   * entry, and nothing on a step that shows information.
   */
  press(button: LedgerButton): void {
    if (!this.plugged || this.locked) return;
    if (button === 'left') this.cursor.left();
    else if (button === 'right') this.cursor.right();
    else {
      this.runAction(this.cursor.page.step.onBoth);
      return;
    }
    this.screenChanged();
  }

  approve(): boolean {
    return this.closePrompt(true);
  }

  reject(): boolean {
    return this.closePrompt(false);
  }

  /** Pulls the cable: the request in flight and every later read or write fail like a real unplug. */
  unplug(): void {
    if (!this.plugged) return;
    this.plugged = false;
    const pending = this.pending;
    this.pending = null;
    pending?.reject(new DeviceUnplugged());
    this.changed();
  }

  /** Plugs it back in: the device restarts on the dashboard, unlocked, as after entering the PIN. */
  replug(options: { app?: LedgerAppName } = {}): void {
    this.plugged = true;
    this.app = options.app ?? 'Ethereum';
    this.resetApps();
    this.showHome();
    this.changed();
  }

  setAutoApprove(on: boolean): void {
    this.autoApprove = on;
    if (on) this.approve();
    this.changed();
  }

  // --- what the host does -----------------------------------------------------------------

  /** One APDU in, one response (data || status word) out. Throws DeviceUnplugged when unplugged. */
  async exchange(raw: Uint8Array): Promise<Buffer> {
    if (!this.plugged) throw new DeviceUnplugged();
    const started = performance.now();
    let paused = 0;
    try {
      if (this.locked) return status(SW.LOCKED);
      const apdu = parseApdu(raw);
      // GET APP AND VERSION: answered by the OS for whichever app is open (and by the dashboard).
      if (apdu.cla === 0xb0 && apdu.ins === 0x01) return this.appAndVersion();
      const handler = this.handlers[this.app];
      if (!handler) return status(SW.CLA_NOT_SUPPORTED_DASHBOARD);
      const wrapped: AppHandler = handler;
      const answer = await this.timed(wrapped, apdu, (ms) => (paused += ms));
      if (!this.plugged) throw new DeviceUnplugged();
      return answer;
    } catch (error) {
      if (error instanceof ApduStatus) return status(error.sw);
      throw error;
    } finally {
      this.exchanges += 1;
      this.busyMs += performance.now() - started - paused;
    }
  }

  // --- internals ---------------------------------------------------------------------------

  private waitingSince = 0;
  private waitedMs = 0;

  private async timed(handler: AppHandler, apdu: Parameters<AppHandler>[0], addPause: (ms: number) => void): Promise<Buffer> {
    this.waitedMs = 0;
    const answer = await handler(apdu);
    addPause(this.waitedMs);
    return answer;
  }

  private appAndVersion(): Buffer {
    const name = Buffer.from(this.app, 'ascii');
    const version = Buffer.from(this.app === 'BOLOS' ? this.firmwareVersion : this.appVersions[this.app], 'ascii');
    // format 1 || name length || name || version length || version || flags length || flags
    return reply([0x01, name.length, ...name, version.length, ...version, 0x01, 0x00]);
  }

  private resetApps(): void {
    const ctx: AppContext = {
      mnemonic: this.mnemonic,
      confirm: (action, review) => this.confirm(action, review),
      show: (flow) => this.show(flow),
      ethereumSettings: this.ethereumSettings,
    };
    this.handlers = {
      Ethereum: createEthereumApp(ctx, () => this.appVersions.Ethereum),
      Bitcoin: createBitcoinApp(ctx),
      'Cardano ADA': createCardanoApp(ctx, () => this.appVersions['Cardano ADA']),
    };
  }

  private homeFlow(): Flow {
    if (this.app === 'Ethereum') return homeFlow(this.appVersions.Ethereum);
    if (this.app === 'BOLOS') return { loop: true, steps: (['Ethereum', 'Bitcoin', 'Cardano ADA'] as const).map((name) => ({ layout: 'nn', texts: [name] })) };
    return {
      loop: true,
      steps: [
        { layout: 'nn', texts: [this.app, 'is ready'] },
        { layout: 'bn', texts: ['Version', this.appVersions[this.app]] },
        { layout: 'pb', icon: 'dashboard', texts: ['Quit'], onBoth: 'quit' },
      ],
    };
  }

  private show(flow: Flow): void {
    this.cursor = new FlowCursor(flow, this.geometry);
    this.screenChanged();
  }

  private showHome(): void {
    this.show(this.homeFlow());
  }

  private runAction(action: StepAction | undefined): void {
    switch (action) {
      case undefined:
        return; // an information step: both buttons do nothing
      case 'approve':
      case 'reject':
        if (!this.closePrompt(action === 'approve')) this.showHome();
        return;
      case 'home':
        this.showHome();
        return;
      case 'quit':
        this.openApp('BOLOS');
        return;
      case 'settings':
        this.show(settingsFlow(this.ethereumSettings));
        return;
      default: {
        // a settings toggle: the app redraws the settings flow on the same step (toggle_setting)
        const name = ({ 'toggle-blind-signing': 'blindSigning', 'toggle-verbose-eip712': 'verboseEip712', 'toggle-nonce': 'displayNonce', 'toggle-debug-data': 'debugData' } as const)[action];
        const at = this.cursor.position;
        this.ethereumSettings[name] = !this.ethereumSettings[name];
        this.cursor = new FlowCursor(settingsFlow(this.ethereumSettings), this.geometry);
        for (let i = 0; i < at; i += 1) this.cursor.right();
        this.screenChanged();
        this.changed();
      }
    }
  }

  private screenChanged(): void {
    this.emit('screen', this.screen().events);
  }

  private confirm(action: LedgerPrompt['action'], review: Review | readonly string[]): Promise<boolean> {
    if (this.autoApprove) return Promise.resolve(true);
    this.closePrompt(false);
    this.promptIds += 1;
    const shown: Review = 'steps' in review ? review : genericReview(review);
    const prompt: LedgerPrompt = { id: this.promptIds, app: this.app, action, lines: shown.summary };
    this.waitingSince = performance.now();
    return new Promise<boolean>((resolve, reject) => {
      this.pending = {
        prompt,
        resolve: (approved) => {
          this.waitedMs += performance.now() - this.waitingSince;
          resolve(approved);
        },
        reject,
      };
      this.cursor = new FlowCursor({ loop: false, steps: shown.steps }, this.geometry);
      this.emit('prompt', prompt);
      this.screenChanged();
      this.changed();
    });
  }

  private closePrompt(approved: boolean): boolean {
    const pending = this.pending;
    if (!pending) return false;
    this.pending = null;
    pending.resolve(approved);
    // ui_idle(): the app goes back to its home screen once the review is answered
    this.showHome();
    this.emit('promptClosed', { id: pending.prompt.id, approved });
    this.changed();
    return true;
  }

  private changed(): void {
    this.emit('state', this.state());
  }
}
