/**
 * Cardano keys as the Ledger and Trezor Cardano apps derive them: BIP32-Ed25519 (Khovratovich &
 * Law, "V2" derivation) from a master key made from the BIP39 seed by Ledger's method (CIP-3,
 * "Ledger" master key generation, also Trezor's `derivation_type: LEDGER`).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { mnemonicToEntropy, mnemonicToSeedSync } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';

export interface Ed25519ExtendedKey {
  readonly kL: Uint8Array;
  readonly kR: Uint8Array;
  readonly chainCode: Uint8Array;
}

const ED25519_SEED = new TextEncoder().encode('ed25519 seed');
const N = ed25519.Point.Fn.ORDER;

const leToBig = (bytes: Uint8Array): bigint => {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i -= 1) n = (n << 8n) | BigInt(bytes[i] ?? 0);
  return n;
};
const bigToLe = (n: bigint, length: number): Uint8Array => {
  const out = new Uint8Array(length);
  let v = n;
  for (let i = 0; i < length; i += 1) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
};
const u32le = (i: number): Uint8Array => {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, i >>> 0, true);
  return out;
};
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

/** CIP-3 "Ledger" master key from a mnemonic (empty passphrase). */
export function cardanoMasterKey(mnemonic: string): Ed25519ExtendedKey {
  const seed = mnemonicToSeedSync(mnemonic);
  const chainCode = hmac(sha256, ED25519_SEED, concat(new Uint8Array([1]), seed));
  let i = hmac(sha512, ED25519_SEED, seed);
  while (((i[31] ?? 0) & 0b0010_0000) !== 0) i = hmac(sha512, ED25519_SEED, i);
  const kL = i.slice(0, 32);
  const kR = i.slice(32, 64);
  kL[0] = (kL[0] ?? 0) & 0b1111_1000;
  kL[31] = ((kL[31] ?? 0) & 0b0111_1111) | 0b0100_0000;
  return { kL, kR, chainCode };
}

export const cardanoPublicKey = (key: Ed25519ExtendedKey): Uint8Array => ed25519.Point.BASE.multiply(leToBig(key.kL) % N).toBytes();

function deriveChild(parent: Ed25519ExtendedKey, index: number): Ed25519ExtendedKey {
  const hardened = index >= 0x80000000;
  const i = u32le(index);
  const z = hardened
    ? hmac(sha512, parent.chainCode, concat(new Uint8Array([0]), parent.kL, parent.kR, i))
    : hmac(sha512, parent.chainCode, concat(new Uint8Array([2]), cardanoPublicKey(parent), i));
  const c = hardened
    ? hmac(sha512, parent.chainCode, concat(new Uint8Array([1]), parent.kL, parent.kR, i))
    : hmac(sha512, parent.chainCode, concat(new Uint8Array([3]), cardanoPublicKey(parent), i));
  const kL = bigToLe(8n * leToBig(z.slice(0, 28)) + leToBig(parent.kL), 32);
  const kR = bigToLe((leToBig(z.slice(32, 64)) + leToBig(parent.kR)) % (1n << 256n), 32);
  return { kL, kR, chainCode: c.slice(32, 64) };
}

const masterCache = new Map<string, Ed25519ExtendedKey>();

/** The extended key at a path given as BIP32 indices (hardened ≥ 2^31). */
export function cardanoDerive(mnemonic: string, indices: readonly number[]): Ed25519ExtendedKey {
  let key = masterCache.get(mnemonic);
  if (!key) {
    key = cardanoMasterKey(mnemonic);
    masterCache.set(mnemonic, key);
  }
  for (const index of indices) key = deriveChild(key, index);
  return key;
}

/** Public key (32 bytes) and chain code (32 bytes) at a path, as both apps return them. */
export function cardanoExtendedPublicKey(mnemonic: string, indices: readonly number[]): { publicKey: Uint8Array; chainCode: Uint8Array } {
  const key = cardanoDerive(mnemonic, indices);
  return { publicKey: cardanoPublicKey(key), chainCode: key.chainCode };
}

const icarusCache = new Map<string, Ed25519ExtendedKey>();

/**
 * CIP-3 "Icarus" master key (Trezor's default, `ICARUS_TREZOR`, identical to Icarus for 12- and
 * 18-word mnemonics): PBKDF2-HMAC-SHA512 of the BIP39 entropy, 4096 rounds, 96 bytes.
 */
export function cardanoIcarusMasterKey(mnemonic: string): Ed25519ExtendedKey {
  const cached = icarusCache.get(mnemonic);
  if (cached) return cached;
  const entropy = mnemonicToEntropy(mnemonic, english);
  const data = pbkdf2(sha512, new Uint8Array(), entropy, { c: 4096, dkLen: 96 });
  const kL = data.slice(0, 32);
  kL[0] = (kL[0] ?? 0) & 0b1111_1000;
  kL[31] = ((kL[31] ?? 0) & 0b0001_1111) | 0b0100_0000;
  const key = { kL, kR: data.slice(32, 64), chainCode: data.slice(64, 96) };
  icarusCache.set(mnemonic, key);
  return key;
}

export function cardanoIcarusExtendedPublicKey(mnemonic: string, indices: readonly number[]): { publicKey: Uint8Array; chainCode: Uint8Array } {
  let key = cardanoIcarusMasterKey(mnemonic);
  for (const index of indices) key = deriveChild(key, index);
  return { publicKey: cardanoPublicKey(key), chainCode: key.chainCode };
}
