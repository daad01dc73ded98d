import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { keccak256, keccak256Into, keccak256Utf8, keccak256Utf8Into, keccakImplementation, keccakModuleBytes } from './keccak';

const hex = (bytes: Uint8Array) => bytesToHex(bytes);

describe('keccak256 on WebAssembly', () => {
  it('runs on WebAssembly here (Node has it), from a module that validates', () => {
    expect(keccakImplementation).toBe('webassembly');
    expect((globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly.validate(keccakModuleBytes())).toBe(true);
  });

  it('gives the known digests of the empty string and of "abc" (Ethereum keccak, not SHA-3)', () => {
    expect(hex(keccak256(new Uint8Array(0)))).toBe('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
    expect(hex(keccak256(utf8ToBytes('abc')))).toBe('4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
  });

  it('agrees with @noble/hashes at every length around the block size (136 bytes) and the buffer size', () => {
    const lengths = [...Array.from({ length: 420 }, (_, i) => i), 65_000, 261_631, 261_632, 261_768, 261_769, 600_000];
    for (const n of lengths) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 0xff);
      expect(hex(keccak256(data)), `length ${n}`).toBe(hex(keccak_256(data)));
    }
  });

  it('agrees with @noble/hashes on random messages, and leaves its input alone', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (data) => {
        const before = hex(data);
        expect(hex(keccak256(data))).toBe(hex(keccak_256(data)));
        expect(hex(data)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('returns a fresh array each time (a later hash does not change an earlier result)', () => {
    const first = keccak256(utf8ToBytes('first'));
    const copy = hex(first);
    keccak256(utf8ToBytes('second'));
    expect(hex(first)).toBe(copy);
  });

  it('hashes a text as its UTF-8 bytes, encoded in place: any text, short or past the buffer, in any script', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        expect(hex(keccak256Utf8(text))).toBe(hex(keccak_256(utf8ToBytes(text))));
      }),
      { numRuns: 1_000 },
    );
    // Around the block size, and longer than the module's buffer (the general path).
    for (const length of [0, 135, 136, 137, 272, 87_000, 300_000]) {
      const text = 'é'.repeat(Math.floor(length / 2)) + 'a'.repeat(length % 2);
      expect(hex(keccak256Utf8(text)), `length ${length}`).toBe(hex(keccak_256(utf8ToBytes(text))));
    }
  });

  it('writes a digest into a given array at a given place, and nothing else of it, for bytes and for text, short or past the buffer', () => {
    const check = (expected: Uint8Array, write: (out: Uint8Array, offset: number) => void, offset: number, fill: number) => {
      const out = new Uint8Array(offset + 32 + 7).fill(fill);
      write(out, offset);
      expect(hex(out.subarray(offset, offset + 32))).toBe(hex(expected));
      expect(out.subarray(0, offset).every((b) => b === fill) && out.subarray(offset + 32).every((b) => b === fill)).toBe(true);
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.nat(80), fc.nat(255), (data, text, offset, fill) => {
        check(keccak_256(data), (out, at) => keccak256Into(data, out, at), offset, fill);
        check(keccak_256(utf8ToBytes(text)), (out, at) => keccak256Utf8Into(text, out, at), offset, fill);
      }),
      { numRuns: 500 },
    );
    for (const length of [0, 136, 261_631, 261_632, 300_000]) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 7) & 0xff);
      check(keccak_256(data), (out, at) => keccak256Into(data, out, at), 3, 9);
      const text = 'é'.repeat(length >> 1);
      check(keccak_256(utf8ToBytes(text)), (out, at) => keccak256Utf8Into(text, out, at), 5, 1);
    }
  });
});
