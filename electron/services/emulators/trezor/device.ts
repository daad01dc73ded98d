/**
 * An emulated Trezor (Model T, firmware 2.9.1): a state machine answering @trezor/connect's
 * protobuf messages one at a time, as the firmware does. A multi-step workflow (a button request,
 * the EIP-712 struct and value requests) runs as a coroutine that `ask`s the host and waits for
 * its next message. Keys come from Trezor's public test seed "all all … all".
 * Test and demo device only.
 */
import { EventEmitter } from 'node:events';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { HDKey } from '@scure/bip32';
import { bytesToHex, getAddress } from 'viem';
import { type TrezorMessage } from './protobuf';
import { btcAddress, isBtcCoin, isBtcScriptType } from './btc-address';
import { TypedDataError, TypedDataHasher, innermost, type StructMember } from './eip712';
import { DATA_CHUNK_SIZE, EthTxError, ethTxDigest, ethTxSignatureV, readEthTx, type EthTxRequest } from './eth-tx';
import { TREZOR_MNEMONIC, deriveKey, rootKey } from '../mnemonics';
import { pathString } from '../ledger/apdu';
import { cardanoIcarusExtendedPublicKey, cardanoExtendedPublicKey } from '../cardano-keys';

export interface TrezorPrompt {
  readonly id: number;
  readonly action: 'verify-address' | 'sign-message' | 'sign-typed-data' | 'sign-transaction' | 'export-public-key' | 'enter-pin';
  readonly lines: readonly string[];
}

export interface TrezorEmulatorState {
  readonly serial: string;
  readonly label: string;
  readonly model: string;
  readonly firmwareVersion: string;
  readonly plugged: boolean;
  readonly locked: boolean;
  readonly autoApprove: boolean;
  readonly pending: TrezorPrompt | null;
}

export interface TrezorEmulatorOptions {
  readonly mnemonic?: string;
  readonly autoApprove?: boolean;
  readonly label?: string;
  readonly serial?: string;
  readonly locked?: boolean;
}

export interface TrezorEmulatorEvents {
  prompt: [TrezorPrompt];
  promptClosed: [{ id: number; approved: boolean }];
  state: [TrezorEmulatorState];
}

class Cancelled extends Error {}
class PinCancelled extends Error {}
/** The flow was abandoned for a newer message (the firmware drops a workflow that gets a message it did not ask for). */
class Superseded extends Error {}

type Reply = TrezorMessage;
const failure = (code: string, message: string): Reply => ({ type: 'Failure', message: { code, message } });

const XPUB_VERSIONS: Record<string, number> = {
  'Bitcoin:SPENDADDRESS': 0x0488b21e,
  'Bitcoin:SPENDMULTISIG': 0x0488b21e,
  'Bitcoin:SPENDP2SHWITNESS': 0x049d7cb2,
  'Bitcoin:SPENDWITNESS': 0x04b24746,
  'Testnet:SPENDADDRESS': 0x043587cf,
  'Testnet:SPENDMULTISIG': 0x043587cf,
  'Testnet:SPENDP2SHWITNESS': 0x044a5262,
  'Testnet:SPENDWITNESS': 0x045f1cf6,
};

let serialCounter = 0;

export class TrezorEmulator extends EventEmitter<TrezorEmulatorEvents> {
  readonly mnemonic: string;
  readonly serial: string;
  readonly label: string;
  readonly version = [2, 9, 1] as const;
  autoApprove: boolean;
  /** Time spent handling messages (excluding waits for the user), in ms, for the benchmark. */
  busyMs = 0;
  private plugged = true;
  private locked: boolean;
  private sessionId: string | null = null;
  private promptIds = 0;
  private inbox: { expected: string; resolve: (m: TrezorMessage) => void; reject: (e: Error) => void } | null = null;
  private outbox: { resolve: (m: Reply) => void; reject: (e: Error) => void } | null = null;
  private decision: { prompt: TrezorPrompt; resolve: (approved: boolean) => void; reject: (e: Error) => void } | null = null;

  constructor(options: TrezorEmulatorOptions = {}) {
    super();
    serialCounter += 1;
    this.mnemonic = options.mnemonic ?? TREZOR_MNEMONIC;
    this.autoApprove = options.autoApprove ?? false;
    this.serial = options.serial ?? `EMU-TREZOR-${serialCounter}`;
    this.label = options.label ?? 'Emulated Trezor';
    this.locked = options.locked ?? false;
  }

  state(): TrezorEmulatorState {
    return {
      serial: this.serial,
      label: this.label,
      model: 'T',
      firmwareVersion: this.version.join('.'),
      plugged: this.plugged,
      locked: this.locked,
      autoApprove: this.autoApprove,
      pending: this.decision?.prompt ?? null,
    };
  }

  get isPlugged(): boolean {
    return this.plugged;
  }

  // --- what a person does -----------------------------------------------------------------

  approve(): boolean {
    return this.decide(true);
  }

  reject(): boolean {
    return this.decide(false);
  }

  lock(): void {
    this.locked = true;
    this.changed();
  }

  unlock(): void {
    this.locked = false;
    this.changed();
  }

  setAutoApprove(on: boolean): void {
    this.autoApprove = on;
    if (on) this.approve();
    this.changed();
  }

  unplug(): void {
    if (!this.plugged) return;
    this.plugged = false;
    const gone = new Error('device disconnected during action');
    this.decision?.reject(gone);
    this.decision = null;
    this.inbox?.reject(gone);
    this.inbox = null;
    this.outbox?.reject(gone);
    this.outbox = null;
    this.sessionId = null;
    this.changed();
  }

  replug(): void {
    this.plugged = true;
    this.changed();
  }

  // --- what the host does -----------------------------------------------------------------

  /**
   * One message in, the device's next message out; null when the message gets no reply of its
   * own (a Cancel while the device waits for the person: the Failure answers the pending call).
   */
  handle(message: TrezorMessage): Promise<Reply | null> {
    if (!this.plugged) return Promise.reject(new Error('device disconnected during action'));
    if (message.type === 'Cancel' && this.decision) {
      // The firmware ends the dialog and answers the pending call with Failure_ActionCancelled.
      this.closeDecision(new Cancelled());
      return Promise.resolve(null);
    }
    if (this.decision) this.closeDecision(new Superseded());
    const started = performance.now();
    const reply = new Promise<Reply>((resolve, reject) => {
      this.outbox = { resolve, reject };
    });
    if (message.type === 'Cancel') {
      this.cancel();
    } else if (this.inbox && this.inbox.expected === message.type) {
      const inbox = this.inbox;
      this.inbox = null;
      inbox.resolve(message);
    } else {
      if (this.inbox) {
        this.inbox.reject(new Superseded());
        this.inbox = null;
      }
      this.startFlow(message);
    }
    return reply.finally(() => {
      this.busyMs += performance.now() - started - this.waitedMs;
      this.waitedMs = 0;
    });
  }

  // --- internals ------------------------------------------------------------------------------

  private waitedMs = 0;

  private cancel(): void {
    if (this.inbox) {
      const inbox = this.inbox;
      this.inbox = null;
      inbox.reject(new Cancelled());
      return;
    }
    this.send(failure('Failure_ActionCancelled', 'Cancelled'));
  }

  private send(reply: Reply): void {
    const outbox = this.outbox;
    this.outbox = null;
    outbox?.resolve(reply);
  }

  private startFlow(message: TrezorMessage): void {
    this.run(message).then(
      (reply) => this.send(reply),
      (error: unknown) => {
        if (error instanceof Superseded) return;
        if (error instanceof Cancelled) this.send(failure('Failure_ActionCancelled', 'Cancelled'));
        else if (error instanceof PinCancelled) this.send(failure('Failure_PinCancelled', 'PIN entry cancelled'));
        else if (this.plugged) this.send(failure('Failure_DataError', error instanceof Error ? error.message : String(error)));
      },
    );
  }

  /**
   * Sends `reply` to the host and waits for its next message, of type `type`. Any other message
   * ends this flow and starts its own (handle()), as the firmware does.
   */
  private expect(reply: Reply, type: string): Promise<TrezorMessage> {
    return new Promise<TrezorMessage>((resolve, reject) => {
      this.inbox = { expected: type, resolve, reject };
      this.send(reply);
    });
  }

  /** A button request, then the person's decision on the device. */
  private async confirm(action: TrezorPrompt['action'], lines: readonly string[], code = 'ButtonRequest_Other', name = ''): Promise<void> {
    await this.expect({ type: 'ButtonRequest', message: { code, pages: 1, name } }, 'ButtonAck');
    if (this.autoApprove) return;
    this.promptIds += 1;
    const prompt: TrezorPrompt = { id: this.promptIds, action, lines };
    const since = performance.now();
    const approved = await new Promise<boolean>((resolve, reject) => {
      this.decision = { prompt, resolve, reject };
      this.emit('prompt', prompt);
      this.changed();
    });
    this.waitedMs += performance.now() - since;
    if (!approved) throw new Cancelled();
  }

  /** The dialog on the screen goes away without the person's decision. */
  private closeDecision(reason: Error): void {
    const decision = this.decision;
    if (!decision) return;
    this.decision = null;
    decision.reject(reason);
    this.emit('promptClosed', { id: decision.prompt.id, approved: false });
    this.changed();
  }

  private decide(approved: boolean): boolean {
    const decision = this.decision;
    if (!decision) return false;
    this.decision = null;
    decision.resolve(approved);
    this.emit('promptClosed', { id: decision.prompt.id, approved });
    this.changed();
    return true;
  }

  private changed(): void {
    this.emit('state', this.state());
  }

  private features(): Reply {
    if (!this.sessionId) this.sessionId = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('hex');
    const [major, minor, patch] = this.version;
    return {
      type: 'Features',
      // As firmware in normal mode: no bootloader_mode/firmware_present (connect's isStrictFeatures).
      message: {
        vendor: 'trezor.io',
        major_version: major,
        minor_version: minor,
        patch_version: patch,
        device_id: this.serial,
        pin_protection: this.locked,
        passphrase_protection: false,
        language: 'en-US',
        language_version_matches: true,
        label: this.label,
        initialized: true,
        revision: '00',
        unlocked: !this.locked,
        model: 'T',
        internal_model: 'T2T1',
        capabilities: ['Capability_Bitcoin', 'Capability_Bitcoin_like', 'Capability_Cardano', 'Capability_Crypto', 'Capability_Ethereum', 'Capability_PassphraseEntry'],
        backup_type: 'Bip39',
        session_id: this.sessionId,
        safety_checks: 'Strict',
        busy: false,
        unit_btconly: false,
      },
    };
  }

  private async unlockedOrPin(): Promise<void> {
    // A locked Model T asks for the PIN on its own screen; approve() stands for entering it,
    // reject() for cancelling the PIN dialog (Failure_PinCancelled, as the firmware answers).
    if (!this.locked) return;
    await this.expect({ type: 'ButtonRequest', message: { code: 'ButtonRequest_PinEntry', pages: 1, name: 'pin_device' } }, 'ButtonAck');
    this.promptIds += 1;
    const prompt: TrezorPrompt = { id: this.promptIds, action: 'enter-pin', lines: ['Enter PIN'] };
    const since = performance.now();
    const entered = await new Promise<boolean>((resolve, reject) => {
      this.decision = { prompt, resolve, reject };
      this.emit('prompt', prompt);
      this.changed();
    });
    this.waitedMs += performance.now() - since;
    if (!entered) throw new PinCancelled();
    this.locked = false;
    this.changed();
  }

  private async run(message: TrezorMessage): Promise<Reply> {
    const m = message.message;
    switch (message.type) {
      case 'Initialize': {
        const wanted = typeof m.session_id === 'string' ? m.session_id : null;
        if (wanted !== this.sessionId) this.sessionId = null;
        return this.features();
      }
      case 'GetFeatures':
        return this.features();
      case 'GetPublicKey': {
        await this.unlockedOrPin();
        const indices = (m.address_n as number[]) ?? [];
        const path = pathString(indices);
        const node = deriveKey(this.mnemonic, path);
        const coin = typeof m.coin_name === 'string' ? m.coin_name : 'Bitcoin';
        const script = typeof m.script_type === 'string' ? m.script_type : 'SPENDADDRESS';
        const version = m.ignore_xpub_magic ? XPUB_VERSIONS[`${coin}:SPENDADDRESS`] : XPUB_VERSIONS[`${coin}:${script}`];
        if (version === undefined) return failure('Failure_DataError', `Unsupported coin ${coin}`);
        const xpub = xpubOf(node, version);
        if (m.show_display) await this.confirm('export-public-key', ['Public key', path, xpub], 'ButtonRequest_PublicKey', 'show_xpub');
        return { type: 'PublicKey', message: { node: hdNodeMessage(node), xpub, root_fingerprint: rootKey(this.mnemonic).fingerprint } };
      }
      case 'GetAddress': {
        // Single-key addresses of every script type (btc-address.ts); multisig is not emulated.
        await this.unlockedOrPin();
        const indices = (m.address_n as number[]) ?? [];
        const coin = typeof m.coin_name === 'string' ? m.coin_name : 'Bitcoin';
        const script = typeof m.script_type === 'string' ? m.script_type : 'SPENDADDRESS';
        if (!isBtcCoin(coin)) return failure('Failure_DataError', 'Invalid coin name');
        if (isMultisig(m.multisig) || !isBtcScriptType(script)) return failure('Failure_DataError', 'Only single-key addresses are emulated');
        const node = deriveKey(this.mnemonic, pathString(indices));
        const address = btcAddress(node.publicKey ?? new Uint8Array(), coin, script);
        if (m.show_display) await this.confirm('verify-address', ['Verify address', address], 'ButtonRequest_Address', 'show_address');
        return { type: 'Address', message: { address } };
      }
      case 'EthereumGetPublicKey': {
        await this.unlockedOrPin();
        const path = pathString((m.address_n as number[]) ?? []);
        const node = deriveKey(this.mnemonic, path);
        const xpub = xpubOf(node, XPUB_VERSIONS['Bitcoin:SPENDADDRESS'] ?? 0);
        if (m.show_display) await this.confirm('export-public-key', ['Ethereum public key', path, xpub], 'ButtonRequest_PublicKey', 'show_xpub');
        return { type: 'EthereumPublicKey', message: { node: hdNodeMessage(node), xpub } };
      }
      case 'EthereumSignTx':
      case 'EthereumSignTxEIP1559':
        return this.signTransaction(m, message.type === 'EthereumSignTxEIP1559');
      case 'EthereumGetAddress': {
        await this.unlockedOrPin();
        const path = pathString((m.address_n as number[]) ?? []);
        const address = this.ethAddress(path);
        if (m.show_display) await this.confirm('verify-address', ['Verify address', address], 'ButtonRequest_Address', 'show_address');
        return { type: 'EthereumAddress', message: { address } };
      }
      case 'EthereumSignMessage': {
        await this.unlockedOrPin();
        const path = pathString((m.address_n as number[]) ?? []);
        const data = Buffer.from(String(m.message ?? ''), 'hex');
        const text = /^[\x20-\x7e\n]*$/.test(data.toString('latin1')) ? data.toString('utf8') : `0x${data.toString('hex')}`;
        await this.confirm('sign-message', ['Sign message', text], 'ButtonRequest_ProtectCall', 'sign_message');
        const digest = keccak_256(Buffer.concat([Buffer.from(`\x19Ethereum Signed Message:\n${data.length}`, 'utf8'), data]));
        return { type: 'EthereumMessageSignature', message: { signature: this.sign(path, digest), address: this.ethAddress(path) } };
      }
      case 'EthereumSignTypedHash': {
        await this.unlockedOrPin();
        const path = pathString((m.address_n as number[]) ?? []);
        const domain = Buffer.from(String(m.domain_separator_hash), 'hex');
        const messageHash = typeof m.message_hash === 'string' && m.message_hash ? Buffer.from(m.message_hash, 'hex') : null;
        await this.confirm('sign-typed-data', typedLines('(hashes only)', domain, messageHash), 'ButtonRequest_SignTx', 'confirm_typed_data_final');
        return { type: 'EthereumTypedDataSignature', message: { signature: this.sign(path, typedDigest(domain, messageHash)), address: this.ethAddress(path) } };
      }
      case 'EthereumSignTypedData':
        await this.unlockedOrPin();
        return this.signTypedData(m);
      case 'CardanoGetPublicKey': {
        await this.unlockedOrPin();
        const indices = (m.address_n as number[]) ?? [];
        const derivation = m.derivation_type;
        const key = derivation === 'LEDGER' ? cardanoExtendedPublicKey(this.mnemonic, indices) : cardanoIcarusExtendedPublicKey(this.mnemonic, indices);
        const publicKey = Buffer.from(key.publicKey).toString('hex');
        const chainCode = Buffer.from(key.chainCode).toString('hex');
        if (m.show_display) await this.confirm('export-public-key', ['Cardano public key', pathString(indices)], 'ButtonRequest_Other', 'show_pubkey');
        return {
          type: 'CardanoPublicKey',
          message: { xpub: publicKey + chainCode, node: { depth: indices.length, fingerprint: 0, child_num: indices.at(-1) ?? 0, chain_code: chainCode, public_key: publicKey } },
        };
      }
      case 'EndSession':
        this.sessionId = null;
        return { type: 'Success', message: { message: '' } };
      default:
        return failure('Failure_UnexpectedMessage', 'Unexpected message');
    }
  }

  private ethAddress(path: string): string {
    const node = deriveKey(this.mnemonic, path);
    if (!node.publicKey) throw new Error('no public key');
    const uncompressed = secp256k1.Point.fromBytes(node.publicKey).toBytes(false);
    return getAddress(bytesToHex(keccak_256(uncompressed.subarray(1)).subarray(12)));
  }

  /** r || s || v (27/28), hex, as the Ethereum app of the firmware returns it. */
  private sign(path: string, digest: Uint8Array): string {
    const key = deriveKey(this.mnemonic, path).privateKey;
    if (!key) throw new Error('no private key');
    const sig = secp256k1.sign(digest, key, { prehash: false, lowS: true, format: 'recovered' });
    return Buffer.concat([Buffer.from(sig.subarray(1, 65)), Buffer.from([27 + (sig[0] ?? 0)])]).toString('hex');
  }

  /** EIP-712 the firmware's way: ask for every struct type, then every value by member path (eip712.ts). */
  private async signTypedData(m: Record<string, unknown>): Promise<Reply> {
    const path = pathString((m.address_n as number[]) ?? []);
    const primaryType = String(m.primary_type);
    // The protobuf default of metamask_v4_compat is true.
    const metamaskV4Compat = m.metamask_v4_compat !== false;
    const types = new Map<string, StructMember[]>();
    const collect = async (name: string): Promise<void> => {
      const ack = await this.expect({ type: 'EthereumTypedDataStructRequest', message: { name } }, 'EthereumTypedDataStructAck');
      const members = (ack.message.members as StructMember[]) ?? [];
      types.set(name, members);
      for (const member of members) {
        const inner = innermost(member.type);
        if (inner.data_type === 'STRUCT' && inner.struct_name && !types.has(inner.struct_name)) await collect(inner.struct_name);
      }
    };
    await collect('EIP712Domain');
    if (primaryType !== 'EIP712Domain' && !types.has(primaryType)) await collect(primaryType);

    const requestValue = async (memberPath: number[]): Promise<Buffer> => {
      const ack = await this.expect({ type: 'EthereumTypedDataValueRequest', message: { member_path: memberPath } }, 'EthereumTypedDataValueAck');
      return Buffer.from(String(ack.message.value ?? ''), 'hex');
    };
    const hasher = new TypedDataHasher(types, requestValue, metamaskV4Compat);
    let domain: Buffer;
    let messageHash: Buffer | null;
    try {
      domain = Buffer.from(await hasher.hashStruct('EIP712Domain', [0]));
      messageHash = primaryType === 'EIP712Domain' ? null : Buffer.from(await hasher.hashStruct(primaryType, [1]));
    } catch (error) {
      if (error instanceof TypedDataError) return failure('Failure_DataError', error.message);
      throw error;
    }
    await this.confirm('sign-typed-data', typedLines(primaryType, domain, messageHash), 'ButtonRequest_Other', 'confirm_typed_data_final');
    return { type: 'EthereumTypedDataSignature', message: { signature: this.sign(path, typedDigest(domain, messageHash)), address: this.ethAddress(path) } };
  }

  /** `EthereumSignTx` / `EthereumSignTxEIP1559`: checks, the data in chunks, one confirmation, the signature (eth-tx.ts). */
  private async signTransaction(m: Record<string, unknown>, eip1559: boolean): Promise<Reply> {
    let tx: EthTxRequest;
    try {
      tx = readEthTx(m, eip1559);
    } catch (error) {
      if (error instanceof EthTxError) return failure('Failure_DataError', error.message);
      throw error;
    }
    await this.unlockedOrPin();
    const path = pathString((m.address_n as number[]) ?? []);
    // As the firmware: the person confirms first (amount, recipient, fee, data size), then the
    // rest of the data is streamed in and hashed.
    const fee = eip1559 ? `max fee ${hexNumber(tx.maxGasFee)} wei/gas, priority ${hexNumber(tx.maxPriorityFee)}` : `gas price ${hexNumber(tx.gasPrice)} wei`;
    await this.confirm(
      'sign-transaction',
      [`Send ${hexNumber(tx.value)} wei`, tx.toText ? `To ${tx.toText}` : 'New contract', `Chain ${tx.chainId}`, `${fee}, gas limit ${hexNumber(tx.gasLimit)}`, `Data ${tx.dataLength} bytes`],
      'ButtonRequest_SignTx',
      'confirm_tx',
    );
    const chunks: Buffer[] = [tx.initialChunk];
    let received = tx.initialChunk.length;
    while (received < tx.dataLength) {
      const wanted = Math.min(tx.dataLength - received, DATA_CHUNK_SIZE);
      const ack = await this.expect({ type: 'EthereumTxRequest', message: { data_length: wanted } }, 'EthereumTxAck');
      const chunk = Buffer.from(String(ack.message.data_chunk ?? ''), 'hex');
      if (chunk.length > wanted) return failure('Failure_DataError', 'Too much data');
      chunks.push(chunk);
      received += chunk.length;
    }
    const data = Buffer.concat(chunks);
    const key = deriveKey(this.mnemonic, path).privateKey;
    if (!key) throw new Error('no private key');
    const sig = secp256k1.sign(ethTxDigest(tx, data), key, { prehash: false, lowS: true, format: 'recovered' });
    return {
      type: 'EthereumTxRequest',
      message: {
        signature_v: ethTxSignatureV(tx, sig[0] ?? 0),
        signature_r: Buffer.from(sig.subarray(1, 33)).toString('hex'),
        signature_s: Buffer.from(sig.subarray(33, 65)).toString('hex'),
      },
    };
  }
}

/** Protobuf decodes an absent `multisig` as an empty object. */
type HdNode = ReturnType<typeof deriveKey>;

/** A node's extended public key under the given version bytes (xpub, ypub, zpub…). */
const xpubOf = (node: HdNode, version: number): string =>
  new HDKey({
    versions: { public: version, private: 0 },
    depth: node.depth,
    index: node.index,
    parentFingerprint: node.parentFingerprint,
    chainCode: node.chainCode ?? undefined,
    publicKey: node.publicKey ?? undefined,
  }).publicExtendedKey;

/** The HDNodeType message the firmware answers with (hex without 0x). */
const hdNodeMessage = (node: HdNode) => ({
  depth: node.depth,
  fingerprint: node.parentFingerprint,
  child_num: node.index,
  chain_code: bytesToHex(node.chainCode ?? new Uint8Array()).slice(2),
  public_key: bytesToHex(node.publicKey ?? new Uint8Array()).slice(2),
});

const isMultisig = (value: unknown): boolean => {
  const multisig = value as { pubkeys?: unknown[]; nodes?: unknown[] } | null | undefined;
  return (multisig?.pubkeys?.length ?? 0) > 0 || (multisig?.nodes?.length ?? 0) > 0;
};

const hexNumber = (bytes: Buffer): string => BigInt(`0x${bytes.toString('hex') || '0'}`).toString();

const typedDigest = (domain: Uint8Array, message: Uint8Array | null): Uint8Array =>
  keccak_256(Buffer.concat([Buffer.from([0x19, 0x01]), domain, ...(message ? [message] : [])]));

const typedLines = (primaryType: string, domain: Buffer, message: Buffer | null): string[] => [
  `Confirm typed data: ${primaryType}`,
  `Domain hash 0x${domain.toString('hex')}`,
  message ? `Message hash 0x${message.toString('hex')}` : 'No message (domain only)',
];
