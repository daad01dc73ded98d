/**
 * A Trezor behind a Trezor Bridge, driven message by message: the firmware's host protocol as
 * @trezor/connect runs it (Ethereum addresses, EIP-712 typed data field by field, personal
 * messages, public keys), with connect's own EIP-712 field encoders, over one BridgeTransport.
 *
 * Each request acquires the device (from no session: a device another app holds is busy, never
 * taken over), exchanges its messages and releases it, so that Trezor Suite can use the device
 * between two requests of C3 Vault.
 */
import { createRequire } from 'node:module';
import { DeviceError, deviceErrors, mapTrezorError } from '../errors';
import { typedDataHashes } from '../ledger-driver';
import { formatPath, parsePath, type Hex, type Signer, type TypedData, type TypedDataMode } from '../types';
import { type BridgeMessage, type BridgeResult, type BridgeTransportApi } from './bridge-transport';

type FieldType = Record<string, unknown>;
const connectEip712 = createRequire(import.meta.url)('@trezor/connect/lib/api/ethereum/ethereumSignTypedData') as {
  encodeData(typeName: string, data: unknown): string;
  getFieldType(typeName: string, types: TypedData['types']): FieldType;
  parseArrayType(typeName: string): { entryTypeName: string };
};

/** CardanoDerivationType.ICARUS_TREZOR: the derivation Trezor firmware uses by default (connect's default too). */
const ICARUS_TREZOR = 2;

/** trezord's words for a device gone (unplugged) or held by someone else. */
const DISCONNECTED = /disconnected|device not found|session not found|closed device|LIBUSB_ERROR_(NO_DEVICE|IO)/i;
const HELD_ELSEWHERE = /wrong previous session|other call in progress/i;
/** The Bridge itself did not answer: nothing listens on its port (cross-fetch's and Node's words). */
const NO_BRIDGE = /Network request failed|ECONNREFUSED|fetch failed|HTTP_ERROR|socket hang up/i;

/** A transport failure in our words (the device layer's errors). */
export function mapBridgeFailure(result: { error: string; message?: string }, url: string): DeviceError {
  const text = `${result.error} ${result.message ?? ''}`;
  if (NO_BRIDGE.test(text)) return new DeviceError(deviceErrors.bridgeNotRunning(url));
  if (HELD_ELSEWHERE.test(text)) return new DeviceError(deviceErrors.busy());
  if (DISCONNECTED.test(text)) return new DeviceError(deviceErrors.disconnected());
  return new DeviceError(deviceErrors.failed(text.trim()));
}

export class TrezorBridgeSigner implements Signer {
  readonly vendor = 'trezor' as const;
  private session: string | null = null;
  /** Our latest sessions, so that a look at the Bridge taken meanwhile does not mistake one of them for another app's. */
  private readonly recentSessions: string[] = [];
  private cancelRequested = false;

  constructor(
    private readonly transport: BridgeTransportApi,
    /** The Bridge's path of the device (its descriptor's `path`). */
    readonly devicePath: string,
    private readonly bridgeUrl: string,
    private readonly model: string | null = null,
  ) {}

  async getAddress(path: string, options: { display?: boolean } = {}) {
    const display = options.display ?? false;
    const r = await this.run('EthereumGetAddress', { address_n: parsePath(path), show_display: display }, 'EthereumAddress');
    return { path, address: r.address as Hex, verifiedOnDevice: display };
  }

  async signTypedData(path: string, typedData: TypedData, _options: { mode?: TypedDataMode } = {}) {
    typedDataHashes(typedData); // refuses malformed typed data before the device is asked
    const types = { EIP712Domain: domainType(typedData), ...typedData.types };
    const r = await this.run(
      'EthereumSignTypedData',
      { address_n: parsePath(path), primary_type: typedData.primaryType, metamask_v4_compat: true },
      'EthereumTypedDataSignature',
      (request) => answerTypedDataRequest(request, { ...typedData, types }),
    );
    // The Model One signs the hashes only (it cannot show the fields); the others receive and show every field.
    const mode = this.model === '1' ? 'hashed' : 'full';
    return { signature: hex(r.signature), address: r.address as Hex, mode } as const;
  }

  async signPersonalMessage(path: string, message: Uint8Array | string) {
    const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : Buffer.from(message);
    const r = await this.run('EthereumSignMessage', { address_n: parsePath(path), message: bytes.toString('hex') }, 'EthereumMessageSignature');
    return { signature: hex(r.signature), address: r.address as Hex };
  }

  async getXpub(path: string, options: { display?: boolean } = {}) {
    const indices = parsePath(path);
    const coin = indices[1] === 0x80000001 ? 'Testnet' : 'Bitcoin';
    const r = await this.run('GetPublicKey', { address_n: indices, coin_name: coin, show_display: options.display ?? false }, 'PublicKey');
    // The master fingerprint is the parent fingerprint of any depth-1 key.
    const top = await this.run('GetPublicKey', { address_n: [indices[0] ?? 0x80000000 + 44], coin_name: coin, show_display: false }, 'PublicKey');
    const fingerprint = Number((top.node as { fingerprint: number }).fingerprint);
    return { path: formatPath(indices), xpub: String(r.xpub), masterFingerprint: (fingerprint >>> 0).toString(16).padStart(8, '0') };
  }

  async getCardanoKey(path: string) {
    const r = await this.run('CardanoGetPublicKey', { address_n: parsePath(path), derivation_type: ICARUS_TREZOR, show_display: false }, 'CardanoPublicKey');
    const node = r.node as { public_key: string; chain_code: string };
    return { path, publicKey: node.public_key, chainCode: node.chain_code };
  }

  /** Whether `session` is (or just was) one of this signer's requests. */
  holds(session: string): boolean {
    return this.recentSessions.includes(session);
  }

  /** The Cancel message, sent beside the call that waits on the device: the firmware closes its screen and fails that call. */
  async cancel(): Promise<void> {
    if (!this.session) return;
    this.cancelRequested = true;
    await this.transport.send({ session: this.session, name: 'Cancel', data: {} });
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session) await this.transport.release({ path: this.devicePath, session });
  }

  /**
   * One request: acquire, the exchange until `expected` (answering the device's own requests on
   * the way), release. The firmware's questions to the person (ButtonRequest) are acknowledged
   * and answered on the device; a PIN it wants typed on the computer (the Model One's matrix) is
   * not asked here, so the device counts as locked until it is unlocked in Trezor Suite.
   */
  private async run(
    name: string,
    data: Record<string, unknown>,
    expected: string,
    answer?: (request: BridgeMessage) => { name: string; data: Record<string, unknown> } | null,
  ): Promise<Record<string, unknown>> {
    this.cancelRequested = false;
    const session = this.unwrap(await this.transport.acquire({ input: { path: this.devicePath, previous: null } }));
    this.session = session;
    this.recentSessions.push(session);
    if (this.recentSessions.length > 8) this.recentSessions.shift();
    try {
      let reply = this.unwrap(await this.transport.call({ session, name, data }));
      for (;;) {
        if (reply.type === expected) return reply.message;
        const next = this.nextMessage(reply, answer);
        reply = this.unwrap(await this.transport.call({ session, name: next.name, data: next.data }));
      }
    } finally {
      this.session = null;
      // A device unplugged meanwhile has no session left to release.
      await this.transport.release({ path: this.devicePath, session }).catch(() => undefined);
    }
  }

  private nextMessage(reply: BridgeMessage, answer?: (request: BridgeMessage) => { name: string; data: Record<string, unknown> } | null) {
    switch (reply.type) {
      case 'Failure': {
        const { code, message } = reply.message as { code?: string; message?: string };
        throw mapTrezorError({ code, error: message }, { cancelledByApp: this.cancelRequested });
      }
      case 'ButtonRequest':
        return { name: 'ButtonAck', data: {} };
      // Passphrase-protected wallets open their standard (empty passphrase) wallet, as connect's `useEmptyPassphrase`.
      case 'PassphraseRequest':
        return { name: 'PassphraseAck', data: { passphrase: '' } };
      case 'PinMatrixRequest':
        throw new DeviceError(deviceErrors.locked('trezor'));
      default: {
        const next = answer?.(reply);
        if (next) return next;
        throw new DeviceError(deviceErrors.failed(`the Trezor answered ${reply.type}`));
      }
    }
  }

  private unwrap<T>(result: BridgeResult<T>): T {
    if (result.success) return result.payload;
    throw mapBridgeFailure(result, this.bridgeUrl);
  }
}

const hex = (value: unknown): Hex => `0x${String(value).replace(/^0x/, '')}`;

/** The EIP712Domain type as the data gives it, or as its domain's fields imply (eth_signTypedData_v4). */
function domainType(typedData: TypedData): TypedData['types'][string] {
  const given = typedData.types['EIP712Domain'];
  if (given) return given;
  const standard = [
    { name: 'name', type: 'string' },
    { name: 'version', type: 'string' },
    { name: 'chainId', type: 'uint256' },
    { name: 'verifyingContract', type: 'address' },
    { name: 'salt', type: 'bytes32' },
  ];
  return standard.filter((field) => field.name in typedData.domain);
}

/** The firmware asks for each struct's definition, then for each value by its path (connect's ethereumSignTypedData). */
function answerTypedDataRequest(request: BridgeMessage, typedData: TypedData): { name: string; data: Record<string, unknown> } | null {
  if (request.type === 'EthereumTypedDataStructRequest') {
    const name = String(request.message['name']);
    const members = (typedData.types[name] ?? []).map((field) => ({ name: field.name, type: connectEip712.getFieldType(field.type, typedData.types) }));
    return { name: 'EthereumTypedDataStructAck', data: { members } };
  }
  if (request.type === 'EthereumTypedDataValueRequest') {
    const [root, ...nested] = request.message['member_path'] as number[];
    let typeName = root === 0 ? 'EIP712Domain' : typedData.primaryType;
    let value: unknown = root === 0 ? typedData.domain : typedData.message;
    for (const index of nested) {
      if (Array.isArray(value)) {
        typeName = connectEip712.parseArrayType(typeName).entryTypeName;
        value = value[index];
      } else {
        const field = typedData.types[typeName]?.[index];
        if (!field) throw new DeviceError(deviceErrors.failed(`the Trezor asked for field ${index} of ${typeName}`));
        typeName = field.type;
        value = (value as Record<string, unknown>)[field.name];
      }
    }
    // An array is sent as its length (uint16), then entry by entry as the device asks.
    const encoded = Array.isArray(value) ? connectEip712.encodeData('uint16', value.length) : connectEip712.encodeData(typeName, value);
    return { name: 'EthereumTypedDataValueAck', data: { value: encoded } };
  }
  return null;
}
