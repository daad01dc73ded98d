import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fileIdentityStore } from '../services/prover/identity-store';
import { keychainSecretBox, secretBoxForDesktop } from './secret-box';
import { createFakeElectron } from './testing/fake-electron';

const { fake } = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('./testing/fake-electron');
  return { fake: createFakeElectron({ appPath: '/nowhere', userData: '/nowhere' }) };
});
vi.mock('electron', () => fake.module);
await fake.emitReady();

const folder = () => mkdtempSync(join(tmpdir(), 'c3-secret-box-'));
const identityFile = (dir: string) => JSON.parse(readFileSync(join(dir, 'identity.json'), 'utf8')) as Record<string, unknown>;

describe('the desktop app’s identity secret', () => {
  it('is encrypted by the OS keychain: the file does not contain it, and it reads back the same', async () => {
    const dir = folder();
    const store = fileIdentityStore(dir, secretBoxForDesktop());
    expect(store.protection).toBe('os-keychain');
    const secret = await store.ensure();
    const file = identityFile(dir);
    expect(file).toMatchObject({ version: 2, protection: 'os-keychain', sealed: expect.any(String) });
    expect(readFileSync(join(dir, 'identity.json'), 'utf8')).not.toContain(secret.toString());
    if (process.platform !== 'win32') expect(statSync(join(dir, 'identity.json')).mode & 0o777).toBe(0o600);
    expect(await fileIdentityStore(dir, secretBoxForDesktop()).read()).toBe(secret);
  });

  it('left in plain JSON by an older version is read, and saved again encrypted', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'identity.json'), JSON.stringify({ version: 1, secret: '123456789', createdAt: '2026-01-01T00:00:00.000Z' }), { mode: 0o644 });
    const store = fileIdentityStore(dir, secretBoxForDesktop());
    expect(await store.read()).toBe(123456789n);
    expect(identityFile(dir)).toMatchObject({ version: 2, protection: 'os-keychain', createdAt: '2026-01-01T00:00:00.000Z' });
    expect(readFileSync(join(dir, 'identity.json'), 'utf8')).not.toContain('123456789');
    if (process.platform !== 'win32') expect(statSync(join(dir, 'identity.json')).mode & 0o777).toBe(0o600);
    expect(await store.read()).toBe(123456789n);
  });

  it('sealed by another keychain (another user or machine) is refused, typed, and left as it is', async () => {
    const dir = folder();
    await fileIdentityStore(dir, secretBoxForDesktop()).ensure();
    const before = readFileSync(join(dir, 'identity.json'), 'utf8');
    const elsewhere = createFakeElectron({ appPath: '/nowhere', userData: '/nowhere' });
    await elsewhere.emitReady();
    const otherBox = keychainSecretBox(elsewhere.safeStorage as never)!;
    await expect(fileIdentityStore(dir, otherBox).read()).rejects.toMatchObject({ error: { kind: 'IdentityKeychainUnavailable' } });
    expect(readFileSync(join(dir, 'identity.json'), 'utf8')).toBe(before);
  });
});

describe('the keychain box', () => {
  const storage = (keychain: 'available' | 'unavailable' | 'basic-text') => {
    const electron = createFakeElectron({ appPath: '/nowhere', userData: '/nowhere', keychain });
    return electron;
  };

  it('is not used where there is no keychain, nor on Linux’s hard-coded-password fallback', async () => {
    const none = storage('unavailable');
    await none.emitReady();
    expect(keychainSecretBox(none.safeStorage as never, 'darwin')).toBeNull();
    const basic = storage('basic-text');
    await basic.emitReady();
    expect(keychainSecretBox(basic.safeStorage as never, 'linux')).toBeNull();
    // Before the app is ready, Linux has not chosen its backend yet.
    expect(keychainSecretBox(storage('available').safeStorage as never, 'linux')).toBeNull();
    const dir = folder();
    const store = fileIdentityStore(dir, keychainSecretBox(basic.safeStorage as never, 'linux') ?? undefined);
    expect(store.protection).toBe('file-permissions');
  });

  it('seals with a cipher: the sealed text is not the secret and opens back to it', async () => {
    const box = keychainSecretBox(fake.safeStorage as never)!;
    expect(box.protection).toBe('os-keychain');
    const sealed = await box.seal('4242424242');
    expect(sealed).not.toContain('4242424242');
    expect(await box.open(sealed)).toEqual({ plain: '4242424242', reseal: false });
    const tampered = Buffer.from(sealed, 'base64');
    tampered[tampered.length - 1]! ^= 1;
    await expect(box.open(tampered.toString('base64'))).rejects.toThrow('decrypting');
  });
});
