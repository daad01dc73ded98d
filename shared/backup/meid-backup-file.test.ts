import { describe, expect, it } from 'vitest';
import { type KdfParams, openMeidBackup, sealMeidBackup } from './meid-backup-file';

const COMMONS = `0x${'12'.repeat(32)}`;
const identity = { secret: 1234567890123456789012345678901234567890n, createdAt: '2026-01-01T00:00:00.000Z' };
const PASS = 'correct horse battery staple';
/** The floor the reader accepts, to keep the tests quick; the default (2^17) is tested once. */
const FAST: KdfParams = { name: 'scrypt', logN: 15, r: 8, p: 1 };
const seal = async (options: Partial<Parameters<typeof sealMeidBackup>[1]> = {}) => {
  const sealed = await sealMeidBackup(identity, { commonsId: COMMONS, commitment: '42', passphrase: PASS, exportedAt: new Date(0), kdf: FAST, ...options });
  if (!sealed.ok) throw new Error(sealed.error.message);
  return sealed.value;
};
const file = await seal();
const edit = (change: (f: Record<string, unknown>) => Record<string, unknown>) => JSON.stringify(change(JSON.parse(file) as Record<string, unknown>));
const flipHex = (hex: string, at = 0) => hex.slice(0, at) + (hex[at] === '0' ? '1' : '0') + hex.slice(at + 1);

describe('MEID secret backup', () => {
  it('round-trips the secret with the passphrase (default parameters: scrypt 2^17)', async () => {
    const text = await seal({ kdf: undefined });
    expect(JSON.parse(text)).toMatchObject({ kdf: { name: 'scrypt', logN: 17, r: 8, p: 1 } });
    expect(await openMeidBackup(text, PASS)).toEqual({ ok: true, value: { ...identity, commonsId: COMMONS, commitment: '42' } });
  });

  it('the file carries no secret in the clear and a fresh salt and nonce each time', async () => {
    expect(file).not.toContain(identity.secret.toString());
    const again = JSON.parse(await seal()) as Record<string, string>;
    const first = JSON.parse(file) as Record<string, string>;
    expect(again.salt).not.toBe(first.salt);
    expect(again.nonce).not.toBe(first.nonce);
  });

  it('a wrong passphrase is refused in words, and opens nothing', async () => {
    expect(await openMeidBackup(file, 'correct horse battery stapler')).toEqual({ ok: false, error: expect.objectContaining({ kind: 'BackupPassphraseWrong', message: 'That passphrase does not open this backup.' }) });
    expect(await openMeidBackup(file, '')).toMatchObject({ ok: false, error: { kind: 'BackupPassphraseWrong' } });
  });

  it('a tampered ciphertext fails authentication', async () => {
    expect(await openMeidBackup(edit((f) => ({ ...f, ciphertext: flipHex(f.ciphertext as string, 4) })), PASS)).toMatchObject({ ok: false, error: { kind: 'BackupTampered' } });
    expect(await openMeidBackup(edit((f) => ({ ...f, nonce: flipHex(f.nonce as string) })), PASS)).toMatchObject({ ok: false, error: { kind: 'BackupTampered' } });
  });

  it('a backup relabelled for another Commons fails authentication', async () => {
    expect(await openMeidBackup(edit((f) => ({ ...f, commonsId: `0x${'34'.repeat(32)}` })), PASS)).toMatchObject({ ok: false, error: { kind: 'BackupTampered' } });
  });

  it('a backup with a swapped commitment fails authentication', async () => {
    expect(await openMeidBackup(edit((f) => ({ ...f, commitment: '43' })), PASS)).toMatchObject({ ok: false, error: { kind: 'BackupTampered' } });
  });

  it('changed key-derivation parameters or salt open nothing', async () => {
    expect((await openMeidBackup(edit((f) => ({ ...f, kdf: { ...FAST, logN: 16 } })), PASS)).ok).toBe(false);
    expect((await openMeidBackup(edit((f) => ({ ...f, salt: flipHex(f.salt as string) })), PASS)).ok).toBe(false);
  });

  it('absurd key-derivation parameters (N = 2^40, r or p changed) are refused before scrypt runs', async () => {
    const started = performance.now();
    for (const kdf of [{ ...FAST, logN: 40 }, { ...FAST, logN: 8 }, { ...FAST, r: 1024 }, { ...FAST, p: 64 }, { ...FAST, N: 2 ** 40 }, { ...FAST, logN: 2 ** 40 }]) {
      expect(await openMeidBackup(edit((f) => ({ ...f, kdf })), PASS)).toMatchObject({ ok: false, error: { kind: 'BackupFileRefused', reason: 'FileInvalid' } });
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('hostile files are refused: huge, deep, duplicate keys, unknown fields', async () => {
    expect(await openMeidBackup(edit((f) => ({ ...f, pad: 'x'.repeat(10_000) })), PASS)).toMatchObject({ ok: false, error: { kind: 'BackupFileRefused', reason: 'FileTooLarge' } });
    expect(await openMeidBackup(edit((f) => ({ ...f, exportedAt: JSON.parse('['.repeat(100) + ']'.repeat(100)) })), PASS)).toMatchObject({ ok: false, error: { kind: 'BackupFileRefused', reason: 'FileTooDeep' } });
    expect(await openMeidBackup(file.replace('"version": 1', '"version": 1, "version": 1'), PASS)).toMatchObject({ ok: false, error: { kind: 'BackupFileRefused', reason: 'FileDuplicateKey' } });
    expect(await openMeidBackup(edit((f) => ({ ...f, hint: 'my dog' })), PASS)).toMatchObject({ ok: false, error: { kind: 'BackupFileRefused', reason: 'FileInvalid' } });
    expect(await openMeidBackup(edit((f) => ({ ...f, ciphertext: 'ab'.repeat(2000) })), PASS)).toMatchObject({ ok: false, error: { kind: 'BackupFileRefused' } });
  });

  it('a weak passphrase is refused in words, and no file is written', async () => {
    for (const weak of ['short', 'aaaaaaaaaaaaaaaa', ' padded passphrase ']) {
      expect(await sealMeidBackup(identity, { commonsId: COMMONS, commitment: '42', passphrase: weak, exportedAt: new Date(0), kdf: FAST })).toMatchObject({ ok: false, error: { kind: 'BackupPassphraseTooWeak', minLength: 12 } });
    }
  });
});
