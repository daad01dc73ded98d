/**
 * The desktop app's SecretBox for the member's identity secret: Electron's safeStorage, which
 * encrypts with a key the OS keychain holds (macOS Keychain, Windows DPAPI, libsecret or KWallet on
 * Linux). On Linux without a keychain, safeStorage falls back to a password written into Chromium
 * ("basic_text"): that protects nothing, so it is not used and the file-permissions box, which says
 * what it is, takes its place. Call after the app is ready (Linux picks its backend then).
 */
import { safeStorage } from 'electron';
import { type SecretBox, filePermissionsBox } from '../services/prover/identity-store';

type SafeStorage = Pick<typeof safeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptStringAsync' | 'decryptStringAsync'>;

export function keychainSecretBox(storage: SafeStorage = safeStorage, platform: NodeJS.Platform = process.platform): SecretBox | null {
  if (!storage.isEncryptionAvailable()) return null;
  if (platform === 'linux' && ['basic_text', 'unknown'].includes(storage.getSelectedStorageBackend())) return null;
  return {
    protection: 'os-keychain',
    seal: async (plain) => (await storage.encryptStringAsync(plain)).toString('base64'),
    async open(sealed) {
      const { result, shouldReEncrypt } = await storage.decryptStringAsync(Buffer.from(sealed, 'base64'));
      return { plain: result, reseal: shouldReEncrypt };
    },
  };
}

/** The keychain where there is one, else the plain file (and Settings says which). */
export const secretBoxForDesktop = (): SecretBox => keychainSecretBox() ?? filePermissionsBox;
