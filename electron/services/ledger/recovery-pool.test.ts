import { describe, expect, it } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import { addressOfPrivateKey, hexBytes, signDigest } from '../../../shared/crypto/recover';
import { createRecoveryPool } from './replay';

/** `count` signatures by one key over distinct digests, as a replay hands them to the pool. */
function jobs(count: number) {
  const key = hexBytes('42'.repeat(32));
  const one = Array.from({ length: 64 }, (_, i) => {
    const digest = hexBytes((i + 1).toString(16).padStart(64, '0'));
    return { digest, sigHex: `0x${bytesToHex(hexBytes(signDigest(key, digest)))}` };
  });
  return { address: addressOfPrivateKey(key), jobs: Array.from({ length: count }, (_, i) => one[i % one.length]!) };
}

describe('the recovery pool (libsecp256k1 on worker threads)', () => {
  it('closed while its threads are still recovering, it answers what they hold first and the process lives on', async () => {
    // A replay that stops at a bad entry closes its pool with batches still dispatched ahead of
    // it; a thread terminated inside libsecp256k1 aborted the whole process (c3 verify, or main).
    const { address, jobs: many } = jobs(30_000);
    for (let round = 0; round < 3; round++) {
      const pool = createRecoveryPool(2);
      const answer = pool.recoverAll(many);
      await new Promise((resolve) => setTimeout(resolve, 20)); // the threads are inside the native loop now
      await pool.close();
      const recovered = await answer;
      expect(recovered).toHaveLength(many.length);
      expect(recovered.every((a) => a === address)).toBe(true);
    }
  });
});
