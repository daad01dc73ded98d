// Worker thread for batch signature recovery on libsecp256k1 (electron/services/ledger/replay.ts).
// Plain JavaScript so that it starts the same under tsx, vitest and the bundled main process.
// In: { id, digests: 32·n bytes, signatures: 64·n bytes (r‖s), recoveries: n bytes }.
// Out: { id, addresses: 20·n bytes, ok: n bytes (1 when recovered) }.
import { parentPort } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { keccak_256 } from '@noble/hashes/sha3.js';

const require = createRequire(import.meta.url);
const native = require('secp256k1/bindings');
const pub = new Uint8Array(65);
// Signers recur: public key → address saves a keccak per signature. Keyed by the first 6 bytes of
// X as a number (no hex string per signature); a hit counts only if all 64 bytes are the same.
const addresses = new Map();
let cached = 0;

function addressOf(key) {
  const prefix = key[1] * 2 ** 40 + key[2] * 2 ** 32 + key[3] * 2 ** 24 + ((key[4] << 16) | (key[5] << 8) | key[6]);
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
  const address = keccak_256(key.subarray(1)).subarray(12);
  if (cached > 100000) {
    addresses.clear();
    cached = 0;
  }
  if (!known) {
    addresses.set(prefix, { key: key.slice(), address });
    cached += 1;
  }
  return address;
}

parentPort.on('message', ({ id, digests, signatures, recoveries }) => {
  const n = recoveries.length;
  const out = new Uint8Array(20 * n);
  const ok = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    try {
      native.ecdsaRecover(signatures.subarray(64 * i, 64 * i + 64), recoveries[i], digests.subarray(32 * i, 32 * i + 32), false, pub);
      out.set(addressOf(pub), 20 * i);
      ok[i] = 1;
    } catch {
      ok[i] = 0;
    }
  }
  parentPort.postMessage({ id, addresses: out, ok }, [out.buffer, ok.buffer]);
});
