/**
 * The Ledger driver: one transport per device, the vendor's app libraries on top
 * (hw-app-eth, hw-app-btc, ledgerjs-hw-app-cardano), and a check of which app is open (and how
 * old it is) before each call so that errors name the app to open. hw-app-eth is constructed
 * with every service URL off: the device signs what we send, nothing is looked up.
 */
import { Ada, Btc, Eth } from './ledger-libs';
import { hashStruct } from 'viem';
import { DeviceError, deviceErrors, mapLedgerError } from './errors';
import { formatPath, parsePath, type Hex, type Signer, type TypedData, type TypedDataMode } from './types';

/** What @ledgerhq/hw-transport's Transport offers that we use (the vendors' classes differ by version). */
export interface LedgerTransport {
  send(cla: number, ins: number, p1: number, p2: number, data?: Buffer, statusList?: number[]): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * The transport's abort: ends the exchange in flight now. hw-transport-node-hid-noevents' `close`
 * first awaits the exchange in flight, which for a prompt means until the person answers; and
 * node-hid 3 refuses to close a handle whose read is running ("read is still running"). So the
 * read is interrupted (it ends within node-hid's 50 ms poll, failing the exchange), and the handle
 * is closed once the exchange has let go of it. A handle without `readInterrupt` (our emulated
 * HID) is closed at once, which fails its pending read the same way.
 */
export async function abortLedgerTransport(transport: LedgerTransport): Promise<void> {
  const device = (transport as { device?: { readInterrupt?: () => void; close?: () => void } }).device;
  try {
    if (device?.readInterrupt) device.readInterrupt();
    else device?.close?.();
  } catch {
    // already closed: nothing is in flight
  }
  await transport.close().catch(() => undefined);
}

/** hw-app-eth's loadConfig with every network lookup off (services/ledger/loadConfig.js defaults). */
export const ETH_OFFLINE_LOAD_CONFIG = {
  nftExplorerBaseURL: null,
  pluginBaseURL: null,
  extraPlugins: null,
  cryptoassetsBaseURL: null,
  calServiceURL: null,
  staticERC20Signatures: null,
  staticEIP712SignaturesV1: null,
  staticEIP712SignaturesV2: null,
};

/** Minimum app versions for what we ask. */
export const LEDGER_MINIMUMS = {
  Ethereum: '1.5.0', // EIP-712 hashed signing
  EthereumFullEip712: '1.9.19', // EIP-712 struct definitions/implementations (clear signing)
  Bitcoin: '2.1.0', // the app-bitcoin-new protocol (master fingerprint, xpub)
  'Cardano ADA': '2.2.0', // ledgerjs-hw-app-cardano's oldest supported
} as const;

const APP_NAMES = { ethereum: 'Ethereum', bitcoin: 'Bitcoin', cardano: 'Cardano ADA' } as const;

export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < 3; i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** GET APP AND VERSION (B0 01), answered by the OS for the app that is open ("BOLOS" on the dashboard). */
export async function getAppAndVersion(transport: LedgerTransport): Promise<{ name: string; version: string }> {
  const r = await transport.send(0xb0, 0x01, 0x00, 0x00);
  if (r[0] !== 0x01) throw new Error('unexpected GET APP AND VERSION format');
  const nameLength = r[1] ?? 0;
  const name = r.subarray(2, 2 + nameLength).toString('ascii');
  const versionLength = r[2 + nameLength] ?? 0;
  const version = r.subarray(3 + nameLength, 3 + nameLength + versionLength).toString('ascii');
  return { name, version };
}

const toHex = (s: string): Hex => (s.startsWith('0x') ? (s as Hex) : `0x${s}`);
const sigHex = (r: { v: number | string; r: string; s: string }): Hex => {
  const v = typeof r.v === 'number' ? r.v : Number.parseInt(r.v, 16);
  return `0x${r.r.padStart(64, '0')}${r.s.padStart(64, '0')}${(v < 27 ? v + 27 : v).toString(16).padStart(2, '0')}`;
};

export class LedgerSigner implements Signer {
  readonly vendor = 'ledger' as const;
  private transport: LedgerTransport | null = null;
  private opening: Promise<LedgerTransport> | null = null;
  private inFlight = false;
  /** Set by `cancel` while a request is in flight; that request then answers CancelledInApp. */
  private cancelled = false;
  /**
   * The address of each path signed with, read once per transport (a signature reports it): one
   * APDU less per signature. A new transport (replug, another device) reads it again.
   */
  private readonly addresses = new Map<string, Hex>();

  /** `open` returns a fresh transport to the device (node-hid path, an emulator, Speculos). */
  constructor(private readonly open: () => Promise<LedgerTransport>) {}

  async getAddress(path: string, options: { display?: boolean } = {}) {
    return this.run('ethereum', async (transport) => {
      const eth = new Eth(transport as never, 'w0w', ETH_OFFLINE_LOAD_CONFIG as never);
      const r = await eth.getAddress(formatPath(parsePath(path)).slice(2), options.display ?? false, false);
      return { path, address: toHex(r.address), verifiedOnDevice: options.display ?? false };
    });
  }

  async signTypedData(path: string, typedData: TypedData, options: { mode?: TypedDataMode } = {}) {
    return this.run('ethereum', async (transport, version) => {
      const eth = new Eth(transport as never, 'w0w', ETH_OFFLINE_LOAD_CONFIG as never);
      const p = formatPath(parsePath(path)).slice(2);
      const wanted = options.mode ?? 'auto';
      const fullSupported = compareVersions(version, LEDGER_MINIMUMS.EthereumFullEip712) >= 0;
      if (wanted === 'full' && !fullSupported) {
        throw new DeviceError(deviceErrors.appTooOld('Ethereum', LEDGER_MINIMUMS.EthereumFullEip712, version));
      }
      const mode = wanted === 'hashed' || !fullSupported ? 'hashed' : 'full';
      const [domainHash, messageHash] = typedDataHashes(typedData);
      if (!messageHash) throw new DeviceError(deviceErrors.notSupported('signTypedData', 'The Ledger Ethereum app does not sign a domain-only EIP-712 message.'));
      const result =
        mode === 'full' ? await eth.signEIP712Message(p, typedData as never) : await eth.signEIP712HashedMessage(p, domainHash, messageHash);
      const address = await this.addressOf(eth, p);
      return { signature: sigHex(result), address, mode } as const;
    }, 'signTypedData');
  }

  async signPersonalMessage(path: string, message: Uint8Array | string) {
    return this.run('ethereum', async (transport) => {
      const eth = new Eth(transport as never, 'w0w', ETH_OFFLINE_LOAD_CONFIG as never);
      const p = formatPath(parsePath(path)).slice(2);
      const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : Buffer.from(message);
      const result = await eth.signPersonalMessage(p, bytes.toString('hex'));
      const address = await this.addressOf(eth, p);
      return { signature: sigHex(result), address };
    });
  }

  async getXpub(path: string, options: { display?: boolean } = {}) {
    return this.run('bitcoin', async (transport) => {
      const indices = parsePath(path);
      // hw-app-btc's getWalletXpub never shows the key; the app's GET_EXTENDED_PUBKEY can.
      const data = Buffer.concat([Buffer.from([options.display ? 1 : 0, indices.length]), ...indices.map((i) => u32(i))]);
      const xpub = (await transport.send(0xe1, 0x00, 0x00, 0x01, data)).subarray(0, -2).toString('ascii');
      if (!options.display) {
        // The same call through the vendor library, which checks the xpub's version bytes.
        const btc = new Btc({ transport: transport as never, currency: 'bitcoin' });
        const viaLib = await btc.getWalletXpub({ path: formatPath(indices), xpubVersion: indices[1] === 0x80000001 ? 0x043587cf : 0x0488b21e });
        if (viaLib !== xpub) throw new DeviceError(deviceErrors.failed('the device returned two different xpubs'));
      }
      const fingerprint = (await transport.send(0xe1, 0x05, 0x00, 0x01)).subarray(0, 4).toString('hex');
      return { path: formatPath(indices), xpub, masterFingerprint: fingerprint };
    });
  }

  async getCardanoKey(path: string) {
    return this.run('cardano', async (transport) => {
      const ada = new Ada(transport as never);
      const key = await ada.getExtendedPublicKey({ path: parsePath(path) });
      return { path, publicKey: key.publicKeyHex, chainCode: key.chainCodeHex };
    });
  }

  /**
   * Ends the request in flight: the transport is aborted, the request answers CancelledInApp, and
   * the next request opens a new transport. A Ledger has no command that closes its screen (an
   * APDU sent cannot be withdrawn), so a real one may still show the request until the person
   * rejects it there, or a new request replaces it.
   */
  async cancel(): Promise<void> {
    if (!this.inFlight) return;
    this.cancelled = true;
    const transport = this.transport;
    this.transport = null;
    this.opening = null;
    this.addresses.clear();
    if (transport) await abortLedgerTransport(transport);
  }

  async close(): Promise<void> {
    await this.drop();
  }

  private async addressOf(eth: InstanceType<typeof Eth>, path: string): Promise<Hex> {
    const known = this.addresses.get(path);
    if (known) return known;
    const address = toHex((await eth.getAddress(path, false, false)).address);
    this.addresses.set(path, address);
    return address;
  }

  private async drop(): Promise<void> {
    this.addresses.clear();
    const transport = this.transport;
    this.transport = null;
    this.opening = null;
    await transport?.close().catch(() => undefined);
  }

  private async transportOnce(): Promise<LedgerTransport> {
    if (this.transport) return this.transport;
    if (!this.opening) {
      this.opening = this.open().then(
        (t) => {
          this.transport = t;
          return t;
        },
        (error: unknown) => {
          this.opening = null;
          throw error;
        },
      );
    }
    return this.opening;
  }

  private async run<T>(app: keyof typeof APP_NAMES, fn: (transport: LedgerTransport, version: string) => Promise<T>, operation?: 'signTypedData'): Promise<T> {
    if (this.inFlight) throw new DeviceError(deviceErrors.busy());
    this.inFlight = true;
    this.cancelled = false;
    const expected = APP_NAMES[app];
    let open = 'unknown';
    try {
      const transport = await this.transportOnce();
      if (this.cancelled) throw new DeviceError(deviceErrors.cancelledInApp('ledger'));
      const current = await getAppAndVersion(transport);
      open = current.name;
      if (current.name !== expected) throw new DeviceError(deviceErrors.wrongApp(expected, current.name));
      const minimum = LEDGER_MINIMUMS[expected];
      if (compareVersions(current.version, minimum) < 0) throw new DeviceError(deviceErrors.appTooOld(expected, minimum, current.version));
      return await fn(transport, current.version);
    } catch (error) {
      if (this.cancelled) {
        await this.drop(); // a transport opened while the cancel ran
        throw new DeviceError(deviceErrors.cancelledInApp('ledger'));
      }
      const mapped = mapLedgerError(error, { expectedApp: expected, openApp: open, operation });
      if (mapped.body.kind === 'Disconnected') await this.drop();
      throw mapped;
    } finally {
      this.inFlight = false;
      this.cancelled = false;
    }
  }
}

/**
 * The two hashes the "hashed" EIP-712 mode sends: the domain separator and the message's struct
 * hash (null for a domain-only message, primaryType "EIP712Domain").
 */
export function typedDataHashes(typedData: TypedData): [Hex, Hex | null] {
  const types = { EIP712Domain: [], ...typedData.types } as Record<string, { name: string; type: string }[]>;
  const domainHash = hashStruct({ data: typedData.domain, primaryType: 'EIP712Domain', types } as never);
  const messageHash =
    typedData.primaryType === 'EIP712Domain' ? null : hashStruct({ data: typedData.message, primaryType: typedData.primaryType, types } as never);
  return [domainHash, messageHash];
}

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
