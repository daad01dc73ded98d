import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import { addressOfPrivateKey, hexBytes, signDigest, splitSignatureHexInto } from '../../../shared/crypto/recover';
import { createRecoveryPool, splitSignatureHexNative } from './replay';

/** `count` signatures by one key over distinct digests, as a replay hands them to the pool. */
function jobs(count: number) {
  const key = hexBytes('42'.repeat(32));
  const one = Array.from({ length: 64 }, (_, i) => {
    const digest = hexBytes((i + 1).toString(16).padStart(64, '0'));
    return { digest, sigHex: `0x${bytesToHex(hexBytes(signDigest(key, digest)))}` };
  });
  return { address: addressOfPrivateKey(key), jobs: Array.from({ length: count }, (_, i) => one[i % one.length]!) };
}

describe('splitSignatureHexNative (replay.ts)', () => {
  it('answers as splitSignatureHexInto does, with the same bytes, for any text: valid, malleable, cut short, not hex', () => {
    // Texts near a signature: v of 27/28 or not, s below or above n/2, a character swapped for a
    // non-hex or upper-case one, a length off by one or two, with or without 0x.
    const signature = fc
      .tuple(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.constantFrom(27, 28, 0, 1, 29, 255), fc.boolean())
      .map(([rs, v, lowS]) => {
        const bytes = Uint8Array.of(...rs, v);
        if (lowS) bytes[32] = bytes[32]! & 0x7f;
        return bytesToHex(bytes);
      });
    const text = fc
      .tuple(signature, fc.constantFrom('0x', '', '0X'), fc.nat(131), fc.constantFrom('', 'g', 'G', 'A', 'f', ' ', 'é', '00', '0'), fc.constantFrom('keep', 'replace', 'insert', 'cut'))
      .map(([hex, prefix, at, other, how]) => {
        if (how === 'keep' || other === '') return prefix + hex;
        if (how === 'replace') return prefix + hex.slice(0, at % 130) + other + hex.slice((at % 130) + 1);
        if (how === 'insert') return prefix + hex.slice(0, at % 130) + other + hex.slice(at % 130);
        return prefix + hex.slice(0, at % 130);
      });
    fc.assert(
      // Both buffers start with the same bytes, a valid signature in every slot: a decoder that
      // stopped early would leave one there and answer for it.
      fc.property(text, fc.nat(3), signature, (hex, slot, filler) => {
        const before = new Uint8Array(65 * 4 + 1);
        for (let at = 0; at + 65 <= before.length; at += 64) before.set(hexBytes(filler).with(32, 0x10).with(64, 27), at);
        const expected = Uint8Array.from(before);
        const got = Buffer.from(before);
        const answer = splitSignatureHexInto(hex, expected, 64 * slot);
        expect(splitSignatureHexNative(hex, got, 64 * slot)).toBe(answer);
        if (answer !== null) expect(Uint8Array.from(got.subarray(64 * slot, 64 * slot + 65))).toEqual(expected.subarray(64 * slot, 64 * slot + 65));
      }),
      { numRuns: 3000 },
    );
  });
});

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
