/**
 * The device layer's handlers, keyed by the contract's channel names (shared/contract/devices.ts),
 * each answering `{ ok: true, value } | { ok: false, error }`, plus a subscription to its events.
 * The lead wires `handlers` into the contract table and `subscribe` into the event hub.
 */
import { type Handlers } from '../../../shared/contract/dispatch';
import { type PayloadOf } from '../../../shared/contract/define';
import { type DevicesChannels, type DevicesEvents } from '../../../shared/contract/devices';
import { err, ok } from '../../../shared/result';
import { DeviceError, deviceErrors } from './errors';
import { DeviceRegistry } from './registry';
import { type TypedData } from './types';
import { LedgerEmulator } from '../emulators/ledger/device';
import { TrezorEmulator } from '../emulators/trezor/device';
import { DEFAULT_BRIDGE_PORT, startTrezorBridge, type TrezorBridge } from '../emulators/trezor/bridge';
import { disposeTrezorConnect } from './trezor-connect';
import { BIP39_TEST_VECTOR_MNEMONIC } from '../emulators/mnemonics';

export interface DevicesServiceOptions {
  /** Discover real Ledgers over USB HID (node-hid). Off in tests. */
  readonly ledgerHid?: boolean;
  /**
   * Follow real Trezors through @trezor/connect and trezord on this port (default 21325). With
   * `emulators` on, connect talks to the emulator Bridge the service starts, which lists
   * trezord's real devices beside the emulated ones and forwards to it (connect is one per
   * process and follows one Bridge).
   */
  readonly trezor?: boolean;
  readonly trezorBridgePort?: number;
  /** Allow emulated devices (tests and the Demo Commons). */
  readonly emulators?: boolean;
  /** Port of the emulator Bridge (0: any free port). */
  readonly emulatorBridgePort?: number;
}

export type DevicesEventListener = <N extends keyof DevicesEvents>(event: N, payload: PayloadOf<DevicesEvents, N>) => void;

export interface DevicesService {
  readonly handlers: Handlers<DevicesChannels>;
  readonly registry: DeviceRegistry;
  subscribe(listener: DevicesEventListener): () => void;
  /** Emulators attached through `devices.emulator.attach`, by device id (tests drive them). */
  readonly emulators: ReadonlyMap<string, LedgerEmulator | TrezorEmulator>;
  close(): Promise<void>;
}

const fail = (error: unknown) => {
  if (error instanceof DeviceError) return err(error.toAppError());
  return err(new DeviceError(deviceErrors.failed(error instanceof Error ? error.message : String(error))).toAppError());
};

export function createDevicesService(options: DevicesServiceOptions = {}): DevicesService {
  const registry = new DeviceRegistry();
  const listeners = new Set<DevicesEventListener>();
  const emulators = new Map<string, LedgerEmulator | TrezorEmulator>();
  let bridge: Promise<TrezorBridge> | null = null;
  let trezorStarted: Promise<void> | null = null;

  const publish: DevicesEventListener = (event, payload) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch {
        // one broken subscriber must not stop the others
      }
    }
  };
  registry.on('changed', (devices) => publish('devices.changed', { devices }));
  registry.on('prompt', (p) => publish('devices.prompt', { deviceId: p.deviceId, prompt: p.prompt ? { action: p.prompt.action, lines: [...p.prompt.lines] } : null }));

  const trezordPort = options.trezorBridgePort ?? DEFAULT_BRIDGE_PORT;
  const emulatorBridge = (): Promise<TrezorBridge> =>
    (bridge ??= startTrezorBridge({ port: options.emulatorBridgePort ?? 0, ...(options.trezor ? { upstream: { port: trezordPort } } : {}) }));
  const startTrezor = async (): Promise<void> => {
    trezorStarted ??= (async () => {
      const port = options.emulators ? (await emulatorBridge()).port : trezordPort;
      await registry.startTrezor({ bridgePort: port });
    })();
    return trezorStarted;
  };
  if (options.ledgerHid) void registry.startLedgerHid().catch(() => undefined);
  if (options.trezor) void startTrezor().catch(() => undefined);

  const emulator = (deviceId: string): LedgerEmulator | TrezorEmulator => {
    const found = emulators.get(deviceId);
    if (!found) throw new DeviceError(deviceErrors.notFound(deviceId));
    return found;
  };
  const control = (fn: (e: LedgerEmulator | TrezorEmulator) => boolean | void) => async ({ deviceId }: { deviceId: string }) => {
    try {
      const result = fn(emulator(deviceId));
      return ok({ done: result !== false });
    } catch (error) {
      return fail(error);
    }
  };

  const handlers: Handlers<DevicesChannels> = {
    'devices.list': async () => ok({ devices: registry.list() }),
    'devices.getAddress': async ({ deviceId, path, display }) => {
      try {
        return ok(await registry.use(deviceId, (s) => s.getAddress(path, { display })));
      } catch (error) {
        return fail(error);
      }
    },
    'devices.accounts': async ({ deviceId, count }) => {
      try {
        return ok({ accounts: await registry.accounts(deviceId, count) });
      } catch (error) {
        return fail(error);
      }
    },
    'devices.sign': async ({ deviceId, path, typedData, mode }) => {
      try {
        return ok(await registry.use(deviceId, (s) => s.signTypedData(path, typedData as unknown as TypedData, { mode })));
      } catch (error) {
        return fail(error);
      }
    },
    'devices.getXpub': async ({ deviceId, path, display }) => {
      try {
        return ok(await registry.use(deviceId, (s) => s.getXpub(path, { display })));
      } catch (error) {
        return fail(error);
      }
    },
    'devices.getCardanoKey': async ({ deviceId, path }) => {
      try {
        return ok(await registry.use(deviceId, (s) => s.getCardanoKey(path)));
      } catch (error) {
        return fail(error);
      }
    },
    'devices.cancel': async ({ deviceId }) => {
      try {
        return ok({ cancelled: await registry.cancel(deviceId) });
      } catch (error) {
        return fail(error);
      }
    },
    'devices.emulator.attach': async ({ vendor, autoApprove, seed }) => {
      if (!options.emulators) {
        return err({ kind: 'EmulatorsDisabled', message: 'Emulated devices are turned off in this build.', nextStep: 'Start C3 Vault with emulators enabled (tests, Demo Commons).' });
      }
      try {
        // A second device of one model gets other public test keys (the BIP-39 test vector).
        const mnemonic = seed === 'bip39-test-vector' ? BIP39_TEST_VECTOR_MNEMONIC : undefined;
        if (vendor === 'ledger') {
          // Set up as C3 Vault needs a real Ledger to be: "Blind signing" on, since the Ethereum app
          // (1.12.0 and later) signs an EIP-712 message without Ledger-signed filters only then.
          const device = new LedgerEmulator({ autoApprove, blindSigning: true, mnemonic });
          const deviceId = registry.attachLedgerEmulator(device);
          emulators.set(deviceId, device);
          await registry.settled(deviceId);
          return ok({ deviceId });
        }
        const device = new TrezorEmulator({ autoApprove, mnemonic });
        const deviceId = registry.attachTrezorEmulator(device);
        emulators.set(deviceId, device);
        await startTrezor();
        (await emulatorBridge()).attach(device);
        await waitFor(() => registry.list().some((d) => d.id === deviceId && d.state !== 'disconnected'), 15_000);
        await registry.settled(deviceId);
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
    registry,
    emulators,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await registry.stop();
      if (trezorStarted) await disposeTrezorConnect();
      trezorStarted = null;
      if (bridge) await (await bridge).close();
      bridge = null;
    },
  };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new DeviceError(deviceErrors.failed('the emulated device did not appear'));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
