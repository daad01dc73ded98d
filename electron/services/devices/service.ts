/**
 * The device layer's handlers, keyed by the contract's channel names (shared/contract/devices.ts),
 * each answering `{ ok: true, value } | { ok: false, error }`, plus a subscription to its events.
 * The lead wires `handlers` into the contract table and `subscribe` into the event hub.
 */
import { type CallContext, type Handlers } from '../../../shared/contract/dispatch';
import { type PayloadOf } from '../../../shared/contract/define';
import { type DevicesChannels, type DevicesEvents } from '../../../shared/contract/devices';
import { err, ok } from '../../../shared/result';
import { DeviceError, deviceErrors } from './errors';
import { DeviceRegistry } from './registry';
import { type TypedData } from './types';
import { disposeTrezorConnect } from './trezor-connect';
import { type DeviceSink, type DeviceSource } from './source';

export interface DevicesServiceOptions {
  /** Discover real Ledgers over USB HID (node-hid). Off in tests. */
  readonly ledgerHid?: boolean;
  /**
   * The sources plugged from the start (./source.ts): the machine's Trezor Bridge
   * (./trezor/bridge-source.ts), the emulators. Others come and go with `plug` and `unplug`.
   */
  readonly sources?: readonly DeviceSource[];
}

export type DevicesEventListener = <N extends keyof DevicesEvents>(event: N, payload: PayloadOf<DevicesEvents, N>) => void;

export interface DevicesService {
  readonly handlers: Handlers<DevicesChannels>;
  readonly registry: DeviceRegistry;
  /** The sources plugged now. */
  sources(): readonly DeviceSource[];
  /** Plugs a source in: its devices are listed and its channels served from now on. */
  plug(source: DeviceSource): void;
  /** Pulls a source out: its devices leave the list, its channels are no longer served, it is closed. */
  unplug(source: DeviceSource): Promise<void>;
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
  /** Each plugged source, with the ids of the devices it attached. */
  const plugged = new Map<DeviceSource, Set<string>>();
  /** @trezor/connect follows one Bridge per process: the one of the source that asked first. */
  let trezorFollowed: { source: DeviceSource; started: Promise<void> } | null = null;

  const publish: DevicesEventListener = (event, payload) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch {
        // one broken subscriber must not stop the others
      }
    }
  };
  const problems = () => [...plugged.keys()].flatMap((source) => source.problem?.() ?? []);
  registry.on('changed', (devices) => publish('devices.changed', { devices, problems: problems() }));
  registry.on('prompt', (p) => publish('devices.prompt', { deviceId: p.deviceId, prompt: p.prompt ? { action: p.prompt.action, lines: [...p.prompt.lines] } : null }));

  const sinkFor = (source: DeviceSource, ids: Set<string>): DeviceSink => {
    const own = (id: string): string => {
      ids.add(id);
      return id;
    };
    return {
      attachLedger: (device) => own(registry.attachLedger(device)),
      attachDevice: (device) => own(registry.attachDevice(device)),
      attachTrezor: (device) => own(registry.attachTrezor(device)),
      detach: (deviceId) => {
        if (!ids.delete(deviceId)) return; // not this source's
        registry.detach(deviceId);
      },
      followTrezors: async () => {
        if (!source.trezorBridge) throw new DeviceError(deviceErrors.failed('this device source serves no Trezor Bridge'));
        if (trezorFollowed && trezorFollowed.source !== source) throw new DeviceError(deviceErrors.failed('another device source’s Trezor Bridge is followed'));
        const bridge = source.trezorBridge;
        trezorFollowed ??= { source, started: (async () => registry.startTrezor({ bridgePort: (await bridge()).port }))() };
        return trezorFollowed.started;
      },
      settled: (deviceId) => registry.settled(deviceId),
      list: () => registry.list(),
      problemChanged: () => publish('devices.changed', { devices: registry.list(), problems: problems() }),
    };
  };

  const plug = (source: DeviceSource): void => {
    if (plugged.has(source)) return;
    const ids = new Set<string>();
    plugged.set(source, ids);
    source.connect(sinkFor(source, ids));
  };
  const unplug = async (source: DeviceSource): Promise<void> => {
    const ids = plugged.get(source);
    if (!ids) return;
    plugged.delete(source);
    for (const id of ids) registry.detach(id);
    if (trezorFollowed?.source === source) {
      trezorFollowed = null;
      registry.stopTrezor();
      await disposeTrezorConnect();
    }
    await source.close();
  };

  for (const source of options.sources ?? []) plug(source);
  if (options.ledgerHid) void registry.startLedgerHid().catch(() => undefined);

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
    'devices.list': async () => ok({ devices: registry.list(), problems: problems() }),
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
    ...servedBySources(unserved),
  };

  return {
    handlers,
    registry,
    sources: () => [...plugged.keys()],
    plug,
    unplug,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      const sources = [...plugged.keys()];
      plugged.clear();
      await registry.stop();
      if (trezorFollowed) await disposeTrezorConnect();
      trezorFollowed = null;
      await Promise.allSettled(sources.map((source) => source.close()));
    },
  };

  /** Each channel a source may serve, answered by the plugged source that serves it, or refused as no source's. */
  function servedBySources<C extends keyof DevicesChannels>(fallback: Pick<Handlers<DevicesChannels>, C>): Pick<Handlers<DevicesChannels>, C> {
    type Loose = (request: unknown, context: CallContext) => Promise<unknown>;
    const served: Record<string, Loose> = {};
    for (const [channel, refuse] of Object.entries(fallback) as [string, Loose][]) {
      served[channel] = (request, context) => {
        const source = [...plugged.keys()].find((s) => (s.handlers as Record<string, Loose> | undefined)?.[channel]);
        const handler = (source?.handlers as Record<string, Loose> | undefined)?.[channel] ?? refuse;
        return handler(request, context);
      };
    }
    return served as unknown as Pick<Handlers<DevicesChannels>, C>;
  }
}

