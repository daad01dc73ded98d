/**
 * The platform's biometric unlock for the identity service: Touch ID where Electron offers it
 * (macOS), guarding a random key that Electron's safeStorage keeps encrypted in the app's data
 * folder. Elsewhere the development provider, labelled as such in the UI.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { safeStorage, systemPreferences } from 'electron';
import { BiometricError, type BiometricProvider, developmentBiometrics, platformBiometrics } from '../services/prover/biometrics';

export function biometricsFor(dataDir: string): BiometricProvider {
  if (process.platform !== 'darwin' || !systemPreferences.canPromptTouchID() || !safeStorage.isEncryptionAvailable()) return developmentBiometrics(dataDir);
  const file = join(dataDir, 'biometric-key.bin');
  return platformBiometrics({
    prompt: (reason) => systemPreferences.promptTouchID(reason),
    async deviceKey() {
      const sealed = await readFile(file).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      if (sealed === null) {
        const key = randomBytes(32);
        // 'wx': never replace a key that exists; the member's MEID commitment is derived from it.
        await writeFile(file, await safeStorage.encryptStringAsync(key.toString('base64')), { mode: 0o600, flag: 'wx' });
        return new Uint8Array(key);
      }
      try {
        return new Uint8Array(Buffer.from((await safeStorage.decryptStringAsync(sealed)).result, 'base64'));
      } catch {
        // A new key would silently make a new MEID: the member's enrolments would no longer be theirs.
        throw new BiometricError({
          kind: 'BiometricFailed',
          message: 'The keychain could not decrypt the key Touch ID guards; it was left as it is.',
          nextStep: 'Unlock your keychain, or open C3 Vault as the macOS user who enrolled.',
        });
      }
    },
  });
}
