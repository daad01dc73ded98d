import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fileLines } from './lines';

const folder = mkdtempSync(join(tmpdir(), 'c3-lines-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('fileLines (bench/ledger/lines.ts)', () => {
  it('reads the lines of any UTF-8 text, whatever chunks cut it (through a character, between ASCII and not)', () => {
    let n = 0;
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'grapheme-ascii' }), fc.string({ unit: 'binary' }).map((s) => s.replace(/[\ud800-\udfff]/g, '?'))), { maxLength: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (parts, chunkBytes) => {
          const text = parts.join('\n');
          const file = join(folder, `t${n++}.txt`);
          writeFileSync(file, text, 'utf8');
          const expected = text.split('\n');
          if (expected[expected.length - 1] === '') expected.pop();
          expect([...fileLines(file, chunkBytes)]).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('decodes any bytes as one decoding of the whole file would, a character cut short included (U+FFFD)', () => {
    let n = 0;
    const byte = fc.oneof(fc.constantFrom(0x0a, 0x61, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0xc3, 0xa9), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (bytes, chunkBytes) => {
        const file = join(folder, `b${n++}.bin`);
        writeFileSync(file, Uint8Array.from(bytes));
        const expected = Buffer.from(bytes).toString('utf8').split('\n');
        if (expected[expected.length - 1] === '') expected.pop();
        expect([...fileLines(file, chunkBytes)]).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
