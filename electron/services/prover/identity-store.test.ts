import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SecretBox, fileIdentityStore, filePermissionsBox } from './identity-store';

const folder = () => mkdtempSync(join(tmpdir(), 'c3-identity-store-'));
const fileOf = (dir: string) => join(dir, 'identity.json');
const posix = process.platform !== 'win32';

/** A keychain stand-in: AES-256-GCM under a key of its own (the desktop app uses Electron's safeStorage). */
function testKeychain(): SecretBox {
  const key = randomBytes(32);
  return {
    protection: 'os-keychain',
    async seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    async open(sealed) {
      const bytes = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return { plain: Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8'), reseal: false };
    },
  };
}

describe('the identity secret in browser mode', () => {
  it('is a plain file only this user may read (0600), and the store says so', async () => {
    const dir = folder();
    const store = fileIdentityStore(dir);
    expect(store.protection).toBe('file-permissions');
    expect(await store.read()).toBeNull();
    const secret = await store.ensure();
    expect(JSON.parse(readFileSync(fileOf(dir), 'utf8'))).toMatchObject({ version: 1, secret: secret.toString() });
    if (posix) expect(statSync(fileOf(dir)).mode & 0o777).toBe(0o600);
    expect(await fileIdentityStore(dir, filePermissionsBox).ensure()).toBe(secret);
  });

  it('copied in readable by others is made 0600 again when read', async () => {
    if (!posix) return;
    const dir = folder();
    writeFileSync(fileOf(dir), JSON.stringify({ version: 1, secret: '77', createdAt: '2026-01-01T00:00:00.000Z' }));
    chmodSync(fileOf(dir), 0o644);
    expect(await fileIdentityStore(dir).read()).toBe(77n);
    expect(statSync(fileOf(dir)).mode & 0o777).toBe(0o600);
  });

  it('encrypted by the desktop app is refused with a typed error, and left as it is', async () => {
    const dir = folder();
    const secret = await fileIdentityStore(dir, testKeychain()).ensure();
    const before = readFileSync(fileOf(dir), 'utf8');
    await expect(fileIdentityStore(dir).read()).rejects.toMatchObject({ error: { kind: 'IdentityKeychainUnavailable', path: fileOf(dir) } });
    // ensure() must not paper over it with a new identity.
    await expect(fileIdentityStore(dir).ensure()).rejects.toMatchObject({ error: { kind: 'IdentityKeychainUnavailable' } });
    expect(readFileSync(fileOf(dir), 'utf8')).toBe(before);
    expect(before).not.toContain(secret.toString());
  });
});

describe('the identity secret under a keychain', () => {
  it('is never written in plain, and an old plain file is sealed on first read', async () => {
    const dir = folder();
    writeFileSync(fileOf(dir), JSON.stringify({ version: 1, secret: '31337', createdAt: '2026-01-01T00:00:00.000Z' }), { mode: 0o600 });
    const keychain = testKeychain();
    expect(await fileIdentityStore(dir, keychain).read()).toBe(31337n);
    const saved = readFileSync(fileOf(dir), 'utf8');
    expect(JSON.parse(saved)).toMatchObject({ version: 2, protection: 'os-keychain', createdAt: '2026-01-01T00:00:00.000Z' });
    expect(saved).not.toContain('31337');
    expect(await fileIdentityStore(dir, keychain).read()).toBe(31337n);
  });

  it('that another keychain cannot open is refused, typed, and the file is left as it is', async () => {
    const dir = folder();
    await fileIdentityStore(dir, testKeychain()).ensure();
    const before = readFileSync(fileOf(dir), 'utf8');
    await expect(fileIdentityStore(dir, testKeychain()).ensure()).rejects.toMatchObject({ error: { kind: 'IdentityKeychainUnavailable' } });
    expect(readFileSync(fileOf(dir), 'utf8')).toBe(before);
  });
});

describe('an identity file that is not one', () => {
  it('is refused with a typed error and left as it is: not JSON, extra fields, a secret that is not a number', async () => {
    for (const text of ['{not json', JSON.stringify({ version: 1, secret: '12', createdAt: 'x', evil: true }), JSON.stringify({ version: 1, secret: '0x12', createdAt: 'x' }), JSON.stringify({ version: 3 })]) {
      const dir = folder();
      writeFileSync(fileOf(dir), text, { mode: 0o600 });
      await expect(fileIdentityStore(dir).ensure(), text).rejects.toMatchObject({ error: { kind: 'IdentityFileUnreadable' } });
      expect(readFileSync(fileOf(dir), 'utf8')).toBe(text);
    }
  });

  it('whose sealed secret opens to something that is not a number is refused too', async () => {
    const dir = folder();
    const keychain = testKeychain();
    writeFileSync(fileOf(dir), JSON.stringify({ version: 2, protection: 'os-keychain', sealed: await keychain.seal('rm -rf /'), createdAt: 'x' }));
    await expect(fileIdentityStore(dir, keychain).read()).rejects.toMatchObject({ error: { kind: 'IdentityFileUnreadable' } });
  });
});
