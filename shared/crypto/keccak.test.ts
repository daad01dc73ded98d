import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { keccak256, keccak256Utf8, keccakImplementation, keccakModuleBytes } from './keccak';

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
});
