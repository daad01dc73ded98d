/**
 * An emulated Ledger: a small state machine (locked, which app is open, awaiting confirmation)
 * answering APDUs as the dashboard and the Ethereum, Bitcoin and Cardano apps do. The HID framing
 * lives in hid.ts and the Speculos REST front in speculos.ts; both call `exchange`.
 * Test and demo device only: its keys come from Speculos's public seed.
 */
import { EventEmitter } from 'node:events';
import { ApduStatus, SW, parseApdu, reply, status } from './apdu';
import { createEthereumApp } from './eth-app';
import { createBitcoinApp } from './btc-app';
import { createCardanoApp } from './cardano-app';
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
  /** Shows a prompt and resolves true on approve, false on reject. */
  confirm(action: LedgerPrompt['action'], lines: readonly string[]): Promise<boolean>;
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
  /** Ethereum app setting "Blind signing" (GET APP CONFIGURATION flag 0x01). */
  readonly blindSigning?: boolean;
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
}

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
}

let serialCounter = 0;

export class LedgerEmulator extends EventEmitter<LedgerEmulatorEvents> {
  readonly model: LedgerModel;
  readonly serial: string;
  readonly mnemonic: string;
  readonly firmwareVersion: string;
  readonly appVersions: Record<Exclude<LedgerAppName, 'BOLOS'>, string>;
  autoApprove: boolean;
  blindSigning: boolean;
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

  constructor(options: LedgerEmulatorOptions = {}) {
    super();
    this.model = options.model ?? 'nanoSP';
    serialCounter += 1;
    this.serial = options.serial ?? `EMU-LEDGER-${serialCounter}`;
    this.mnemonic = options.mnemonic ?? SPECULOS_MNEMONIC;
    this.locked = options.locked ?? false;
    this.app = options.app ?? 'Ethereum';
    this.autoApprove = options.autoApprove ?? false;
    this.blindSigning = options.blindSigning ?? false;
    this.firmwareVersion = options.firmwareVersion ?? '1.3.0';
    this.appVersions = { Ethereum: '1.13.0', Bitcoin: '2.2.3', 'Cardano ADA': '7.1.4', ...options.appVersions };
    this.resetApps();
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
    };
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
    this.changed();
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
    const ctx: AppContext = { mnemonic: this.mnemonic, confirm: (action, lines) => this.confirm(action, lines) };
    this.handlers = {
      Ethereum: createEthereumApp(ctx, () => this.appVersions.Ethereum, () => this.blindSigning),
      Bitcoin: createBitcoinApp(ctx),
      'Cardano ADA': createCardanoApp(ctx, () => this.appVersions['Cardano ADA']),
    };
  }

  private confirm(action: LedgerPrompt['action'], lines: readonly string[]): Promise<boolean> {
    if (this.autoApprove) return Promise.resolve(true);
    this.closePrompt(false);
    this.promptIds += 1;
    const prompt: LedgerPrompt = { id: this.promptIds, app: this.app, action, lines };
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
      this.emit('prompt', prompt);
      this.changed();
    });
  }

  private closePrompt(approved: boolean): boolean {
    const pending = this.pending;
    if (!pending) return false;
    this.pending = null;
    pending.resolve(approved);
    this.emit('promptClosed', { id: pending.prompt.id, approved });
    this.changed();
    return true;
  }

  private changed(): void {
    this.emit('state', this.state());
  }
}
