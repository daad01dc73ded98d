/**
 * The live list of devices: real Ledgers found over USB HID (with hotplug) and the devices of the
 * sources (./source.ts): real Trezors through trezord (./trezor/bridge-source.ts), and the
 * emulators of the tests and the Demo Commons (listed with `emulated: true`), whose Trezors are
 * reported by @trezor/connect's device events. Emits `changed` with the whole list and `prompt` when a device
 * starts or stops asking for a confirmation.
 */
import { EventEmitter } from 'node:events';
import { TransportNodeHidNoEvents, loadTransportNodeHid } from './ledger-libs';
import { DeviceError, deviceErrors, mapLedgerError } from './errors';
import { LedgerSigner, getAppAndVersion, type LedgerTransport } from './ledger-driver';
import { TrezorSigner } from './trezor-driver';
import { getTrezorConnect, TrezorConnect } from './trezor-connect';
import { type ConnectionState, type DeviceInfo, type DevicePrompt, type Hex, type Signer } from './types';
import { type SourceDevice, type SourceLedger, type SourceTrezor } from './source';

export interface DevicePromptEvent {
  readonly deviceId: string;
  readonly prompt: DevicePrompt | null;
}

/** The account whose address tells two devices of one model apart (Ledger Live's and Suite's first account). */
export const FIRST_ACCOUNT_PATH = "m/44'/60'/0'/0/0";

type BaseInfo = Omit<DeviceInfo, 'firstAddress' | 'prompt'>;

/** How many Ethereum accounts (m/44'/60'/0'/0/i) are read to find which device holds a key, as Safe and Frame scan. */
export const ACCOUNTS_SCANNED = 20;
export const accountPath = (index: number) => `m/44'/60'/0'/0/${index}`;

export interface AccountAddress {
  readonly path: string;
  readonly address: Hex;
}

interface Entry {
  info: BaseInfo;
  signer: Signer | null;
  busy: boolean;
  detach?: () => void;
  /** The first Ethereum address, once read (see `identify`). */
  firstAddress: DeviceInfo['firstAddress'];
  /** The request of a flow in flight (see `use`). */
  running: Promise<unknown> | null;
  /** A read of the app's own in flight (the first address, the accounts): requests wait for it. */
  internal: Promise<void> | null;
  /** The first Ethereum accounts, once read (see `accounts`), and their read under way. */
  accounts: AccountAddress[] | null;
  scanning: Promise<AccountAddress[]> | null;
  /** The state and app in which the first address was last tried, so that a failure is not retried in a loop. */
  identifyTriedIn: string | null;
  /** What the device's screen asks now, as its emulator reported it. */
  prompt: DevicePrompt | null;
  /** Cancel was pressed in the app for the request in flight. */
  cancelRequested: boolean;
  /** What a source's device does when the app cancels (see SourceLedger.cancelled). */
  onCancelled?: () => void;
}

const newEntry = (info: BaseInfo, signer: Signer | null, extra: Partial<Entry> = {}): Entry => ({
  info,
  signer,
  busy: false,
  firstAddress: null,
  running: null,
  internal: null,
  accounts: null,
  scanning: null,
  identifyTriedIn: null,
  prompt: null,
  cancelRequested: false,
  ...extra,
});

export interface DeviceRegistryEvents {
  changed: [DeviceInfo[]];
  prompt: [DevicePromptEvent];
}

export class DeviceRegistry extends EventEmitter<DeviceRegistryEvents> {
  private readonly entries = new Map<string, Entry>();
  private readonly sourceTrezors = new Map<string, SourceTrezor>();
  private stopHid: (() => void) | null = null;
  private trezorListening = false;

  list(): DeviceInfo[] {
    return [...this.entries.values()].map((e) => ({
      ...e.info,
      state: e.busy && e.info.state === 'connected' ? 'busy' : e.info.state,
      firstAddress: e.firstAddress,
      prompt: e.prompt,
    }));
  }

  signer(deviceId: string): Signer {
    const entry = this.entries.get(deviceId);
    if (!entry || !entry.signer || entry.info.state === 'disconnected') throw new DeviceError(deviceErrors.notFound(deviceId));
    return entry.signer;
  }

  /**
   * Runs one request on a device, marking it busy in the list meanwhile. A request that the app
   * cancelled answers CancelledInApp, whatever the vendor library made of the abort; when it
   * ends, however it ends, the device's prompt is taken off the screens.
   */
  async use<T>(deviceId: string, fn: (signer: Signer) => Promise<T>): Promise<T> {
    await this.settled(deviceId);
    const signer = this.signer(deviceId);
    const entry = this.entries.get(deviceId);
    if (entry?.busy) throw new DeviceError(deviceErrors.busy());
    if (entry) {
      entry.busy = true;
      entry.cancelRequested = false;
    }
    this.changed();
    const running = fn(signer);
    if (entry) entry.running = running;
    try {
      return await running;
    } catch (error) {
      if (entry?.cancelRequested) throw new DeviceError(deviceErrors.cancelledInApp(entry.info.vendor));
      throw error;
    } finally {
      if (entry) {
        entry.running = null;
        entry.busy = false;
        entry.cancelRequested = false;
        this.setPrompt(deviceId, null);
      }
      this.changed();
    }
  }

  /**
   * Cancel pressed in the app: ends the request in flight (the transport's abort; a Trezor also
   * gets the Cancel message). False when no request of this app was in flight.
   */
  async cancel(deviceId: string): Promise<boolean> {
    const entry = this.entries.get(deviceId);
    if (!entry?.signer) throw new DeviceError(deviceErrors.notFound(deviceId));
    if (!entry.busy) return false;
    entry.cancelRequested = true;
    await entry.signer.cancel();
    entry.onCancelled?.();
    return true;
  }

  /** Resolves once the app's own reads of the device (first address, accounts) are done; requests wait for them. */
  async settled(deviceId: string): Promise<void> {
    for (let entry = this.entries.get(deviceId); entry?.internal; entry = this.entries.get(deviceId)) await entry.internal;
  }

  /**
   * The device's first Ethereum accounts, read once without showing them (each flow that asks
   * "which device holds this key?" shares the read, instead of one request per address and flow).
   */
  async accounts(deviceId: string, count = ACCOUNTS_SCANNED): Promise<AccountAddress[]> {
    const entry = this.entries.get(deviceId);
    if (!entry?.signer || entry.info.state === 'disconnected') throw new DeviceError(deviceErrors.notFound(deviceId));
    if (entry.accounts && entry.accounts.length >= count) return entry.accounts.slice(0, count);
    entry.scanning ??= this.internal(entry, async (signer) => {
      const found: AccountAddress[] = [];
      for (let i = 0; i < ACCOUNTS_SCANNED; i += 1) found.push({ path: accountPath(i), address: (await signer.getAddress(accountPath(i))).address });
      return found;
    })
      .then((found) => {
        entry.accounts = found;
        entry.firstAddress ??= found[0]?.address ?? null;
        return found;
      })
      .finally(() => {
        entry.scanning = null;
      });
    return (await entry.scanning).slice(0, count);
  }

  /**
   * Runs a read of the app's own (not a flow's request) on a device, after the request in flight
   * and before the next: requests wait for it (`settled`) instead of finding the device busy.
   */
  private async internal<T>(entry: Entry, fn: (signer: Signer) => Promise<T>): Promise<T> {
    while (entry.running || entry.internal) await (entry.running ?? entry.internal)?.catch(() => undefined);
    if (!entry.signer) throw new DeviceError(deviceErrors.notFound(entry.info.id));
    const task = fn(entry.signer);
    const tracked = task.then(
      () => undefined,
      () => undefined,
    );
    entry.internal = tracked;
    void tracked.then(() => {
      if (entry.internal === tracked) entry.internal = null;
    });
    return task;
  }

  // --- devices of other sources (./source.ts) ---------------------------------------------

  attachLedger(device: SourceLedger): string {
    const id = `ledger:${device.serial}`;
    if (this.entries.has(id)) return id;
    const signer = new LedgerSigner(() => device.open());
    const infoOf = (): BaseInfo => ({ id, vendor: 'ledger', ...device.info(), emulated: device.emulated });
    let wasPlugged = device.info().state !== 'disconnected';
    const unwatch = device.watch({
      changed: () => {
        const entry = this.entries.get(id);
        if (!entry) return;
        const info = infoOf();
        const plugged = info.state !== 'disconnected';
        if (plugged && !wasPlugged) void signer.close(); // a replug needs a new HID handle
        wasPlugged = plugged;
        entry.info = info;
        this.changed();
        this.identify(id);
      },
      prompt: (p) => this.setPrompt(id, p && { action: p.action, lines: [...p.lines] }),
    });
    this.entries.set(
      id,
      newEntry(infoOf(), signer, {
        detach: () => {
          unwatch();
          void signer.close();
        },
        ...(device.cancelled ? { onCancelled: () => device.cancelled?.() } : {}),
      }),
    );
    this.changed();
    this.identify(id);
    return id;
  }

  /** Lists a device its source drives with a signer of its own (a Trezor through trezord). */
  attachDevice(device: SourceDevice): string {
    const { id } = device;
    if (this.entries.has(id)) return id;
    const infoOf = (): BaseInfo => ({ id, vendor: device.vendor, ...device.info(), emulated: device.emulated });
    const unwatch = device.watch({
      changed: () => {
        const entry = this.entries.get(id);
        if (!entry) return;
        entry.info = infoOf();
        this.changed();
        this.identify(id);
      },
      prompt: (p) => this.setPrompt(id, p && { action: p.action, lines: [...p.lines] }),
    });
    this.entries.set(
      id,
      newEntry(infoOf(), device.signer, {
        detach: () => {
          unwatch();
          void device.signer.close().catch(() => undefined);
        },
      }),
    );
    this.changed();
    this.identify(id);
    return id;
  }

  /**
   * Marks a Trezor of a source (served by a Bridge that connect talks to) so that it is listed
   * as the source says and its prompts are forwarded. It appears when connect reports it.
   */
  attachTrezor(device: SourceTrezor): string {
    const id = `trezor:${device.serial}`;
    this.sourceTrezors.set(device.serial, device);
    device.watch({
      prompt: (p) => this.setPrompt(id, p && { action: p.action, lines: [...p.lines] }),
      changed: () => {
        const entry = this.entries.get(id);
        if (!entry) return;
        entry.info = { ...entry.info, state: device.state(entry.info.state) };
        this.changed();
        this.identify(id);
      },
    });
    return id;
  }

  detach(deviceId: string): void {
    const entry = this.entries.get(deviceId);
    if (entry && !entry.detach) void entry.signer?.close();
    entry?.detach?.();
    this.entries.delete(deviceId);
    if (deviceId.startsWith('trezor:')) this.sourceTrezors.delete(deviceId.slice('trezor:'.length));
    this.changed();
  }

  // --- real devices ---------------------------------------------------------------------------

  /** Starts USB HID discovery of Ledgers (node-hid; needs libusb/hidraw and, on Linux, udev rules). */
  async startLedgerHid(): Promise<void> {
    if (this.stopHid) return;
    const TransportNodeHid = loadTransportNodeHid();
    const subscription = TransportNodeHid.listen({
      next: (raw) => {
        const event = raw as { type: 'add' | 'remove'; descriptor: string; deviceModel?: { productName?: string } | null };
        const id = `ledger:${event.descriptor}`;
        if (event.type === 'remove') {
          const entry = this.entries.get(id);
          entry?.detach?.();
          this.entries.delete(id);
          this.changed();
          return;
        }
        const open = async (): Promise<LedgerTransport> => {
          try {
            return (await TransportNodeHidNoEvents.open(event.descriptor)) as unknown as LedgerTransport;
          } catch (error) {
            throw mapLedgerError(error);
          }
        };
        const signer = new LedgerSigner(open);
        const model = event.deviceModel?.productName ?? 'Ledger';
        this.entries.set(
          id,
          newEntry({ id, vendor: 'ledger', model, label: model, firmwareVersion: null, app: null, state: 'connected', emulated: false }, signer, {
            detach: () => void signer.close(),
          }),
        );
        this.changed();
        void this.refreshLedgerApp(id, open);
      },
      error: () => undefined,
      complete: () => undefined,
    });
    this.stopHid = () => subscription.unsubscribe();
  }

  /** Asks a Ledger which app is open (the OS answers GET APP AND VERSION), best effort. */
  private async refreshLedgerApp(id: string, open: () => Promise<LedgerTransport>): Promise<void> {
    try {
      const transport = await open();
      try {
        const app = await getAppAndVersion(transport);
        const entry = this.entries.get(id);
        if (!entry) return;
        entry.info = { ...entry.info, app, firmwareVersion: app.name === 'BOLOS' ? app.version : entry.info.firmwareVersion };
        this.changed();
      } finally {
        await transport.close().catch(() => undefined);
      }
      this.identify(id);
    } catch (error) {
      const entry = this.entries.get(id);
      if (entry && mapLedgerError(error).body.kind === 'DeviceLocked') {
        entry.info = { ...entry.info, state: 'locked' };
        this.changed();
      }
    }
  }

  /** Follows @trezor/connect's device events (connect talks to trezord or the emulator Bridge). */
  async startTrezor(options: { bridgePort?: number } = {}): Promise<void> {
    if (this.trezorListening) return;
    this.trezorListening = true;
    const connect = await getTrezorConnect(options);
    connect.on('DEVICE_EVENT', (event: { type: string; payload: unknown }) => {
      const payload = event.payload as {
        path?: string;
        label?: string;
        type?: string;
        features?: { device_id?: string | null; model?: string; internal_model?: string; major_version?: number; minor_version?: number; patch_version?: number; unlocked?: boolean | null } | null;
      };
      if (!payload?.path) return;
      const serial = payload.features?.device_id ?? null;
      const id = serial ? `trezor:${serial}` : `trezor:path:${payload.path}`;
      if (event.type === 'device-disconnect') {
        const entry = this.entries.get(id);
        if (entry) {
          if (this.sourceTrezors.has(serial ?? '')) entry.info = { ...entry.info, state: 'disconnected' };
          else {
            void entry.signer?.close();
            this.entries.delete(id);
          }
          this.changed();
        }
        return;
      }
      if (event.type !== 'device-connect' && event.type !== 'device-changed' && event.type !== 'device-connect_unacquired') return;
      const f = payload.features;
      const fromSource = serial ? this.sourceTrezors.get(serial) : undefined;
      const model = f?.model ? `Trezor Model ${f.model}` : 'Trezor';
      const base: ConnectionState = payload.type === 'acquired' ? (f?.unlocked === false ? 'locked' : 'connected') : 'busy';
      const previous = this.entries.get(id);
      const signer = previous?.signer instanceof TrezorSigner && previous.signer.devicePath === payload.path ? previous.signer : new TrezorSigner(payload.path, { ...options, model: f?.model });
      const info: BaseInfo = {
        id,
        vendor: 'trezor',
        model,
        label: fromSource?.emulated ? `Emulated ${model}` : (payload.label ?? model),
        firmwareVersion: f ? `${f.major_version}.${f.minor_version}.${f.patch_version}` : null,
        app: null,
        state: fromSource ? fromSource.state(base) : base,
        emulated: fromSource?.emulated ?? false,
      };
      // Updated in place: a request in flight holds this entry (its busy flag).
      if (previous) {
        previous.info = info;
        previous.signer = signer;
      } else {
        this.entries.set(id, newEntry(info, signer));
      }
      this.changed();
      this.identify(id);
    });
  }

  /**
   * Reads the device's first Ethereum address without showing it, so that two devices of one
   * model can be told apart (Ledger Live and Trezor Suite read accounts on connect too). Only
   * when the device can answer without asking the person: connected, unlocked, and for a Ledger
   * with the Ethereum app open. Tried once per state and app, so a failure is not retried in a loop.
   */
  private identify(id: string): void {
    const entry = this.entries.get(id);
    if (!entry?.signer || entry.firstAddress || entry.internal || entry.busy) return;
    const { state, app, vendor } = entry.info;
    const when = `${state}|${app?.name ?? ''}`;
    if (state !== 'connected' || (vendor === 'ledger' && app?.name !== 'Ethereum') || entry.identifyTriedIn === when) return;
    entry.identifyTriedIn = when;
    void this.internal(entry, (signer) => signer.getAddress(FIRST_ACCOUNT_PATH)).then(
      (r) => {
        entry.firstAddress = r.address;
        if (this.entries.get(id) === entry) this.changed();
      },
      () => undefined, // locked meanwhile, or an app too old: the device is told apart by its label alone
    );
  }

  private setPrompt(id: string, prompt: DevicePrompt | null): void {
    const entry = this.entries.get(id);
    if (entry) {
      if (entry.prompt === null && prompt === null) return;
      entry.prompt = prompt;
    }
    this.emit('prompt', { deviceId: id, prompt });
    this.changed();
  }

  /** Stops following @trezor/connect's device events (the source whose Bridge it followed was unplugged). */
  stopTrezor(): void {
    if (this.trezorListening) TrezorConnect.removeAllListeners('DEVICE_EVENT');
    this.trezorListening = false;
  }

  async stop(): Promise<void> {
    this.stopHid?.();
    this.stopHid = null;
    this.stopTrezor();
    for (const entry of this.entries.values()) {
      if (entry.detach) entry.detach();
      else void entry.signer?.close();
    }
    this.entries.clear();
  }

  private changed(): void {
    this.emit('changed', this.list());
  }
}
