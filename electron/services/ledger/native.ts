/**
 * libsecp256k1 (the `secp256k1` npm package's prebuilt binary) behind the shared
 * SignatureRecoverer interface: ~20x @noble/curves. Falls back to noble where the binary does not load.
 */
import { createRequire } from 'node:module';
import { bytesToHex } from '@noble/hashes/utils.js';
import { type SignatureRecoverer, nobleRecoverer, splitSignature } from '../../../shared/crypto/recover';
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

export function nativeRecoverer(native: Secp256k1Native): SignatureRecoverer {
  const output = new Uint8Array(65);
  // Signers recur: remembering public key → address saves a keccak per signature (~6 µs in JS).
  const addresses = new Map<string, Hex>();
  return {
    name: 'libsecp256k1',
    recover(digest, signature) {
      const split = splitSignature(signature);
      if (!split || digest.length !== 32) return null;
      try {
        native.ecdsaRecover(split.compact, split.recovery, digest, false, output);
      } catch {
        return null;
      }
      const key = bytesToHex(output);
      let address = addresses.get(key);
      if (!address) {
        if (addresses.size > 100_000) addresses.clear();
        address = `0x${bytesToHex(keccak256(output.subarray(1)).subarray(12))}` as Hex;
        addresses.set(key, address);
      }
      return address;
    },
  };
}

/** libsecp256k1 where it loads (main process, `c3`), @noble/curves elsewhere. */
export function bestRecoverer(): SignatureRecoverer {
  const native = loadNative();
  return native ? nativeRecoverer(native) : nobleRecoverer;
}
