import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { decodeHexInto } from './hex';
import { hexBytes, splitSignature, splitSignatureHexInto } from './recover';

const HALF_N = secp256k1.Point.CURVE().n >> 1n;
const sBytes = (s: bigint) => hexBytes(s.toString(16).padStart(64, '0'));

/** What the allocating path says of a hex signature: its recovery id, or null (hexBytes throwing counts as null). */
function reference(hex: string): 0 | 1 | null {
  let bytes: Uint8Array;
  try {
    bytes = hexBytes(hex);
  } catch {
    return null;
  }
  return splitSignature(bytes)?.recovery ?? null;
}

/** 65 bytes whose s sits at, just above, or far from n/2 and whose v is often 27 or 28. */
const signatureBytes = fc
  .tuple(
    fc.uint8Array({ minLength: 32, maxLength: 32 }),
    fc.oneof(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.constantFrom(sBytes(HALF_N), sBytes(HALF_N + 1n), sBytes(0n), sBytes(1n), sBytes(HALF_N - 1n))),
    fc.oneof(fc.constantFrom(27, 28), fc.integer({ min: 0, max: 255 })),
  )
  .map(([r, s, v]) => Uint8Array.from([...r, ...s, v]));

describe('hex signatures decoded in place (the replay path: no array per signature)', () => {
  it('splitSignatureHexInto agrees with splitSignature(hexBytes(hex)) on every signature, in either case, with or without 0x', () => {
    fc.assert(
      fc.property(signatureBytes, fc.boolean(), fc.boolean(), fc.nat(64), (bytes, upper, prefixed, offset) => {
        const bare = bytesToHex(bytes);
        const hex = `${prefixed ? '0x' : ''}${upper ? bare.toUpperCase() : bare}`;
        const out = new Uint8Array(offset + 65);
        const recovery = splitSignatureHexInto(hex, out, offset);
        expect(recovery).toBe(reference(hex));
        if (recovery !== null) expect(out.subarray(offset, offset + 64)).toEqual(bytes.subarray(0, 64));
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses what is not 65 bytes of hex, as hexBytes would, without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 140 }), (text) => {
        expect(splitSignatureHexInto(text, new Uint8Array(65), 0)).toBe(reference(text));
      }),
      { numRuns: 2_000 },
    );
    const good = `0x${'11'.repeat(32)}${'22'.repeat(32)}1b`;
    expect(splitSignatureHexInto(good, new Uint8Array(65), 0)).toBe(0);
    for (const bad of [good.slice(0, -1), `${good}0`, good.replace('11', '1g'), good.replace('0x', '0X'), ` ${good.slice(1)}`]) {
      expect(splitSignatureHexInto(bad, new Uint8Array(65), 0), bad).toBeNull();
    }
  });

  it('decodeHexInto writes exactly the bytes hexBytes returns, at the offset, and refuses a target too short', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.nat(8), (bytes, offset) => {
        const out = new Uint8Array(offset + bytes.length);
        expect(decodeHexInto(`0x${bytesToHex(bytes)}`, bytes.length, out, offset)).toBe(true);
        expect(out.subarray(offset)).toEqual(bytes);
        if (bytes.length > 0) expect(decodeHexInto(bytesToHex(bytes), bytes.length, new Uint8Array(bytes.length - 1), 0)).toBe(false);
      }),
      { numRuns: 1_000 },
    );
  });
});
