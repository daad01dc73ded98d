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
import { type ConnectionState, type DeviceInfo, type Signer } from './types';
import { LEDGER_PRODUCT_NAMES, type LedgerEmulator } from '../emulators/ledger/device';
import { EmulatedLedgerHid } from '../emulators/ledger/hid';
import { type TrezorEmulator } from '../emulators/trezor/device';

export interface DevicePromptEvent {
  readonly deviceId: string;
  readonly prompt: { readonly action: string; readonly lines: readonly string[] } | null;
}

interface Entry {
  info: DeviceInfo;
  signer: Signer | null;
  busy: boolean;
  detach?: () => void;
}

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
    return [...this.entries.values()].map((e) => ({ ...e.info, state: e.busy && e.info.state === 'connected' ? 'busy' : e.info.state }));
  }

  signer(deviceId: string): Signer {
    const entry = this.entries.get(deviceId);
    if (!entry || !entry.signer || entry.info.state === 'disconnected') throw new DeviceError(deviceErrors.notFound(deviceId));
    return entry.signer;
  }

  /** Runs one request on a device, marking it busy in the list meanwhile. */
  async use<T>(deviceId: string, fn: (signer: Signer) => Promise<T>): Promise<T> {
    const signer = this.signer(deviceId);
    const entry = this.entries.get(deviceId);
    if (entry?.busy) throw new DeviceError(deviceErrors.busy());
    if (entry) entry.busy = true;
    this.changed();
    try {
      return await fn(signer);
    } finally {
      if (entry) entry.busy = false;
      this.changed();
    }
  }

  // --- emulators -----------------------------------------------------------------------------

  attachLedgerEmulator(emulator: LedgerEmulator): string {
    const id = `ledger:${emulator.serial}`;
    if (this.entries.has(id)) return id;
    const signer = new LedgerSigner(openEmulatedLedger(emulator));
    const infoOf = (): DeviceInfo => {
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
      this.changed();
    };
    const onPrompt = (p: { action: string; lines: readonly string[] }): void => {
      this.emit('prompt', { deviceId: id, prompt: { action: p.action, lines: p.lines } });
    };
    const onClosed = (): void => {
      this.emit('prompt', { deviceId: id, prompt: null });
    };
    emulator.on('state', onState);
    emulator.on('prompt', onPrompt);
    emulator.on('promptClosed', onClosed);
    this.entries.set(id, {
      info: infoOf(),
      signer,
      busy: false,
      detach: () => {
        emulator.off('state', onState);
        emulator.off('prompt', onPrompt);
        emulator.off('promptClosed', onClosed);
        void signer.close();
      },
    });
    this.changed();
    return id;
  }

  /**
   * Marks a Trezor emulator (served by an emulator Bridge that connect talks to) so that it is
   * listed as emulated and its prompts are forwarded. It appears when connect reports it.
   */
  attachTrezorEmulator(emulator: TrezorEmulator): string {
    const id = `trezor:${emulator.serial}`;
    this.emulatedTrezors.set(emulator.serial, emulator);
    emulator.on('prompt', (p) => this.emit('prompt', { deviceId: id, prompt: { action: p.action, lines: p.lines } }));
    emulator.on('promptClosed', () => this.emit('prompt', { deviceId: id, prompt: null }));
    emulator.on('state', () => {
      const entry = this.entries.get(id);
      if (!entry) return;
      entry.info = { ...entry.info, state: this.trezorEmulatorState(emulator, entry.info.state) };
      this.changed();
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
        this.entries.set(id, {
          info: { id, vendor: 'ledger', model, label: model, firmwareVersion: null, app: null, state: 'connected', emulated: false },
          signer,
          busy: false,
          detach: () => void signer.close(),
        });
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
      const info: DeviceInfo = {
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
        this.entries.set(id, { info, signer, busy: false });
      }
      this.changed();
    });
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
