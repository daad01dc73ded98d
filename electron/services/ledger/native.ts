/**
 * libsecp256k1 (the `secp256k1` npm package's prebuilt binary) behind the shared
 * SignatureRecoverer interface: ~20x @noble/curves. Falls back to noble where the binary does not load.
 */
import { createRequire } from 'node:module';
import { bytesToHex } from '@noble/hashes/utils.js';
import { type SignatureRecoverer, nobleRecoverer, splitSignature, splitSignatureHexInto } from '../../../shared/crypto/recover';
import { type Hex } from '../../../shared/crypto/canonical';
import { keccak256 } from '../../../shared/crypto/keccak';

/** The part of the `secp256k1` package's API we use (it ships no types). */
export interface Secp256k1Native {
  ecdsaRecover(signature: Uint8Array, recid: number, message: Uint8Array, compressed: boolean, output?: Uint8Array): Uint8Array;
  ecdsaSign(message: Uint8Array, privateKey: Uint8Array): { signature: Uint8Array; recid: number };
  publicKeyCreate(privateKey: Uint8Array, compressed: boolean): Uint8Array;
}

let loaded: Secp256k1Native | null | undefined;

/** The native binding, or null when only the package's pure-JS fallback (elliptic) would load. */
export function loadNative(): Secp256k1Native | null {
  if (loaded !== undefined) return loaded;
  try {
    const requireCjs = createRequire(import.meta.url);
    // `secp256k1/bindings` is the native addon alone; the package index silently falls back to elliptic.
    loaded = requireCjs('secp256k1/bindings') as Secp256k1Native;
  } catch {
    loaded = null;
  }
  return loaded;
}

/**
 * Remembers public key → address: signers recur, and this saves a keccak per signature. Keyed by
 * the first 6 bytes of X as a number (no hex string per signature); a hit counts only when all 64
 * bytes of the key are the same. The same cache is in recover-worker.mjs.
 */
export function addressCache(): (uncompressed: Uint8Array) => Hex {
  const addresses = new Map<number, { key: Uint8Array; address: Hex }>();
  return (key) => {
    const prefix = key[1]! * 2 ** 40 + key[2]! * 2 ** 32 + key[3]! * 2 ** 24 + ((key[4]! << 16) | (key[5]! << 8) | key[6]!);
    const known = addresses.get(prefix);
    if (known) {
      let same = true;
      for (let i = 1; i < 65; i++) {
        if (known.key[i] !== key[i]) {
          same = false;
          break;
        }
      }
      if (same) return known.address;
    }
    const address = `0x${bytesToHex(keccak256(key.subarray(1)).subarray(12))}` as Hex;
    if (addresses.size > 100_000) addresses.clear();
    if (!known) addresses.set(prefix, { key: key.slice(), address });
    return address;
  };
}

export function nativeRecoverer(native: Secp256k1Native): SignatureRecoverer {
  const output = new Uint8Array(65);
  const addressOf = addressCache();
  // r‖s‖v of the signature being recovered from hex, and its r‖s: decoded here rather than into a new array per signature.
  const decoded = new Uint8Array(65);
  const compact = decoded.subarray(0, 64);
  const recoverSplit = (compactRS: Uint8Array, recovery: 0 | 1, digest: Uint8Array) => {
    if (digest.length !== 32) return null;
    try {
      native.ecdsaRecover(compactRS, recovery, digest, false, output);
    } catch {
      return null;
    }
    return addressOf(output);
  };
  return {
    name: 'libsecp256k1',
    recover(digest, signature) {
      const split = splitSignature(signature);
      return split ? recoverSplit(split.compact, split.recovery, digest) : null;
    },
    recoverHex(digest, signature) {
      const recovery = splitSignatureHexInto(signature, decoded, 0);
      return recovery === null ? null : recoverSplit(compact, recovery, digest);
    },
  };
}

/** libsecp256k1 where it loads (main process, `c3`), @noble/curves elsewhere. */
export function bestRecoverer(): SignatureRecoverer {
  const native = loadNative();
  return native ? nativeRecoverer(native) : nobleRecoverer;
}
