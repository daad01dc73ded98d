import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { biometricsFor } from './biometrics';

const { fake } = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('./testing/fake-electron');
  return { fake: createFakeElectron({ appPath: '/nowhere', userData: '/nowhere', touchId: true }) };
});
vi.mock('electron', () => fake.module);
await fake.emitReady();

const realPlatform = process.platform;
const onPlatform = (platform: NodeJS.Platform) => Object.defineProperty(process, 'platform', { value: platform, configurable: true });
afterEach(() => onPlatform(realPlatform));

describe('the biometric capture of the desktop app', () => {
  it('is the development capture, labelled as such, where there is no Touch ID', () => {
    onPlatform('linux');
    expect(biometricsFor(mkdtempSync(join(tmpdir(), 'c3-bio-')))).toMatchObject({ kind: 'development', label: expect.stringContaining('not a biometric') });
  });

  it('on a Mac, releases the same key after each Touch ID, kept encrypted by the keychain', async () => {
    onPlatform('darwin');
    const dir = mkdtempSync(join(tmpdir(), 'c3-bio-'));
    const provider = biometricsFor(dir);
    expect(provider.kind).toBe('platform');
    const first = await provider.capture('enrol');
    expect(first).toHaveLength(32);
    expect(await biometricsFor(dir).capture('vote')).toEqual(first);
    const onDisk = readFileSync(join(dir, 'biometric-key.bin'));
    expect(onDisk.toString('latin1')).not.toContain(Buffer.from(first).toString('base64'));
  });

  it('never replaces a key the keychain cannot decrypt: that would silently make a new MEID', async () => {
    onPlatform('darwin');
    const dir = mkdtempSync(join(tmpdir(), 'c3-bio-'));
    const foreign = Buffer.from('v10 sealed by another user’s keychain');
    writeFileSync(join(dir, 'biometric-key.bin'), foreign);
    await expect(biometricsFor(dir).capture('enrol')).rejects.toMatchObject({ body: { kind: 'BiometricFailed' } });
    expect(readFileSync(join(dir, 'biometric-key.bin'))).toEqual(foreign);
  });
});
