/**
 * The live list of devices: real Ledgers found over USB HID (with hotplug), Trezors reported by
 * @trezor/connect's device events, and emulators attached by the tests and the Demo Commons
 * (listed with `emulated: true`). Emits `changed` with the whole list and `prompt` when a device
 * starts or stops asking for a confirmation.
 */
import { EventEmitter } from 'node:events';
import { TransportNodeHidNoEvents, loadTransportNodeHid } from './ledger-libs';
import { DeviceError, deviceErrors, mapLedgerError } from './errors';
import { LedgerSigner, getAppAndVersion, type LedgerTransport } from './ledger-driver';
import { TrezorSigner } from './trezor-driver';
import { getTrezorConnect, TrezorConnect } from './trezor-connect';
import { type ConnectionState, type DeviceInfo, type DevicePrompt, type Signer } from './types';
import { LEDGER_PRODUCT_NAMES, type LedgerEmulator } from '../emulators/ledger/device';
import { EmulatedLedgerHid } from '../emulators/ledger/hid';
import { type TrezorEmulator } from '../emulators/trezor/device';

export interface DevicePromptEvent {
  readonly deviceId: string;
  readonly prompt: DevicePrompt | null;
}

/** The account whose address tells two devices of one model apart (Ledger Live's and Suite's first account). */
export const FIRST_ACCOUNT_PATH = "m/44'/60'/0'/0/0";

type BaseInfo = Omit<DeviceInfo, 'firstAddress' | 'prompt'>;

interface Entry {
  info: BaseInfo;
  signer: Signer | null;
  busy: boolean;
  detach?: () => void;
  /** The first Ethereum address, once read (see `identify`). */
  firstAddress: DeviceInfo['firstAddress'];
  /** Reading the first address, if under way: requests wait for it. */
  identifying: Promise<void> | null;
  /** The state and app in which the first address was last tried, so that a failure is not retried in a loop. */
  identifyTriedIn: string | null;
  /** What the device's screen asks now, as its emulator reported it. */
  prompt: DevicePrompt | null;
  /** Cancel was pressed in the app for the request in flight. */
  cancelRequested: boolean;
  /** What an emulated device does when the app cancels (see attachLedgerEmulator). */
  onCancelled?: () => void;
}

const newEntry = (info: BaseInfo, signer: Signer | null, extra: Partial<Entry> = {}): Entry => ({
  info,
  signer,
  busy: false,
  firstAddress: null,
  identifying: null,
  identifyTriedIn: null,
  prompt: null,
  cancelRequested: false,
  ...extra,
});

export interface DeviceRegistryEvents {
  changed: [DeviceInfo[]];
  prompt: [DevicePromptEvent];
}

/** Opens a Ledger emulator through the real node-hid transport class (the HID seam). */
export const openEmulatedLedger = (emulator: LedgerEmulator) => async (): Promise<LedgerTransport> => {
  if (!emulator.isPlugged) throw new DeviceError(deviceErrors.disconnected());
  return new TransportNodeHidNoEvents(new EmulatedLedgerHid(emulator) as never) as unknown as LedgerTransport;
};

export class DeviceRegistry extends EventEmitter<DeviceRegistryEvents> {
  private readonly entries = new Map<string, Entry>();
  private readonly emulatedTrezors = new Map<string, TrezorEmulator>();
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
    try {
      return await fn(signer);
    } catch (error) {
      if (entry?.cancelRequested) throw new DeviceError(deviceErrors.cancelledInApp(entry.info.vendor));
      throw error;
    } finally {
      if (entry) {
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

  /** Resolves once the device's first address is read, if that is under way (tests and requests wait for it). */
  async settled(deviceId: string): Promise<void> {
    for (let entry = this.entries.get(deviceId); entry?.identifying; entry = this.entries.get(deviceId)) await entry.identifying;
  }

  // --- emulators -----------------------------------------------------------------------------

  attachLedgerEmulator(emulator: LedgerEmulator): string {
    const id = `ledger:${emulator.serial}`;
    if (this.entries.has(id)) return id;
    const signer = new LedgerSigner(openEmulatedLedger(emulator));
    const infoOf = (): BaseInfo => {
      const s = emulator.state();
      const state: ConnectionState = !s.plugged ? 'disconnected' : s.locked ? 'locked' : s.pending ? 'awaiting-confirmation' : 'connected';
      return {
        id,
        vendor: 'ledger',
        model: `Ledger ${LEDGER_PRODUCT_NAMES[s.model]}`,
        label: `Emulated Ledger ${LEDGER_PRODUCT_NAMES[s.model]}`,
        firmwareVersion: s.firmwareVersion,
        app: { name: s.app, version: s.appVersion },
        state,
        emulated: true,
      };
    };
    let wasPlugged = emulator.isPlugged;
    const onState = (): void => {
      const entry = this.entries.get(id);
      if (!entry) return;
      if (emulator.isPlugged && !wasPlugged) void signer.close(); // a replug needs a new HID handle
      wasPlugged = emulator.isPlugged;
      entry.info = infoOf();
      // Unplugged, locked or answered: whatever ended the prompt, it leaves the screens.
      if (!emulator.state().pending) this.setPrompt(id, null);
      this.changed();
      this.identify(id);
    };
    const onPrompt = (p: { action: string; lines: readonly string[] }): void => this.setPrompt(id, { action: p.action, lines: [...p.lines] });
    const onClosed = (): void => this.setPrompt(id, null);
    emulator.on('state', onState);
    emulator.on('prompt', onPrompt);
    emulator.on('promptClosed', onClosed);
    this.entries.set(
      id,
      newEntry(infoOf(), signer, {
        detach: () => {
          emulator.off('state', onState);
          emulator.off('prompt', onPrompt);
          emulator.off('promptClosed', onClosed);
          void signer.close();
        },
        // A real Ledger has no command that closes its screen (an APDU sent cannot be withdrawn):
        // the app tells the person to reject the cancelled request there. The emulated Ledger
        // stands for that person, so that a cancelled request ends on it as on the app.
        onCancelled: () => {
          if (emulator.state().pending) emulator.reject();
        },
      }),
    );
    this.changed();
    this.identify(id);
    return id;
  }

  /**
   * Marks a Trezor emulator (served by an emulator Bridge that connect talks to) so that it is
   * listed as emulated and its prompts are forwarded. It appears when connect reports it.
   */
  attachTrezorEmulator(emulator: TrezorEmulator): string {
    const id = `trezor:${emulator.serial}`;
    this.emulatedTrezors.set(emulator.serial, emulator);
    emulator.on('prompt', (p) => this.setPrompt(id, { action: p.action, lines: [...p.lines] }));
    emulator.on('promptClosed', () => this.setPrompt(id, null));
    emulator.on('state', (s) => {
      // A Cancel message or an unplug ends the prompt without a promptClosed: it leaves the screens too.
      if (!s.pending) this.setPrompt(id, null);
      const entry = this.entries.get(id);
      if (!entry) return;
      entry.info = { ...entry.info, state: this.trezorEmulatorState(emulator, entry.info.state) };
      this.changed();
      this.identify(id);
    });
    return id;
  }

  detach(deviceId: string): void {
    const entry = this.entries.get(deviceId);
    entry?.detach?.();
    this.entries.delete(deviceId);
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
          if (this.emulatedTrezors.has(serial ?? '')) entry.info = { ...entry.info, state: 'disconnected' };
          else this.entries.delete(id);
          this.changed();
        }
        return;
      }
      if (event.type !== 'device-connect' && event.type !== 'device-changed' && event.type !== 'device-connect_unacquired') return;
      const f = payload.features;
      const emulator = serial ? this.emulatedTrezors.get(serial) : undefined;
      const model = f?.model ? `Trezor Model ${f.model}` : 'Trezor';
      const base: ConnectionState = payload.type === 'acquired' ? (f?.unlocked === false ? 'locked' : 'connected') : 'busy';
      const previous = this.entries.get(id);
      const signer = previous?.signer instanceof TrezorSigner && previous.signer.devicePath === payload.path ? previous.signer : new TrezorSigner(payload.path, { ...options, model: f?.model });
      const info: BaseInfo = {
        id,
        vendor: 'trezor',
        model,
        label: emulator ? `Emulated ${model}` : (payload.label ?? model),
        firmwareVersion: f ? `${f.major_version}.${f.minor_version}.${f.patch_version}` : null,
        app: null,
        state: emulator ? this.trezorEmulatorState(emulator, base) : base,
        emulated: Boolean(emulator),
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
    if (!entry?.signer || entry.firstAddress || entry.identifying || entry.busy) return;
    const { state, app, vendor } = entry.info;
    const when = `${state}|${app?.name ?? ''}`;
    if (state !== 'connected' || (vendor === 'ledger' && app?.name !== 'Ethereum') || entry.identifyTriedIn === when) return;
    entry.identifyTriedIn = when;
    const signer = entry.signer;
    entry.identifying = signer
      .getAddress(FIRST_ACCOUNT_PATH)
      .then(
        (r) => {
          entry.firstAddress = r.address;
          if (this.entries.get(id) === entry) this.changed();
        },
        () => undefined, // locked meanwhile, or an app too old: the device is told apart by its label alone
      )
      .finally(() => {
        entry.identifying = null;
      });
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

  private trezorEmulatorState(emulator: TrezorEmulator, fallback: ConnectionState): ConnectionState {
    const s = emulator.state();
    if (!s.plugged) return 'disconnected';
    if (s.pending) return 'awaiting-confirmation';
    if (s.locked) return 'locked';
    return fallback === 'disconnected' ? 'connected' : fallback;
  }

  async stop(): Promise<void> {
    this.stopHid?.();
    this.stopHid = null;
    if (this.trezorListening) TrezorConnect.removeAllListeners('DEVICE_EVENT');
    this.trezorListening = false;
    for (const entry of this.entries.values()) entry.detach?.();
    this.entries.clear();
  }

  private changed(): void {
    this.emit('changed', this.list());
  }
}
