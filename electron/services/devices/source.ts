/**
 * What a source of devices gives the registry, so that the device layer knows no particular
 * source. The composition root (electron/services/index.ts) plugs them: the machine's Trezor
 * Bridge (./trezor/bridge-source.ts) always, the emulators (tests, the Demo Commons) only where
 * they are on.
 *
 * A source hands the registry Ledgers with a HID-like transport (the drivers speak APDUs to it,
 * as to a real one), devices it drives itself (`SourceDevice`: a Trezor through trezord), or
 * Trezors that @trezor/connect finds through a Bridge the source serves; it reports their state
 * and screen prompts (hotplug, locking) and may serve channels of its own.
 */
import { type Handlers } from '../../../shared/contract/dispatch';
import { type DevicesChannels } from '../../../shared/contract/devices';
import { type DeviceErrorBody } from './errors';
import { type LedgerTransport } from './ledger-driver';
import { type ConnectionState, type DeviceInfo, type DevicePrompt, type DeviceVendor, type Signer } from './types';

/** What a source's device tells the registry as it happens. */
export interface SourceDeviceListener {
  /** Its state changed (plugged, unplugged, locked, an app opened or a prompt answered). */
  changed(): void;
  /** Its screen asks for a confirmation now, or no longer (null). */
  prompt(prompt: DevicePrompt | null): void;
}

/** A Ledger as the registry lists it, before the registry adds what it reads itself. */
export interface SourceLedgerInfo {
  readonly model: string;
  readonly label: string;
  readonly firmwareVersion: string | null;
  readonly app: { readonly name: string; readonly version: string } | null;
  readonly state: ConnectionState;
}

export interface SourceLedger {
  /** Unique among the source's Ledgers; the device id is `ledger:<serial>`. */
  readonly serial: string;
  /** Listed with `emulated: true` (keys from public test seeds). */
  readonly emulated: boolean;
  /** A new transport to the device, as node-hid opens one for a real Ledger. */
  open(): Promise<LedgerTransport>;
  info(): SourceLedgerInfo;
  watch(listener: SourceDeviceListener): () => void;
  /**
   * The app cancelled the request in flight. A real Ledger has no command that closes its screen,
   * so the app asks the person to reject it there; a source may stand for that person.
   */
  cancelled?(): void;
}

/** A device its source drives itself, with a signer of its own (a Trezor spoken to through trezord). */
export interface SourceDevice {
  /** `<vendor>:<serial>`, unique among the registry's devices. */
  readonly id: string;
  readonly vendor: DeviceVendor;
  readonly emulated: boolean;
  readonly signer: Signer;
  info(): SourceLedgerInfo;
  watch(listener: SourceDeviceListener): () => void;
}

/** A Trezor that @trezor/connect reports through the Bridge its source serves (see `DeviceSource.trezorBridge`). */
export interface SourceTrezor {
  /** Its `device_id` as connect reports it; the device id is `trezor:<serial>`. */
  readonly serial: string;
  readonly emulated: boolean;
  /** Its state, knowing what connect reported (`reported`). */
  state(reported: ConnectionState): ConnectionState;
  watch(listener: SourceDeviceListener): () => void;
}

/** What the device layer offers a source. */
export interface DeviceSink {
  /** Lists a Ledger; answers its device id. */
  attachLedger(device: SourceLedger): string;
  /** Lists a device the source drives itself; answers its device id. */
  attachDevice(device: SourceDevice): string;
  /** Takes a device of the source off the list (unplugged), closing its signer. */
  detach(deviceId: string): void;
  /** Marks a Trezor connect will report, so that it is listed as the source says; answers its device id. */
  attachTrezor(device: SourceTrezor): string;
  /** Starts following Trezors through @trezor/connect (through the source's Bridge where it has one). */
  followTrezors(): Promise<void>;
  /** Resolves once the app's own reads of the device (its first address) are done. */
  settled(deviceId: string): Promise<void>;
  list(): DeviceInfo[];
  /** What keeps the source from finding devices changed (`DeviceSource.problem`): the list is published again. */
  problemChanged(): void;
}

export interface DeviceSource {
  /** Called once by the devices service, before any request. */
  connect(sink: DeviceSink): void;
  /**
   * A Trezor Bridge this source serves (the emulators'), which the app's @trezor/connect follows
   * for the source's Trezors. The machine's trezord is never behind it: real Trezors are the
   * trezord source's, spoken to directly (./trezor/bridge-source.ts).
   */
  trezorBridge?(): Promise<{ readonly port: number }>;
  /** Channels the source serves itself (e.g. the emulators' controls), over the service's refusals. */
  readonly handlers?: Partial<Handlers<DevicesChannels>>;
  /**
   * What keeps the source from finding devices now, in words (the machine's Trezor Bridge is not
   * running); null when nothing does. Shown beside the device list, so that "no device found" is
   * never the whole story.
   */
  problem?(): DeviceErrorBody | null;
  close(): Promise<void>;
}
