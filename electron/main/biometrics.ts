/**
 * The platform's biometric unlock for the identity service: Touch ID where Electron offers it
 * (macOS), guarding a random key that Electron's safeStorage keeps encrypted in the app's data
 * folder. Elsewhere the development provider, labelled as such in the UI.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { safeStorage, systemPreferences } from 'electron';
import { type BiometricProvider, developmentBiometrics, platformBiometrics } from '../services/prover/biometrics';

export function biometricsFor(dataDir: string): BiometricProvider {
  if (process.platform !== 'darwin' || !systemPreferences.canPromptTouchID() || !safeStorage.isEncryptionAvailable()) return developmentBiometrics(dataDir);
  const file = join(dataDir, 'biometric-key.bin');
  return platformBiometrics({
    prompt: (reason) => systemPreferences.promptTouchID(reason),
    async deviceKey() {
      try {
        return new Uint8Array(Buffer.from(safeStorage.decryptString(await readFile(file)), 'base64'));
      } catch {
        const key = randomBytes(32);
        await writeFile(file, safeStorage.encryptString(key.toString('base64')), { mode: 0o600 });
        return new Uint8Array(key);
      }
    },
  });
}
