/**
 * The device layer's rows of the contract: listing devices, asking one for an address (shown on
 * its screen to verify), an EIP-712 signature, a cancel, and the emulator controls the Demo
 * Commons and the tests use. Emulated devices carry `emulated: true`; the UI labels them.
 */
import { z } from 'zod';
import { channel, event } from './define';
import { DEVICE_REQUEST_ERRORS } from './device-errors';
import { AppError } from './errors';

/** What keeps a source of devices from finding any (the machine's Trezor Bridge is not running), in words. */
export const DeviceSourceProblem = AppError;

export const DeviceId = z.string().min(1).max(200);

/** BIP32 allows 2^31 non-hardened and 2^31 hardened indices per step; we take paths of 1–10 steps. */
const MAX_PATH_STEPS = 10;
const MAX_INDEX = 0x7fffffff;

/**
 * What is wrong with a derivation path, in the member's words, naming the part at fault; null when
 * it is a valid BIP32 path ("m/44'/60'/0'/0/0", "44'/60'/0'/0/0"; ' h H mark a hardened step).
 * The path is the member's input: the screens say which part to correct, not "a bug".
 */
export function derivationPathProblem(path: string): string | null {
  const trimmed = path.trim();
  if (trimmed === '' || trimmed === 'm' || trimmed === 'm/') return 'The path is empty: write its steps after m/, for example m/44\'/60\'/0\'/0/0.';
  if (trimmed !== path) return 'The path has spaces before or after it; remove them.';
  const parts = path.split('/');
  const steps = parts[0] === 'm' ? parts.slice(1) : parts;
  const offset = parts[0] === 'm' ? 1 : 0;
  if (steps.length > MAX_PATH_STEPS) return `The path has ${steps.length} steps; C3 Vault takes at most ${MAX_PATH_STEPS}.`;
  for (const [i, step] of steps.entries()) {
    const position = i + 1 + offset;
    if (step === '') return `Part ${position} of the path is empty (two slashes in a row, or a slash at the end).`;
    if (step === 'm') return `Part ${position} is “m”: only the first part of a path may be m.`;
    const match = /^(\d+)(['hH]?)$/.exec(step);
    if (!match) return `Part ${position}, “${step}”, is not a step: write a whole number, with ' after it for a hardened step (as in 44').`;
    const index = Number(match[1]);
    if (index > MAX_INDEX) return `Part ${position}, “${step}”, is too large: a step is at most ${MAX_INDEX}.`;
  }
  return null;
}

export const DerivationPath = z.string().max(200).superRefine((path, ctx) => {
  const problem = derivationPathProblem(path);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
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
  /**
   * The device's first Ethereum address (m/44'/60'/0'/0/0), read without showing it, so that two
   * devices of one model can be told apart; null until read (locked, or a Ledger without the
   * Ethereum app open).
   */
  firstAddress: HexString.nullable(),
  /** What the device's screen asks the person to confirm now, if C3 Vault knows it (emulated devices). */
  prompt: z.object({ action: z.string(), lines: z.array(z.string()) }).nullable(),
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
    response: z.object({ devices: z.array(DeviceInfo), problems: z.array(DeviceSourceProblem).max(16) }),
    summary: 'The hardware devices connected now (and emulated ones, labelled), with model, versions and state.',
    errors: [],
  }),
  'devices.getAddress': channel({
    request: z.strictObject({ deviceId: DeviceId, path: DerivationPath, display: z.boolean().default(false) }),
    response: z.object({ path: z.string(), address: HexString, verifiedOnDevice: z.boolean() }),
    summary: 'The Ethereum address at a path; with display, shown on the device for the person to verify.',
    errors: [...DEVICE_REQUEST_ERRORS, 'DemoWorkspaceOnly'],
  }),
  'devices.accounts': channel({
    request: z.strictObject({ deviceId: DeviceId, count: z.number().int().min(1).max(20).default(20) }),
    response: z.object({ accounts: z.array(z.object({ path: z.string(), address: HexString })) }),
    summary: "The device's first Ethereum accounts (m/44'/60'/0'/0/i), read once without showing them, to find which device holds a key.",
    errors: [...DEVICE_REQUEST_ERRORS],
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
    errors: [...DEVICE_REQUEST_ERRORS, 'DemoWorkspaceOnly'],
  }),
  'devices.getXpub': channel({
    request: z.strictObject({ deviceId: DeviceId, path: DerivationPath, display: z.boolean().default(false) }),
    response: z.object({ path: z.string(), xpub: z.string(), masterFingerprint: z.string().regex(/^[0-9a-f]{8}$/) }),
    summary: "The Bitcoin extended public key at a path and the device's master fingerprint, for a multisig descriptor.",
    errors: [...DEVICE_REQUEST_ERRORS, 'DemoWorkspaceOnly'],
  }),
  'devices.getCardanoKey': channel({
    request: z.strictObject({ deviceId: DeviceId, path: DerivationPath }),
    response: z.object({ path: z.string(), publicKey: z.string(), chainCode: z.string() }),
    summary: 'The Cardano extended public key (public key and chain code) at a path, for a native-script multisig.',
    errors: [...DEVICE_REQUEST_ERRORS, 'DemoWorkspaceOnly'],
  }),
  'devices.cancel': channel({
    request: z.strictObject({ deviceId: DeviceId }),
    response: z.object({ cancelled: z.boolean() }),
    summary: 'Ends the request in flight on the device, if any: the transport is aborted and the request answers CancelledInApp.',
    errors: [...DEVICE_REQUEST_ERRORS, 'DemoWorkspaceOnly'],
  }),
  'devices.emulator.attach': channel({
    request: z.strictObject({
      vendor: z.enum(['ledger', 'trezor']),
      autoApprove: z.boolean().default(false),
      /**
       * Which public test seed: the vendor's (Speculos's for a Ledger, "all all … all" for a
       * Trezor, the keys the Demo Commons uses), or the BIP-39 test vector ("abandon … about"),
       * for a second device of the same model with other keys.
       */
      seed: z.enum(['vendor', 'bip39-test-vector']).optional(),
    }),
    response: z.object({ deviceId: DeviceId }),
    summary: 'Plugs in an emulated device (test and demo only, never for real funds).',
    errors: [...DEVICE_REQUEST_ERRORS, 'EmulatorsDisabled', 'DemoWorkspaceOnly'],
  }),
  'devices.emulator.approve': channel({
    request: EmulatorTarget,
    response: z.object({ done: z.boolean() }),
    summary: "Presses approve on an emulated device's prompt.",
    errors: [...DEVICE_REQUEST_ERRORS, 'DemoWorkspaceOnly'],
  }),
  'devices.emulator.reject': channel({
    request: EmulatorTarget,
    response: z.object({ done: z.boolean() }),
    summary: "Presses reject on an emulated device's prompt.",
    errors: [...DEVICE_REQUEST_ERRORS, 'DemoWorkspaceOnly'],
  }),
  'devices.emulator.unplug': channel({
    request: EmulatorTarget,
    response: z.object({ done: z.boolean() }),
    summary: 'Unplugs an emulated device, as pulling its cable would.',
    errors: [...DEVICE_REQUEST_ERRORS, 'DemoWorkspaceOnly'],
  }),
  'devices.emulator.replug': channel({
    request: EmulatorTarget,
    response: z.object({ done: z.boolean() }),
    summary: 'Plugs an emulated device back in.',
    errors: [...DEVICE_REQUEST_ERRORS, 'DemoWorkspaceOnly'],
  }),
  'devices.emulator.lock': channel({
    request: EmulatorTarget,
    response: z.object({ done: z.boolean() }),
    summary: 'Locks an emulated device (as its screen saver with PIN would).',
    errors: [...DEVICE_REQUEST_ERRORS, 'DemoWorkspaceOnly'],
  }),
  'devices.emulator.unlock': channel({
    request: EmulatorTarget,
    response: z.object({ done: z.boolean() }),
    summary: 'Unlocks an emulated device (as entering its PIN would).',
    errors: [...DEVICE_REQUEST_ERRORS, 'DemoWorkspaceOnly'],
  }),
  'devices.emulator.openApp': channel({
    request: z.strictObject({ deviceId: DeviceId, app: z.enum(['BOLOS', 'Ethereum', 'Bitcoin', 'Cardano ADA']) }),
    response: z.object({ done: z.boolean() }),
    summary: 'Opens an app on an emulated Ledger (BOLOS: back to the dashboard).',
    errors: [...DEVICE_REQUEST_ERRORS, 'DemoWorkspaceOnly'],
  }),
} as const;

export const devicesEvents = {
  'devices.changed': event({
    payload: z.object({ devices: z.array(DeviceInfo), problems: z.array(DeviceSourceProblem).max(16) }),
    summary: 'The device list changed: plugged, unplugged, locked, app opened, request started or finished.',
  }),
  'devices.prompt': event({
    payload: DevicePrompt,
    summary: 'A device started or stopped asking the person to confirm something on its screen.',
  }),
} as const;

export type DevicesChannels = typeof devicesChannels;
export type DevicesEvents = typeof devicesEvents;
