/**
 * Signature recovery behind an interface, so that verification can run on libsecp256k1 where its
 * native binary loads (main process, `c3`: ~20x faster) and on @noble/curves elsewhere. shared/
 * holds the interface and the pure noble fallback; the native one is in electron/services/ledger.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { type Hex } from './canonical';
import { decodeHexInto } from './hex';
import { keccak256 } from './keccak';

export interface SignatureRecoverer {
  readonly name: string;
  /**
   * The lower-case address that signed `digest` (32 bytes) with `signature` (65 bytes r‖s‖v,
   * v 27 or 28, s in the lower half), or null if it does not recover.
   */
  recover(digest: Uint8Array, signature: Uint8Array): Hex | null;
  /** The same for a signature in 0x-hex, when the implementation has a faster path (a cache keyed by it). */
  recoverHex?(digest: Uint8Array, signature: string): Hex | null;
}

const HALF_N = secp256k1.Point.CURVE().n >> 1n;
const HALF_N_BYTES = hexToBytes(HALF_N.toString(16).padStart(64, '0'));

export interface SplitSignature {
  /** r‖s, 64 bytes. */
  readonly compact: Uint8Array;
  /** 0 or 1. */
  readonly recovery: 0 | 1;
}

/**
 * Splits r‖s‖v and refuses malleable forms (high s, EIP-2) and other v values, so that every
 * implementation accepts exactly the same signatures and one signature has one encoding.
 */
export function splitSignature(signature: Uint8Array): SplitSignature | null {
  if (signature.length !== 65) return null;
  const recovery = recoveryOf(signature, 0);
  return recovery === null ? null : { compact: signature.subarray(0, 64), recovery };
}

/** The recovery id of the 65-byte r‖s‖v at `base` in `bytes`, or null when v is not 27/28 or s is zero or in the upper half. */
export function recoveryOf(bytes: Uint8Array, base: number): 0 | 1 | null {
  const v = bytes[base + 64];
  if (v !== 27 && v !== 28) return null;
  // s ≤ n/2, compared byte by byte (big-endian) against the constant: no bigint on the hot path.
  let zero = true;
  let order = 0;
  for (let i = 0; i < 32; i++) {
    const byte = bytes[base + 32 + i] ?? 0;
    if (byte !== 0) zero = false;
    if (order === 0 && byte !== (HALF_N_BYTES[i] ?? 0)) order = byte < (HALF_N_BYTES[i] ?? 0) ? -1 : 1;
  }
  if (zero || order > 0) return null;
  return v === 27 ? 0 : 1;
}

/**
 * `splitSignature` of a 0x-hex signature, decoded into `out` (65 bytes at `offset`: r‖s‖v) rather
 * than a new array: its recovery id, or null when `splitSignature(hexBytes(hex))` would refuse it
 * (or `hexBytes` would throw).
 */
export function splitSignatureHexInto(hex: string, out: Uint8Array, offset: number): 0 | 1 | null {
  return decodeHexInto(hex, 65, out, offset) ? recoveryOf(out, offset) : null;
}

/** The Ethereum address of an uncompressed public key (65 bytes, 0x04 ‖ X ‖ Y). */
export const addressOfPublicKey = (uncompressed: Uint8Array): Hex =>
  `0x${bytesToHex(keccak256(uncompressed.subarray(1)).subarray(12))}`;

/** Pure fallback: @noble/curves (~500 recoveries/s on one core here). */
export const nobleRecoverer: SignatureRecoverer = {
  name: '@noble/curves',
  recover(digest, signature) {
    const split = splitSignature(signature);
    if (!split || digest.length !== 32) return null;
    try {
      const point = secp256k1.Signature.fromBytes(split.compact, 'compact').addRecoveryBit(split.recovery).recoverPublicKey(digest);
      return addressOfPublicKey(point.toBytes(false));
    } catch {
      return null;
    }
  },
};

/** Signs a 32-byte digest with a private key: r‖s‖v, low s, v 27/28 (demo and test keys only). */
export function signDigest(privateKey: Uint8Array, digest: Uint8Array): Hex {
  const recovered = secp256k1.sign(digest, privateKey, { prehash: false, format: 'recovered', lowS: true });
  const out = new Uint8Array(65);
  out.set(recovered.subarray(1, 65), 0);
  out[64] = 27 + (recovered[0] ?? 0);
  return `0x${bytesToHex(out)}`;
}

export const addressOfPrivateKey = (privateKey: Uint8Array): Hex => addressOfPublicKey(secp256k1.getPublicKey(privateKey, false));

export const hexBytes = (hex: string): Uint8Array => hexToBytes(hex.startsWith('0x') ? hex.slice(2) : hex);
