/**
 * Real Trezors, found and driven through the machine's Trezor Bridge (trezord, or the one in
 * Trezor Suite: http://127.0.0.1:21325). Speaks to it directly with Trezor's own BridgeTransport
 * (./bridge-transport.ts), one per URL: no emulator, no process-wide @trezor/connect in between.
 *
 * It looks at the Bridge every `pollMs`: a device that appears is read once (Initialize: its id,
 * model, firmware, label, locked or not) and listed; one that disappears is taken off the list.
 * A device another app holds (Trezor Suite has it open) is listed as busy and read once freed.
 * When nothing answers on the Bridge's port, `status()` says so in words (TrezorBridgeNotRunning).
 */
import { DeviceError, deviceErrors, type DeviceErrorBody } from '../errors';
import { type DeviceSink, type DeviceSource, type SourceDeviceListener, type SourceLedgerInfo } from '../source';
import { type ConnectionState } from '../types';
import { TrezorBridgeSigner, mapBridgeFailure } from './bridge-signer';
import { TREZORD_URL, openBridgeTransport, type BridgeDescriptor, type BridgeTransportApi } from './bridge-transport';

export interface TrezorBridgeSourceOptions {
  /** The Bridge's address (default trezord's, http://127.0.0.1:21325). */
  readonly url?: string;
  /** How often the Bridge is asked which devices it sees (ms). */
  readonly pollMs?: number;
  /** The session owner trezord records for our sessions. */
  readonly appName?: string;
}

export type TrezorBridgeStatus = { readonly running: true } | { readonly running: false; readonly error: DeviceErrorBody };

export interface TrezorBridgeSource extends DeviceSource {
  readonly url: string;
  /** Whether the Bridge answered the last look, and in words why not. */
  status(): TrezorBridgeStatus;
  /** Looks at the Bridge now (the poll does it every `pollMs`). */
  refresh(): Promise<void>;
}

/** What the Bridge's Initialize answer (Features) tells about a device. */
interface Features {
  readonly device_id?: string | null;
  readonly label?: string | null;
  readonly model?: string | null;
  readonly major_version?: number;
  readonly minor_version?: number;
  readonly patch_version?: number;
  readonly unlocked?: boolean | null;
}

interface Known {
  readonly path: string;
  deviceId: string | null;
  features: Features | null;
  /** Held by a session that is not one of our requests' (another app). */
  heldElsewhere: boolean;
  signer: TrezorBridgeSigner | null;
  listeners: Set<SourceDeviceListener>;
}

const DEFAULT_POLL_MS = 1_000;

export function createTrezorBridgeSource(options: TrezorBridgeSourceOptions = {}): TrezorBridgeSource {
  const url = options.url ?? TREZORD_URL;
  const transport: BridgeTransportApi = openBridgeTransport(url, options.appName ?? 'C3 Vault');
  const known = new Map<string, Known>();
  let sink: DeviceSink | null = null;
  let initialised = false;
  let status: TrezorBridgeStatus = { running: false, error: deviceErrors.bridgeNotRunning(url) };
  let looking: Promise<void> | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let closed = false;

  const stateOf = (device: Known): ConnectionState => {
    if (device.heldElsewhere) return 'busy';
    return device.features?.unlocked === false ? 'locked' : 'connected';
  };
  const infoOf = (device: Known): SourceLedgerInfo => {
    const f = device.features;
    const model = f?.model ? `Trezor Model ${f.model}` : 'Trezor';
    return {
      model,
      label: f?.label || model,
      firmwareVersion: f ? `${f.major_version}.${f.minor_version}.${f.patch_version}` : null,
      app: null,
      state: stateOf(device),
    };
  };

  /** Reads a free device's features (acquire, Initialize, release), or null when it cannot be read now. */
  const readFeatures = async (path: string): Promise<Features | null> => {
    const acquired = await transport.acquire({ input: { path, previous: null } });
    if (!acquired.success) return null;
    try {
      const reply = await transport.call({ session: acquired.payload, name: 'Initialize', data: {} });
      return reply.success && reply.payload.type === 'Features' ? (reply.payload.message as Features) : null;
    } finally {
      await transport.release({ path, session: acquired.payload }).catch(() => undefined);
    }
  };

  const list = async (device: Known): Promise<void> => {
    const features = await readFeatures(device.path);
    if (!features?.device_id || closed || known.get(device.path) !== device) return;
    device.features = features;
    device.deviceId = `trezor:${features.device_id}`;
    const signer = new TrezorBridgeSigner(transport, device.path, url, features.model ?? null);
    device.signer = signer;
    sink?.attachDevice({
      id: device.deviceId,
      vendor: 'trezor',
      emulated: false,
      signer,
      info: () => infoOf(device),
      watch: (listener) => {
        device.listeners.add(listener);
        return () => device.listeners.delete(listener);
      },
    });
  };

  /** A change between running and not (or of why not) is published with the device list. */
  const setStatus = (next: TrezorBridgeStatus): void => {
    const same = next.running === status.running && (next.running || status.running || next.error.kind === status.error.kind);
    status = next;
    if (!same) sink?.problemChanged();
  };

  const gone = (device: Known): void => {
    known.delete(device.path);
    if (device.deviceId) sink?.detach(device.deviceId);
  };

  const bridgeDown = (error: { error: string; message?: string }): void => {
    initialised = false;
    const mapped = mapBridgeFailure(error, url).body;
    setStatus({ running: false, error: mapped.kind === 'TrezorBridgeNotRunning' ? mapped : deviceErrors.bridgeNotRunning(url) });
    for (const device of [...known.values()]) gone(device);
  };

  const look = async (): Promise<void> => {
    if (!initialised) {
      const init = await transport.init();
      if (!init.success) return bridgeDown(init);
      initialised = true;
    }
    const enumerated = await transport.enumerate();
    if (!enumerated.success) return bridgeDown(enumerated);
    setStatus({ running: true });
    const seen = new Map<string, BridgeDescriptor>(enumerated.payload.map((d) => [d.path, d]));
    for (const device of [...known.values()]) if (!seen.has(device.path)) gone(device);
    for (const descriptor of seen.values()) {
      let device = known.get(descriptor.path);
      if (!device) {
        device = { path: descriptor.path, deviceId: null, features: null, heldElsewhere: false, signer: null, listeners: new Set() };
        known.set(descriptor.path, device);
      }
      // Our own requests hold the device between acquire and release; any other session is another app's.
      const heldElsewhere = descriptor.session !== null && !device.signer?.holds(descriptor.session);
      if (heldElsewhere !== device.heldElsewhere) {
        device.heldElsewhere = heldElsewhere;
        for (const listener of device.listeners) listener.changed();
      }
      if (!device.deviceId && descriptor.session === null) await list(device);
    }
  };

  const refresh = (): Promise<void> =>
    (looking ??= look()
      .catch((error: unknown) => {
        setStatus({ running: false, error: error instanceof DeviceError ? error.body : deviceErrors.bridgeNotRunning(url) });
      })
      .finally(() => {
        looking = null;
      }));

  return {
    url,
    status: () => status,
    problem: () => (status.running ? null : status.error),
    refresh,
    connect(devices) {
      sink = devices;
      void refresh();
      timer = setInterval(() => void refresh(), options.pollMs ?? DEFAULT_POLL_MS);
      timer.unref?.();
    },
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      timer = null;
      await looking;
      for (const device of [...known.values()]) gone(device);
      transport.stop();
    },
  };
}
