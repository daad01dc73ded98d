/**
 * The Trezor driver: @trezor/connect calls for one device (by its connect path), with failures
 * mapped to our errors. Trezor firmware (except the Model One) always receives the full EIP-712
 * data and shows it; the hashes are passed too, for the Model One.
 */
import { DeviceError, mapTrezorError } from './errors';
import { typedDataHashes } from './ledger-driver';
import { getTrezorConnect, type ConnectOptions } from './trezor-connect';
import { formatPath, parsePath, type Hex, type Signer, type TypedData, type TypedDataMode } from './types';

/** How long the Bridge session is kept after the last call (see `common`). */
const IDLE_RELEASE_MS = 10_000;
const CALL_IN_PROGRESS_STEP_MS = 10;
const CALL_IN_PROGRESS_RETRIES = 300;

type ConnectResponse<T> = { success: true; payload: T } | { success: false; payload: { error: string; code?: string } };

export class TrezorSigner implements Signer {
  readonly vendor = 'trezor' as const;

  constructor(
    /** connect's device path (from DEVICE_EVENT payloads). */
    readonly devicePath: string,
    private readonly options: ConnectOptions & { model?: string } = {},
  ) {}

  async getAddress(path: string, options: { display?: boolean } = {}) {
    const r = await this.call<{ address: string }>((c) =>
      c.ethereumGetAddress({ ...this.common(), path: formatPath(parsePath(path)), showOnTrezor: options.display ?? false } as never),
    );
    return { path, address: r.address as Hex, verifiedOnDevice: options.display ?? false };
  }

  async signTypedData(path: string, typedData: TypedData, _options: { mode?: TypedDataMode } = {}) {
    const [domainHash, messageHash] = typedDataHashes(typedData);
    const r = await this.call<{ address: string; signature: string }>((c) =>
      c.ethereumSignTypedData({
        ...this.common(),
        path: formatPath(parsePath(path)),
        data: typedData as never,
        metamask_v4_compat: true,
        domain_separator_hash: domainHash.slice(2),
        message_hash: messageHash?.slice(2),
      } as never),
    );
    const mode = this.options.model === '1' ? 'hashed' : 'full';
    return { signature: (r.signature.startsWith('0x') ? r.signature : `0x${r.signature}`) as Hex, address: r.address as Hex, mode } as const;
  }

  async signPersonalMessage(path: string, message: Uint8Array | string) {
    const hex = typeof message === 'string' ? Buffer.from(message, 'utf8').toString('hex') : Buffer.from(message).toString('hex');
    const r = await this.call<{ address: string; signature: string }>((c) =>
      c.ethereumSignMessage({ ...this.common(), path: formatPath(parsePath(path)), message: hex, hex: true } as never),
    );
    return { signature: `0x${r.signature.replace(/^0x/, '')}` as Hex, address: r.address as Hex };
  }

  async getXpub(path: string, options: { display?: boolean } = {}) {
    const indices = parsePath(path);
    const r = await this.call<{ xpub: string }>((c) => c.getPublicKey({ ...this.common(), path: formatPath(indices), coin: indices[1] === 0x80000001 ? 'test' : 'btc', showOnTrezor: options.display ?? false } as never));
    // The master fingerprint is the parent fingerprint of any depth-1 key.
    const top = indices[0] ?? 0x80000000 + 44;
    const first = await this.call<{ fingerprint: number }>((c) => c.getPublicKey({ ...this.common(), path: formatPath([top]), showOnTrezor: false } as never));
    return { path: formatPath(indices), xpub: r.xpub, masterFingerprint: (first.fingerprint >>> 0).toString(16).padStart(8, '0') };
  }

  async getCardanoKey(path: string) {
    const r = await this.call<{ node: { public_key: string; chain_code: string } }>((c) =>
      c.cardanoGetPublicKey({ ...this.common(), path: formatPath(parsePath(path)), showOnTrezor: false } as never),
    );
    return { path, publicKey: r.node.public_key, chainCode: r.node.chain_code };
  }

  async cancel(): Promise<void> {
    const connect = await getTrezorConnect(this.options);
    // The device answers Failure_ActionCancelled either way; remember that this one came from us.
    this.cancelRequested = true;
    connect.cancel('Cancelled in C3 Vault');
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /**
   * The device's Bridge session is kept between calls (`keepSession`): without it, connect
   * acquires the device, sends Initialize, reloads its features after the call and releases it,
   * four round trips and a session change per call, more than a third of a signature's app-side
   * time. It is given back after IDLE_RELEASE_MS without a call, so that Trezor Suite can use the
   * device without having to take it over.
   */
  private common(keepSession = true) {
    return { device: { path: this.devicePath }, useEmptyPassphrase: true, keepSession, skipFinalReload: true } as const;
  }

  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  private releaseWhenIdle(connect: Awaited<ReturnType<typeof getTrezorConnect>>): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      void connect.getFeatures({ ...this.common(false) } as never).catch(() => undefined);
    }, IDLE_RELEASE_MS);
    this.idleTimer.unref?.();
  }

  /** Set by cancel() while a call is in flight; each new call starts with it cleared. */
  private cancelRequested = false;

  private async call<T>(fn: (connect: Awaited<ReturnType<typeof getTrezorConnect>>) => Promise<unknown>): Promise<T> {
    this.cancelRequested = false;
    const connect = await getTrezorConnect(this.options);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    try {
      return await this.callWithRetry<T>(connect, fn);
    } finally {
      this.releaseWhenIdle(connect);
    }
  }

  private async callWithRetry<T>(connect: Awaited<ReturnType<typeof getTrezorConnect>>, fn: (connect: Awaited<ReturnType<typeof getTrezorConnect>>) => Promise<unknown>): Promise<T> {
    // connect answers a call before it has let go of the device after the previous one; a call
    // made in that window fails with Device_CallInProgress, so it is retried for up to 3 s, in
    // short steps: the window is a few milliseconds.
    for (let attempt = 0; ; attempt += 1) {
      let response: ConnectResponse<T>;
      try {
        response = (await fn(connect)) as ConnectResponse<T>;
      } catch (error) {
        throw error instanceof DeviceError ? error : mapTrezorError({ error: error instanceof Error ? error.message : String(error) }, { cancelledByApp: this.cancelRequested });
      }
      if (response.success) return response.payload;
      if (response.payload.code === 'Device_CallInProgress' && attempt < CALL_IN_PROGRESS_RETRIES) {
        await new Promise((resolve) => setTimeout(resolve, CALL_IN_PROGRESS_STEP_MS));
        continue;
      }
      throw mapTrezorError(response.payload, { cancelledByApp: this.cancelRequested });
    }
  }
}
