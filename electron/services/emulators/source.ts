/**
 * The emulators as a source of devices (../devices/source.ts), plugged in by the composition root
 * for browser mode, the tests and the Demo Commons. An emulated Ledger is reached through the real
 * node-hid transport class over an emulated HID device; emulated Trezors are served by an emulator
 * Bridge of their own, which @trezor/connect follows (the machine's trezord is never behind it:
 * real Trezors are the trezord source's, ../devices/trezor/bridge-source.ts). It also serves the
 * `devices.emulator.*` channels that drive them.
 */
import { type Handlers } from '../../../shared/contract/dispatch';
import { type DevicesChannels } from '../../../shared/contract/devices';
import { err, ok } from '../../../shared/result';
import { DeviceError, deviceErrors } from '../devices/errors';
import { TransportNodeHidNoEvents } from '../devices/ledger-libs';
import { type LedgerTransport } from '../devices/ledger-driver';
import { createDevicesService, type DevicesService, type DevicesServiceOptions } from '../devices/service';
import { type DeviceSink, type DeviceSource, type SourceDeviceListener, type SourceLedger, type SourceTrezor } from '../devices/source';
import { type ConnectionState } from '../devices/types';
import { LEDGER_PRODUCT_NAMES, LedgerEmulator } from './ledger/device';
import { EmulatedLedgerHid } from './ledger/hid';
import { TrezorEmulator } from './trezor/device';
import { startTrezorBridge, type TrezorBridge } from './trezor/bridge';
import { BIP39_TEST_VECTOR_MNEMONIC } from './mnemonics';

export type Emulator = LedgerEmulator | TrezorEmulator;

export interface EmulatorSource extends DeviceSource {
  readonly handlers: Partial<Handlers<DevicesChannels>>;
  /** Emulators attached through `devices.emulator.attach`, by device id (tests drive them). */
  readonly emulators: ReadonlyMap<string, Emulator>;
  /** Pulls every emulator's cable (leaving the Demo workspace). */
  unplugAll(): void;
}

export interface EmulatorSourceOptions {
  /** Port of the emulator Bridge (0: any free port). */
  readonly bridgePort?: number;
}

/** Opens a Ledger emulator through the real node-hid transport class (the HID seam). */
export const openEmulatedLedger = (emulator: LedgerEmulator) => async (): Promise<LedgerTransport> => {
  if (!emulator.isPlugged) throw new DeviceError(deviceErrors.disconnected());
  return new TransportNodeHidNoEvents(new EmulatedLedgerHid(emulator) as never) as unknown as LedgerTransport;
};

/** A Ledger emulator as the registry sees a source's Ledger. */
export function emulatedLedger(emulator: LedgerEmulator): SourceLedger {
  return {
    serial: emulator.serial,
    emulated: true,
    open: openEmulatedLedger(emulator),
    info() {
      const s = emulator.state();
      const state: ConnectionState = !s.plugged ? 'disconnected' : s.locked ? 'locked' : s.pending ? 'awaiting-confirmation' : 'connected';
      const name = LEDGER_PRODUCT_NAMES[s.model];
      return { model: `Ledger ${name}`, label: `Emulated Ledger ${name}`, firmwareVersion: s.firmwareVersion, app: { name: s.app, version: s.appVersion }, state };
    },
    watch: (listener) => watch(emulator, listener, 'changed-first'),
    // The emulated Ledger stands for the person, who rejects on the device a request the app cancelled.
    cancelled() {
      if (emulator.state().pending) emulator.reject();
    },
  };
}

/** A Trezor emulator as the registry sees a source's Trezor (connect finds it through the emulator Bridge). */
export function emulatedTrezor(emulator: TrezorEmulator): SourceTrezor {
  return {
    serial: emulator.serial,
    emulated: true,
    state(reported) {
      const s = emulator.state();
      if (!s.plugged) return 'disconnected';
      if (s.pending) return 'awaiting-confirmation';
      if (s.locked) return 'locked';
      return reported === 'disconnected' ? 'connected' : reported;
    },
    watch: (listener) => watch(emulator, listener, 'prompt-first'),
  };
}

function watch(emulator: Emulator, listener: SourceDeviceListener, order: 'changed-first' | 'prompt-first'): () => void {
  const onState = (): void => {
    // Unplugged, locked, answered or cancelled: whatever ended the prompt, it leaves the screens.
    const ended = !emulator.state().pending;
    if (order === 'prompt-first' && ended) listener.prompt(null);
    listener.changed();
    if (order === 'changed-first' && ended) listener.prompt(null);
  };
  const onPrompt = (p: { action: string; lines: readonly string[] }): void => listener.prompt({ action: p.action, lines: [...p.lines] });
  const onClosed = (): void => listener.prompt(null);
  const e = emulator as LedgerEmulator; // both emit state, prompt and promptClosed
  e.on('state', onState);
  e.on('prompt', onPrompt);
  e.on('promptClosed', onClosed);
  return () => {
    e.off('state', onState);
    e.off('prompt', onPrompt);
    e.off('promptClosed', onClosed);
  };
}

const fail = (error: unknown) => {
  if (error instanceof DeviceError) return err(error.toAppError());
  return err(new DeviceError(deviceErrors.failed(error instanceof Error ? error.message : String(error))).toAppError());
};

export function createEmulatorSource(options: EmulatorSourceOptions = {}): EmulatorSource {
  const emulators = new Map<string, Emulator>();
  let sink: DeviceSink | null = null;
  let bridge: Promise<TrezorBridge> | null = null;

  const connected = (): DeviceSink => {
    if (!sink) throw new DeviceError(deviceErrors.failed('the emulators are not connected to a device service'));
    return sink;
  };
  const emulatorBridge = (): Promise<TrezorBridge> => (bridge ??= startTrezorBridge({ port: options.bridgePort ?? 0 }));
  const emulator = (deviceId: string): Emulator => {
    const found = emulators.get(deviceId);
    if (!found) throw new DeviceError(deviceErrors.notFound(deviceId));
    return found;
  };
  const control = (fn: (e: Emulator) => boolean | void) => async ({ deviceId }: { deviceId: string }) => {
    try {
      const result = fn(emulator(deviceId));
      return ok({ done: result !== false });
    } catch (error) {
      return fail(error);
    }
  };

  const handlers: Partial<Handlers<DevicesChannels>> = {
    'devices.emulator.attach': async ({ vendor, autoApprove, seed }) => {
      try {
        const devices = connected();
        // A second device of one model gets other public test keys (the BIP-39 test vector).
        const mnemonic = seed === 'bip39-test-vector' ? BIP39_TEST_VECTOR_MNEMONIC : undefined;
        if (vendor === 'ledger') {
          // Set up as C3 Vault needs a real Ledger to be: "Blind signing" on, since the Ethereum app
          // (1.12.0 and later) signs an EIP-712 message without Ledger-signed filters only then.
          const device = new LedgerEmulator({ autoApprove, blindSigning: true, mnemonic });
          const deviceId = devices.attachLedger(emulatedLedger(device));
          emulators.set(deviceId, device);
          await devices.settled(deviceId);
          return ok({ deviceId });
        }
        const device = new TrezorEmulator({ autoApprove, mnemonic });
        const deviceId = devices.attachTrezor(emulatedTrezor(device));
        emulators.set(deviceId, device);
        await devices.followTrezors();
        (await emulatorBridge()).attach(device);
        await waitFor(() => devices.list().some((d) => d.id === deviceId && d.state !== 'disconnected'), 15_000);
        await devices.settled(deviceId);
        return ok({ deviceId });
      } catch (error) {
        return fail(error);
      }
    },
    'devices.emulator.approve': control((e) => e.approve()),
    'devices.emulator.reject': control((e) => e.reject()),
    'devices.emulator.unplug': control((e) => e.unplug()),
    'devices.emulator.replug': control((e) => e.replug()),
    'devices.emulator.lock': control((e) => e.lock()),
    'devices.emulator.unlock': control((e) => e.unlock()),
    'devices.emulator.openApp': async ({ deviceId, app }) => {
      try {
        const e = emulator(deviceId);
        if (!(e instanceof LedgerEmulator)) {
          return err(new DeviceError(deviceErrors.notSupported('openApp', 'A Trezor has no apps to open.')).toAppError());
        }
        e.openApp(app);
        return ok({ done: true });
      } catch (error) {
        return fail(error);
      }
    },
  };

  return {
    handlers,
    emulators,
    connect(devices) {
      sink = devices;
    },
    trezorBridge: emulatorBridge,
    unplugAll() {
      for (const e of emulators.values()) e.unplug();
    },
    async close() {
      // Pulled out of the app: as with pulled cables, a prompt left open on an emulator is dropped.
      for (const e of emulators.values()) e.unplug();
      if (bridge) await (await bridge).close();
      bridge = null;
    },
  };
}

/** A device service with the emulators as its one extra source (tests, benches): the emulators are the test devices. */
export type EmulatedDevicesService = DevicesService & { readonly emulators: ReadonlyMap<string, Emulator> };

export function createEmulatedDevicesService(options: Omit<DevicesServiceOptions, 'sources'> & { emulatorBridgePort?: number } = {}): EmulatedDevicesService {
  const { emulatorBridgePort, ...rest } = options;
  const source = createEmulatorSource({ bridgePort: emulatorBridgePort });
  return { ...createDevicesService({ ...rest, sources: [source] }), emulators: source.emulators };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new DeviceError(deviceErrors.failed('the emulated device did not appear'));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
