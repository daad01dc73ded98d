// Worker thread for batch signature recovery on libsecp256k1 (electron/services/ledger/replay.ts).
// Plain JavaScript so that it starts the same under tsx, vitest and the bundled main process.
// In: { id, digests: 32·n bytes, signatures: 64·n bytes (r‖s), recoveries: n bytes }.
// Out: { id, addresses: 20·n bytes, ok: n bytes (1 when recovered) }.
import { parentPort } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex } from '@noble/hashes/utils.js';

const require = createRequire(import.meta.url);
const native = require('secp256k1/bindings');
const pub = new Uint8Array(65);
// Signers recur: public key (hex) → address saves a keccak per signature.
const addresses = new Map();

parentPort.on('message', ({ id, digests, signatures, recoveries }) => {
  const n = recoveries.length;
  const out = new Uint8Array(20 * n);
  const ok = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    try {
      native.ecdsaRecover(signatures.subarray(64 * i, 64 * i + 64), recoveries[i], digests.subarray(32 * i, 32 * i + 32), false, pub);
      const key = bytesToHex(pub);
      let address = addresses.get(key);
      if (!address) {
        if (addresses.size > 100000) addresses.clear();
        address = keccak_256(pub.subarray(1)).subarray(12);
        addresses.set(key, address);
      }
      out.set(address, 20 * i);
      ok[i] = 1;
    } catch {
      ok[i] = 0;
    }
  }
  parentPort.postMessage({ id, addresses: out, ok }, [out.buffer, ok.buffer]);
});
