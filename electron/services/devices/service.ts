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
import { disposeTrezorConnect } from './trezor-connect';
import { type DeviceSink, type DeviceSource } from './source';

/** The machine's Trezor Bridge (trezord) port. */
export const TREZORD_PORT = 21325;

export interface DevicesServiceOptions {
  /** Discover real Ledgers over USB HID (node-hid). Off in tests. */
  readonly ledgerHid?: boolean;
  /**
   * Follow real Trezors through @trezor/connect and trezord on this port (default 21325). With a
   * source that serves a Trezor Bridge (the emulators), connect talks to that Bridge, which lists
   * trezord's real devices beside its own and forwards to it (connect is one per process and
   * follows one Bridge); without one, connect talks to trezord directly.
   */
  readonly trezor?: boolean;
  readonly trezorBridgePort?: number;
  /** Devices from elsewhere than this machine's USB and trezord (./source.ts), e.g. the emulators. */
  readonly sources?: readonly DeviceSource[];
}

export type DevicesEventListener = <N extends keyof DevicesEvents>(event: N, payload: PayloadOf<DevicesEvents, N>) => void;

export interface DevicesService {
  readonly handlers: Handlers<DevicesChannels>;
  readonly registry: DeviceRegistry;
  subscribe(listener: DevicesEventListener): () => void;
  close(): Promise<void>;
}

const fail = (error: unknown) => {
  if (error instanceof DeviceError) return err(error.toAppError());
  return err(new DeviceError(deviceErrors.failed(error instanceof Error ? error.message : String(error))).toAppError());
};

export function createDevicesService(options: DevicesServiceOptions = {}): DevicesService {
  const registry = new DeviceRegistry();
  const listeners = new Set<DevicesEventListener>();
  const sources = options.sources ?? [];
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

  const trezordPort = options.trezorBridgePort ?? TREZORD_PORT;
  const fronting = sources.find((source) => source.trezorBridge);
  const startTrezor = async (): Promise<void> => {
    trezorStarted ??= (async () => {
      const port = fronting?.trezorBridge ? (await fronting.trezorBridge()).port : trezordPort;
      await registry.startTrezor({ bridgePort: port });
    })();
    return trezorStarted;
  };

  const sink: DeviceSink = {
    attachLedger: (device) => registry.attachLedger(device),
    attachTrezor: (device) => registry.attachTrezor(device),
    followTrezors: startTrezor,
    settled: (deviceId) => registry.settled(deviceId),
    list: () => registry.list(),
    trezord: options.trezor ? { port: trezordPort } : null,
  };
  for (const source of sources) source.connect(sink);
  if (options.ledgerHid) void registry.startLedgerHid().catch(() => undefined);
  if (options.trezor) void startTrezor().catch(() => undefined);

  // The emulators' channels, when no source serves them: nothing to plug in, no such device.
  const noSuchDevice = async ({ deviceId }: { deviceId: string }) => err(new DeviceError(deviceErrors.notFound(deviceId)).toAppError());
  const unserved: Pick<Handlers<DevicesChannels>, `devices.emulator.${string}` & keyof DevicesChannels> = {
    'devices.emulator.attach': async () =>
      err({ kind: 'EmulatorsDisabled', message: 'Emulated devices are turned off in this build.', nextStep: 'Start C3 Vault with emulators enabled (tests, Demo Commons).' }),
    'devices.emulator.approve': noSuchDevice,
    'devices.emulator.reject': noSuchDevice,
    'devices.emulator.unplug': noSuchDevice,
    'devices.emulator.replug': noSuchDevice,
    'devices.emulator.lock': noSuchDevice,
    'devices.emulator.unlock': noSuchDevice,
    'devices.emulator.openApp': noSuchDevice,
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
    ...unserved,
    ...Object.assign({}, ...sources.map((source) => source.handlers ?? {})),
  };

  return {
    handlers,
    registry,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await registry.stop();
      if (trezorStarted) await disposeTrezorConnect();
      trezorStarted = null;
      await Promise.allSettled(sources.map((source) => source.close()));
    },
  };
}

