/**
 * EIP-712 typing of everything the Commons signs (SPEC §3, §11), on viem. The VaultAction digest
 * is computed once per action during replay, so it has a fast path (domain separator cached per
 * Commons, struct hash over fixed-width fields); a test pins it to viem's `hashTypedData`.
 */
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { hashDomain, hashTypedData, keccak256, toHex } from 'viem';
import { type Hex } from './canonical';
import { keccak256 as keccakBytes, keccak256Into, keccak256Utf8 as keccakUtf8Bytes, keccak256Utf8Into } from './keccak';
import { decodeHexInto } from './hex';

export const COMMONS_DOMAIN_NAME = 'C3 Commons';
export const COMMONS_DOMAIN_VERSION = '1';

export const commonsDomain = (commonsId: Hex) =>
  ({ name: COMMONS_DOMAIN_NAME, version: COMMONS_DOMAIN_VERSION, salt: commonsId }) as const;

export const vaultActionTypes = {
  VaultAction: [
    { name: 'commons', type: 'bytes32' },
    { name: 'vault', type: 'address' },
    { name: 'nonce', type: 'uint64' },
    { name: 'kind', type: 'string' },
    { name: 'payloadHash', type: 'bytes32' },
    { name: 'validUntil', type: 'uint64' },
  ],
} as const;

/** What the sequencer quorum signs for each entry (SPEC §11); its digest is also the entry's hash. */
export const ledgerEntryTypes = {
  LedgerEntry: [
    { name: 'commons', type: 'bytes32' },
    { name: 'seq', type: 'uint64' },
    { name: 'prevHash', type: 'bytes32' },
    { name: 'time', type: 'uint64' },
    { name: 'actionsHash', type: 'bytes32' },
  ],
} as const;

/** What an attestor signs over an enrolment's commitment C and uniqueness nullifier U (SPEC §1). */
export const enrolmentTypes = {
  Enrolment: [
    { name: 'commons', type: 'bytes32' },
    { name: 'commitment', type: 'uint256' },
    { name: 'nullifier', type: 'uint256' },
  ],
} as const;

export interface VaultActionMessage {
  readonly commons: Hex;
  readonly vault: Hex;
  readonly nonce: bigint;
  readonly kind: string;
  readonly payloadHash: Hex;
  readonly validUntil: bigint;
}

/** The typed data a device is asked to sign (Ledger/Trezor `signTypedData`). */
export const vaultActionTypedData = (message: VaultActionMessage) =>
  ({ domain: commonsDomain(message.commons), types: vaultActionTypes, primaryType: 'VaultAction', message }) as const;

/** viem's reference computation of the digest; the fast path below must agree with it. */
export const vaultActionDigestReference = (message: VaultActionMessage): Hex => hashTypedData(vaultActionTypedData(message));

const VAULT_ACTION_TYPEHASH = hexToBytes(
  keccak256(toHex('VaultAction(bytes32 commons,address vault,uint64 nonce,string kind,bytes32 payloadHash,uint64 validUntil)')).slice(2),
);
const domainCache = new Map<string, Uint8Array>();

export function domainSeparator(commonsId: Hex): Uint8Array {
  let separator = domainCache.get(commonsId);
  if (!separator) {
    separator = hexToBytes(
      hashDomain({
        domain: commonsDomain(commonsId),
        types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'salt', type: 'bytes32' }] },
      }).slice(2),
    );
    domainCache.set(commonsId, separator);
  }
  return separator;
}

/** EIP-712's digest: keccak256(0x19 0x01 ‖ domainSeparator ‖ keccak256(encoded struct)). */
function typedDataDigest(commons: Hex, struct: Uint8Array): Uint8Array {
  // One buffer for every digest (the function runs to its end before another call): a replay
  // hashes a million actions, and a new array each time costs more than the hashing around it.
  const outer = OUTER;
  outer.set(domainSeparator(commons), 2);
  keccak256Into(struct, outer, 34);
  return keccakBytes(outer);
}
const OUTER = Uint8Array.of(0x19, 0x01, ...new Uint8Array(64));

const kindHashCache = new Map<string, Uint8Array>();
const kindHash = (kind: string): Uint8Array => {
  let hash = kindHashCache.get(kind);
  if (!hash) {
    hash = keccakBytes(utf8ToBytes(kind));
    kindHashCache.set(kind, hash);
  }
  return hash;
};

const writeUint = (target: Uint8Array, offset: number, value: bigint) => {
  for (let i = 31; i >= 0 && value > 0n; i--) {
    target[offset + i] = Number(value & 0xffn);
    value >>= 8n;
  }
};

const U64_MAX = (1n << 64n) - 1n;

/** The bytes of a 0x-hex value of exactly `size` bytes (what hashTypedData would refuse otherwise). */
function fixedBytes(hex: Hex, size: number): Uint8Array {
  const bytes = hex.length === 2 + 2 * size ? hexToBytes(hex.slice(2)) : null;
  if (!bytes) throw new RangeError(`EIP-712: expected ${size} bytes, got ${hex}`);
  return bytes;
}

/** The EIP-712 digest of a VaultAction: keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message)). */
export function vaultActionDigest(message: VaultActionMessage): Uint8Array {
  if (message.nonce < 0n || message.nonce > U64_MAX || message.validUntil < 0n || message.validUntil > U64_MAX) {
    throw new RangeError('vaultActionDigest: nonce and validUntil are uint64');
  }
  const struct = new Uint8Array(32 * 7);
  struct.set(VAULT_ACTION_TYPEHASH, 0);
  struct.set(fixedBytes(message.commons, 32), 32);
  struct.set(fixedBytes(message.vault, 20), 64 + 12);
  writeUint(struct, 96, message.nonce);
  struct.set(kindHash(message.kind), 128);
  struct.set(fixedBytes(message.payloadHash, 32), 160);
  writeUint(struct, 192, message.validUntil);
  return typedDataDigest(message.commons, struct);
}

/** The first 64 bytes of every VaultAction struct of one Commons: the type hash and the Commons id. */
const structPrefixes = new Map<string, Uint8Array>();
const structPrefix = (commons: Hex): Uint8Array => {
  let prefix = structPrefixes.get(commons);
  if (!prefix) {
    prefix = new Uint8Array(64);
    prefix.set(VAULT_ACTION_TYPEHASH, 0);
    prefix.set(fixedBytes(commons, 32), 32);
    structPrefixes.set(commons, prefix);
  }
  return prefix;
};

const STRUCT = new Uint8Array(32 * 7);

/** A uint64 given as a JavaScript number, written big-endian in the last 8 bytes of its word. */
const writeSafeUint = (target: Uint8Array, offset: number, value: number) => {
  const high = Math.floor(value / 2 ** 32);
  const low = value >>> 0;
  target[offset + 24] = high >>> 24;
  target[offset + 25] = (high >>> 16) & 0xff;
  target[offset + 26] = (high >>> 8) & 0xff;
  target[offset + 27] = high & 0xff;
  target[offset + 28] = low >>> 24;
  target[offset + 29] = (low >>> 16) & 0xff;
  target[offset + 30] = (low >>> 8) & 0xff;
  target[offset + 31] = low & 0xff;
};

const safeUint = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/**
 * The VaultAction struct of an action as the log holds it (nonce and expiry as numbers), in the
 * reused buffer (see typedDataDigest), all but the payload's hash at 160; null when a number is not
 * a safe non-negative integer (the general path refuses those).
 */
function vaultActionStruct(commons: Hex, vault: Hex, nonce: number, kind: string, validUntil: number): Uint8Array | null {
  if (!safeUint(nonce) || !safeUint(validUntil)) return null;
  // Every byte that is not zero padding is written here or, the payload hash, by the caller.
  const struct = STRUCT;
  struct.set(structPrefix(commons), 0);
  if (!decodeHexInto(vault, 20, struct, 64 + 12)) throw new RangeError(`EIP-712: expected 20 bytes, got ${vault}`);
  writeSafeUint(struct, 96, nonce);
  struct.set(kindHash(kind), 128);
  writeSafeUint(struct, 192, validUntil);
  return struct;
}

/**
 * The same digest as `vaultActionDigest`, for an action as the log holds it (the payload hash as
 * bytes): what replay computes once per action, without the bigint and hex round trips.
 */
export function vaultActionDigestOf(commons: Hex, vault: Hex, nonce: number, kind: string, payloadHash: Uint8Array, validUntil: number): Uint8Array {
  const struct = payloadHash.length === 32 ? vaultActionStruct(commons, vault, nonce, kind, validUntil) : null;
  if (!struct) return vaultActionDigest({ commons, vault, nonce: BigInt(nonce), kind, payloadHash: `0x${bytesToHex(payloadHash)}`, validUntil: BigInt(validUntil) });
  struct.set(payloadHash, 160);
  return typedDataDigest(commons, struct);
}

/**
 * `vaultActionDigestOf` with the payload given as its canonical JSON text, hashed straight into
 * the struct: no array made for the payload's hash.
 */
export function vaultActionDigestOfJson(commons: Hex, vault: Hex, nonce: number, kind: string, payloadJson: string, validUntil: number): Uint8Array {
  const struct = vaultActionStruct(commons, vault, nonce, kind, validUntil);
  if (!struct) return vaultActionDigestOf(commons, vault, nonce, kind, keccakUtf8Bytes(payloadJson), validUntil);
  keccak256Utf8Into(payloadJson, struct, 160);
  return typedDataDigest(commons, struct);
}

export interface LedgerEntryMessage {
  readonly commons: Hex;
  readonly seq: bigint;
  readonly prevHash: Hex;
  readonly time: bigint;
  readonly actionsHash: Hex;
}

/** viem's reference computation of the entry digest; the fast path below must agree with it. */
export const ledgerEntryDigestReference = (message: LedgerEntryMessage): Hex =>
  hashTypedData({ domain: commonsDomain(message.commons), types: ledgerEntryTypes, primaryType: 'LedgerEntry', message });

const LEDGER_ENTRY_TYPEHASH = hexToBytes(keccak256(toHex('LedgerEntry(bytes32 commons,uint64 seq,bytes32 prevHash,uint64 time,bytes32 actionsHash)')).slice(2));

/** The EIP-712 digest of a LedgerEntry, on the same fixed-width fast path as a VaultAction's. */
export function ledgerEntryDigest(message: LedgerEntryMessage): Hex {
  if (message.seq < 0n || message.seq > U64_MAX || message.time < 0n || message.time > U64_MAX) {
    throw new RangeError('ledgerEntryDigest: seq and time are uint64');
  }
  const struct = new Uint8Array(32 * 6);
  struct.set(LEDGER_ENTRY_TYPEHASH, 0);
  struct.set(fixedBytes(message.commons, 32), 32);
  writeUint(struct, 64, message.seq);
  struct.set(fixedBytes(message.prevHash, 32), 96);
  writeUint(struct, 128, message.time);
  struct.set(fixedBytes(message.actionsHash, 32), 160);
  return `0x${bytesToHex(typedDataDigest(message.commons, struct))}`;
}

/** viem's reference computation of the enrolment digest; the fast path below must agree with it. */
export const enrolmentDigestReference = (commons: Hex, commitment: bigint, nullifier: bigint): Hex =>
  hashTypedData({ domain: commonsDomain(commons), types: enrolmentTypes, primaryType: 'Enrolment', message: { commons, commitment, nullifier } });

const ENROLMENT_TYPEHASH = hexToBytes(keccak256(toHex('Enrolment(bytes32 commons,uint256 commitment,uint256 nullifier)')).slice(2));
const U256_MAX = (1n << 256n) - 1n;

/**
 * The EIP-712 digest an attestor signs over (C, U) (SPEC §1), on the same fast path as a
 * VaultAction's (wasm keccak, the domain separator cached per Commons): a replay of 10,000
 * enrolments computes it once each. Values outside uint256 are refused, as viem refuses them.
 */
export function enrolmentDigestBytes(commons: Hex, commitment: bigint, nullifier: bigint): Uint8Array {
  if (commitment < 0n || commitment > U256_MAX || nullifier < 0n || nullifier > U256_MAX) {
    throw new RangeError('enrolmentDigest: commitment and nullifier are uint256');
  }
  const struct = new Uint8Array(32 * 4);
  struct.set(ENROLMENT_TYPEHASH, 0);
  struct.set(fixedBytes(commons, 32), 32);
  writeUint(struct, 64, commitment);
  writeUint(struct, 96, nullifier);
  return typedDataDigest(commons, struct);
}

export const enrolmentDigest = (commons: Hex, commitment: bigint, nullifier: bigint): Hex => `0x${bytesToHex(enrolmentDigestBytes(commons, commitment, nullifier))}`;

export const toHexString = (bytes: Uint8Array): Hex => `0x${bytesToHex(bytes)}`;
