/**
 * The device layer's rows of the contract: listing devices, asking one for an address (shown on
 * its screen to verify), an EIP-712 signature, a cancel, and the emulator controls the Demo
 * Commons and the tests use. Emulated devices carry `emulated: true`; the UI labels them.
 */
import { z } from 'zod';
import { channel, event } from './define';

export const DeviceId = z.string().min(1).max(200);
export const DerivationPath = z
  .string()
  .regex(/^(m\/)?(\d+['hH]?)(\/\d+['hH]?){0,9}$/, "a BIP32 path such as m/44'/60'/0'/0/0");
const HexString = z.string().regex(/^0x[0-9a-fA-F]*$/, 'a 0x-prefixed hex string');

export const DeviceInfo = z.object({
  id: DeviceId,
  vendor: z.enum(['ledger', 'trezor']),
  model: z.string(),
  label: z.string(),
  firmwareVersion: z.string().nullable(),
  /** Ledger: the app open on the device ('BOLOS' is the dashboard). Trezor: null. */
  app: z.object({ name: z.string(), version: z.string() }).nullable(),
  state: z.enum(['connected', 'busy', 'awaiting-confirmation', 'locked', 'disconnected']),
  emulated: z.boolean(),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

/** EIP-712 typed data as JSON (eth_signTypedData_v4); integers may be numbers or decimal strings. */
export const TypedDataJson = z.object({
  domain: z.record(z.string(), z.json()),
  types: z.record(z.string(), z.array(z.object({ name: z.string(), type: z.string() }))),
  primaryType: z.string(),
  message: z.record(z.string(), z.json()),
});
export type TypedDataJson = z.infer<typeof TypedDataJson>;

export const DevicePrompt = z.object({
  deviceId: DeviceId,
  /** What the device asks the person to confirm, in its own words; null when it closed. */
  prompt: z.object({ action: z.string(), lines: z.array(z.string()) }).nullable(),
});

const EmulatorTarget = z.strictObject({ deviceId: DeviceId });

export const devicesChannels = {
  'devices.list': channel({
    request: z.strictObject({}),
    response: z.object({ devices: z.array(DeviceInfo) }),
    summary: 'The hardware devices connected now (and emulated ones, labelled), with model, versions and state.',
  }),
  'devices.getAddress': channel({
    request: z.strictObject({ deviceId: DeviceId, path: DerivationPath, display: z.boolean().default(false) }),
    response: z.object({ path: z.string(), address: HexString, verifiedOnDevice: z.boolean() }),
    summary: 'The Ethereum address at a path; with display, shown on the device for the person to verify.',
  }),
  'devices.sign': channel({
    request: z.strictObject({
      deviceId: DeviceId,
      path: DerivationPath,
      typedData: TypedDataJson,
      mode: z.enum(['auto', 'hashed', 'full']).default('auto'),
    }),
    response: z.object({ signature: HexString, address: HexString, mode: z.enum(['hashed', 'full']) }),
    summary: 'An EIP-712 signature from the device (full clear signing where the app supports it, else the hashes).',
  }),
  'devices.getXpub': channel({
    request: z.strictObject({ deviceId: DeviceId, path: DerivationPath, display: z.boolean().default(false) }),
    response: z.object({ path: z.string(), xpub: z.string(), masterFingerprint: z.string().regex(/^[0-9a-f]{8}$/) }),
    summary: "The Bitcoin extended public key at a path and the device's master fingerprint, for a multisig descriptor.",
  }),
  'devices.getCardanoKey': channel({
    request: z.strictObject({ deviceId: DeviceId, path: DerivationPath }),
    response: z.object({ path: z.string(), publicKey: z.string(), chainCode: z.string() }),
    summary: 'The Cardano extended public key (public key and chain code) at a path, for a native-script multisig.',
  }),
  'devices.cancel': channel({
    request: z.strictObject({ deviceId: DeviceId }),
    response: z.object({ cancelled: z.boolean() }),
    summary: 'Abandons the request the device is showing, if any.',
  }),
  'devices.emulator.attach': channel({
    request: z.strictObject({ vendor: z.enum(['ledger', 'trezor']), autoApprove: z.boolean().default(false) }),
    response: z.object({ deviceId: DeviceId }),
    summary: 'Plugs in an emulated device (test and demo only, never for real funds).',
  }),
  'devices.emulator.approve': channel({
    request: EmulatorTarget,
    response: z.object({ done: z.boolean() }),
    summary: "Presses approve on an emulated device's prompt.",
  }),
  'devices.emulator.reject': channel({
    request: EmulatorTarget,
    response: z.object({ done: z.boolean() }),
    summary: "Presses reject on an emulated device's prompt.",
  }),
  'devices.emulator.unplug': channel({
    request: EmulatorTarget,
    response: z.object({ done: z.boolean() }),
    summary: 'Unplugs an emulated device, as pulling its cable would.',
  }),
  'devices.emulator.replug': channel({
    request: EmulatorTarget,
    response: z.object({ done: z.boolean() }),
    summary: 'Plugs an emulated device back in.',
  }),
  'devices.emulator.lock': channel({
    request: EmulatorTarget,
    response: z.object({ done: z.boolean() }),
    summary: 'Locks an emulated device (as its screen saver with PIN would).',
  }),
  'devices.emulator.unlock': channel({
    request: EmulatorTarget,
    response: z.object({ done: z.boolean() }),
    summary: 'Unlocks an emulated device (as entering its PIN would).',
  }),
  'devices.emulator.openApp': channel({
    request: z.strictObject({ deviceId: DeviceId, app: z.enum(['BOLOS', 'Ethereum', 'Bitcoin', 'Cardano ADA']) }),
    response: z.object({ done: z.boolean() }),
    summary: 'Opens an app on an emulated Ledger (BOLOS: back to the dashboard).',
  }),
} as const;

export const devicesEvents = {
  'devices.changed': event({
    payload: z.object({ devices: z.array(DeviceInfo) }),
    summary: 'The device list changed: plugged, unplugged, locked, app opened, request started or finished.',
  }),
  'devices.prompt': event({
    payload: DevicePrompt,
    summary: 'A device started or stopped asking the person to confirm something on its screen.',
  }),
} as const;

export type DevicesChannels = typeof devicesChannels;
export type DevicesEvents = typeof devicesEvents;
