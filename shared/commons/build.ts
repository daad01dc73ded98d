/**
 * Building and signing entries from keys: for the Demo Commons, tests and the bench. Devices sign
 * the same digests through their own drivers; here a `DigestSigner` stands for one.
 */
import { type Hex } from '../crypto/canonical';
import { enrolmentDigest } from '../crypto/eip712';
import { addressOfPrivateKey, hexBytes, signDigest } from '../crypto/recover';
import { type Action, type ActionKind, type Entry, type PayloadOf, type Signature } from './log';
import { type LogVersion } from './schema';
import { commonsIdOf } from './apply';
import { actionDigest, entryHash } from './quorum';
import { ZERO_HASH } from './state';

export interface DigestSigner {
  readonly address: string;
  sign(digest: Uint8Array): Hex;
}

/** A signer over a raw private key (demo and test keys only). */
export const keySigner = (privateKey: Uint8Array): DigestSigner => ({
  address: addressOfPrivateKey(privateKey),
  sign: (digest) => signDigest(privateKey, digest),
});

/** Signatures sorted by signer address, strictly ascending (SPEC §3). */
export const signAll = (digest: Uint8Array, signers: readonly DigestSigner[]): Signature[] =>
  [...signers].sort((a, b) => (a.address < b.address ? -1 : 1)).map((s) => ({ signer: s.address, sig: s.sign(digest) }));

export interface UnsignedAction<K extends ActionKind = ActionKind> {
  readonly kind: K;
  readonly vault: string;
  readonly nonce: number;
  readonly validUntil: number;
  readonly payload: PayloadOf<K>;
}

export function signAction<K extends ActionKind>(commonsId: Hex, action: UnsignedAction<K>, signers: readonly DigestSigner[]): Action {
  const unsigned = { ...action, sigs: [] } as unknown as Action;
  return { ...unsigned, sigs: signAll(actionDigest(commonsId, unsigned), signers) } as Action;
}

export function sealEntry(commonsId: Hex, body: Pick<Entry, 'seq' | 'prevHash' | 'time' | 'actions'>, sequencers: readonly DigestSigner[], version: LogVersion): Entry {
  const digest = hexBytes(entryHash(commonsId, body));
  return { v: version, ...body, sequencerSigs: signAll(digest, sequencers) };
}

/** The attestor's signature over (C, U) (SPEC §1). */
export const attest = (commonsId: Hex, commitment: string, nullifier: string, attestor: DigestSigner): Hex =>
  attestor.sign(hexBytes(enrolmentDigest(commonsId, BigInt(commitment), BigInt(nullifier))));

/** Writes a log entry by entry, keeping the chain (seq, prevHash) and each vault's nonce. */
export class LogBuilder {
  readonly entries: Entry[] = [];
  readonly commonsId: Hex;
  private readonly nonces = new Map<string, number>();
  private head: Hex;
  /** The version the genesis payload states (schema.ts LOG_VERSION); every entry carries it. */
  readonly version: LogVersion;

  constructor(genesisPayload: PayloadOf<'commons.genesis'>, time: number, private readonly sequencers: readonly DigestSigner[]) {
    const action: Action = { kind: 'commons.genesis', vault: genesisPayload.treasury.address, nonce: 0, validUntil: time + 1, payload: genesisPayload, sigs: [] };
    this.commonsId = commonsIdOf(action);
    this.version = 'logVersion' in genesisPayload ? genesisPayload.logVersion : 1;
    const entry = sealEntry(this.commonsId, { seq: 0, prevHash: ZERO_HASH, time, actions: [action] }, sequencers, this.version);
    this.entries.push(entry);
    this.head = entryHash(this.commonsId, entry);
  }

  /** Signs an action on `vault` at its next nonce. */
  action<K extends ActionKind>(kind: K, vault: string, payload: PayloadOf<K>, signers: readonly DigestSigner[], validUntil: number): Action {
    const nonce = this.nonces.get(vault) ?? 0;
    this.nonces.set(vault, nonce + 1);
    return signAction(this.commonsId, { kind, vault, nonce, validUntil, payload }, signers);
  }

  append(time: number, actions: Action[], sequencers: readonly DigestSigner[] = this.sequencers): Entry {
    const entry = sealEntry(this.commonsId, { seq: this.entries.length, prevHash: this.head, time, actions }, sequencers, this.version);
    this.entries.push(entry);
    this.head = entryHash(this.commonsId, entry);
    return entry;
  }
}
