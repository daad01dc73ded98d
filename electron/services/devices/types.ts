import { derivationPathProblem } from '../../../shared/contract/devices';
import { DeviceError, deviceErrors } from './errors';

/**
 * The device layer's one interface: a `Signer` per connected device and app, whatever the vendor.
 * Everything a caller gets back is plain data; errors are `DeviceError`s (errors.ts).
 */

export type Hex = `0x${string}`;
export type DeviceVendor = 'ledger' | 'trezor';

/** EIP-712 typed data as JSON (numbers may be decimal strings), as eth_signTypedData_v4 takes it. */
export interface TypedData {
  readonly domain: Record<string, unknown>;
  readonly types: Record<string, readonly { readonly name: string; readonly type: string }[]>;
  readonly primaryType: string;
  readonly message: Record<string, unknown>;
}

/**
 * `hashed`: the device signs the domain and message hashes (every Ethereum app version);
 * `full`: the device receives every field and shows them (clear signing);
 * `auto`: full where the app supports it, else hashed.
 */
export type TypedDataMode = 'hashed' | 'full' | 'auto';

export interface AddressResult {
  readonly path: string;
  readonly address: Hex;
  /** True when the person confirmed on the device that the screen shows this address. */
  readonly verifiedOnDevice: boolean;
}

export interface SignatureResult {
  /** r || s || v (v = 27 or 28), 65 bytes, as Ethereum tooling expects. */
  readonly signature: Hex;
  readonly address: Hex;
  readonly mode: Exclude<TypedDataMode, 'auto'>;
}

export interface XpubResult {
  readonly path: string;
  readonly xpub: string;
  /** The device's master key fingerprint, 8 hex digits, for descriptors `[fingerprint/path]xpub`. */
  readonly masterFingerprint: string;
}

export interface CardanoKeyResult {
  readonly path: string;
  readonly publicKey: string;
  readonly chainCode: string;
}

export interface Signer {
  readonly vendor: DeviceVendor;
  getAddress(path: string, options?: { display?: boolean }): Promise<AddressResult>;
  signTypedData(path: string, typedData: TypedData, options?: { mode?: TypedDataMode }): Promise<SignatureResult>;
  signPersonalMessage(path: string, message: Uint8Array | string): Promise<{ signature: Hex; address: Hex }>;
  getXpub(path: string, options?: { display?: boolean }): Promise<XpubResult>;
  getCardanoKey(path: string): Promise<CardanoKeyResult>;
  /**
   * Ends the request in flight, if any: the transport's abort (a Trezor also gets the Cancel
   * message, which closes its screen), after which the signer is ready for the next request.
   */
  cancel(): Promise<void>;
  close(): Promise<void>;
}

export type ConnectionState = 'connected' | 'busy' | 'awaiting-confirmation' | 'locked' | 'disconnected';

export interface DeviceInfo {
  readonly id: string;
  readonly vendor: DeviceVendor;
  readonly model: string;
  readonly label: string;
  readonly firmwareVersion: string | null;
  /** Ledger: the app open on the device ('BOLOS' is the dashboard). Trezor: null. */
  readonly app: { readonly name: string; readonly version: string } | null;
  readonly state: ConnectionState;
  /** Emulated devices are test and demo devices; the UI labels them "emulated device". */
  readonly emulated: boolean;
  /** The first Ethereum address (m/44'/60'/0'/0/0), to tell two devices of one model apart; null until read. */
  readonly firstAddress: Hex | null;
  /** What the device's screen asks the person to confirm now, when C3 Vault knows it (emulated devices). */
  readonly prompt: DevicePrompt | null;
}

export interface DevicePrompt {
  readonly action: string;
  readonly lines: string[];
}

/** BIP32 path string ("m/44'/60'/0'/0/0" or "44'/60'/0'/0/0") to indices. */
export function parsePath(path: string): number[] {
  const problem = derivationPathProblem(path);
  if (problem) throw new DeviceError(deviceErrors.invalidPath(path, problem));
  const parts = path.replace(/^m\/?/, '').split('/').filter(Boolean);
  return parts.map((part) => {
    const n = Number.parseInt(part.replace(/['hH]$/, ''), 10);
    return /['hH]$/.test(part) ? n + 0x80000000 : n;
  });
}

export const formatPath = (indices: readonly number[]): string =>
  ['m', ...indices.map((i) => (i >= 0x80000000 ? `${i - 0x80000000}'` : String(i)))].join('/');
