import fc from 'fast-check';
import { bytesToHex } from '@noble/hashes/utils.js';
import { getAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { keys } from '../commons/fixtures';
import { type CosignerEntry, readCosignerFile, writeCosignerFile } from './cosigner-file';

const entry: CosignerEntry = { address: keys.alice1.address, device: 'ledger', fingerprint: '73c5da0a', label: 'Alice’s Nano', path: "m/44'/60'/0'/0/0" };
const T = new Date('2026-01-05T09:00:00.000Z');
const asJson = (text: string) => JSON.parse(text) as Record<string, unknown>;
const edited = (change: Record<string, unknown>) => JSON.stringify({ ...asJson(writeCosignerFile(entry, T)), ...change });
const refusal = (text: string) => {
  const read = readCosignerFile(text);
  if (read.ok) throw new Error('expected a refusal');
  return read.error;
};

describe('co-signer file', () => {
  it('round-trips a device account', () => {
    const read = readCosignerFile(writeCosignerFile(entry, T));
    expect(read).toEqual({ ok: true, value: { format: 'c3-cosigner', version: 1, ...entry, address: getAddress(entry.address), createdAt: T.toISOString() } });
  });

  it('round-trips any valid entry (property)', () => {
    const hex = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => getAddress(`0x${bytesToHex(b)}`));
    const label = fc.string({ maxLength: 64 }).filter((s) => !/[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u.test(s));
    const path = fc.array(fc.tuple(fc.integer({ min: 0, max: 0x7fffffff }), fc.boolean()), { minLength: 1, maxLength: 10 }).map((steps) => `m/${steps.map(([i, h]) => `${i}${h ? "'" : ''}`).join('/')}`);
    const fingerprint = fc.option(fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => bytesToHex(b)));
    fc.assert(
      fc.property(hex, fc.constantFrom('ledger' as const, 'trezor' as const), fingerprint, label, path, (address, device, fp, l, p) => {
        const e = { address, device, fingerprint: fp, label: l, path: p };
        const read = readCosignerFile(writeCosignerFile(e, T));
        expect(read.ok && { ...read.value }).toEqual({ format: 'c3-cosigner', version: 1, ...e, createdAt: T.toISOString() });
      }),
      { numRuns: 200 },
    );
  });

  it('an all-lowercase address is taken, and read back checksummed', () => {
    const read = readCosignerFile(edited({ address: entry.address.toLowerCase() }));
    expect(read.ok && read.value.address).toBe(getAddress(entry.address));
  });

  it('an address whose capitals break its checksum (a mistyped or altered address) is refused', () => {
    const a = getAddress(entry.address);
    const flipped = a.slice(0, 2) + [...a.slice(2)].map((c, i) => (i === a.slice(2).search(/[a-fA-F]/) ? (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) : c)).join('');
    expect(refusal(edited({ address: flipped }))).toMatchObject({ kind: 'FileInvalid', path: 'address' });
  });

  it('a bad derivation path is refused with the words that name the part at fault', () => {
    expect(refusal(edited({ path: "m/44'/60'//0" }))).toMatchObject({ kind: 'FileInvalid', path: 'path', problem: expect.stringContaining('Part 4') });
  });

  it('an unknown field (something a later reader might act on) is refused', () => {
    expect(refusal(edited({ isSteward: true }))).toMatchObject({ kind: 'FileInvalid' });
  });

  it('a label with text-direction overrides (to look like another signer) is refused', () => {
    expect(refusal(edited({ label: 'Bob\u202E' }))).toMatchObject({ kind: 'FileInvalid', path: 'label' });
  });

  it('a file naming a field twice is refused', () => {
    const text = writeCosignerFile(entry, T).replace('"device": "ledger"', '"device": "ledger", "device": "trezor"');
    expect(refusal(text)).toMatchObject({ kind: 'FileDuplicateKey', key: 'device' });
  });

  it('a huge file is refused before it is parsed', () => {
    expect(refusal(edited({ label: 'x'.repeat(10_000) }))).toMatchObject({ kind: 'FileTooLarge', max: 4096 });
  });

  it('a deeply nested file is refused', () => {
    expect(refusal(edited({ label: JSON.parse('['.repeat(500) + ']'.repeat(500)) }))).toMatchObject({ kind: 'FileTooDeep' });
  });

  it('another version or another format is refused in words', () => {
    expect(refusal(edited({ version: 2 }))).toMatchObject({ kind: 'FileVersionUnsupported', version: '2' });
    expect(refusal(edited({ format: 'c3-vault-backup' }))).toMatchObject({ kind: 'FileInvalid', path: 'format' });
    expect(refusal('not json')).toMatchObject({ kind: 'FileNotJson' });
    expect(refusal('[]').message).toMatch(/is not a co-signer file/);
  });
});
