/**
 * Where the member's biometric key (SPEC §1: bioKey) comes from. It is derived on this machine
 * and never crosses IPC: the renderer sees only the commitment, nullifiers and proofs.
 *
 * Honest scope: operating systems do not hand biometric templates to applications. The platform
 * provider asks for the platform's biometric unlock (Touch ID on macOS, through Electron) and,
 * once the person passes it, releases a key kept for this purpose on this machine; the
 * attestor's signature is what vouches that a live person enrolled. The development provider
 * has no biometric at all and says so wherever it appears.
 */
import { createHash } from 'node:crypto';
import { SNARK_FIELD } from '../../../shared/zk/field';
import { type BiometricFailed } from '../../../shared/contract/zk-errors';

export interface BiometricProvider {
  readonly kind: 'platform' | 'development';
  /** What the UI shows about how the key is captured. */
  readonly label: string;
  /** Asks for the capture (a prompt the person answers) and returns the key's raw material. */
  capture(reason: string): Promise<Uint8Array>;
}

export class BiometricError extends Error {
  constructor(readonly body: BiometricFailed) {
    super(body.message);
    this.name = 'BiometricError';
  }
}

/** The capture's material as a field element (SHA-256, reduced mod r). */
export const bioKeyOf = (material: Uint8Array): bigint => BigInt(`0x${createHash('sha256').update(material).digest('hex')}`) % SNARK_FIELD;

/** For tests, the demo and platforms without a biometric unlock: a seed stands in for the capture. */
export function developmentBiometrics(seed: string): BiometricProvider {
  return {
    kind: 'development',
    label: 'Development capture — not a biometric (test and demo only)',
    async capture() {
      return new TextEncoder().encode(`c3 development biometric ${seed}`);
    },
  };
}

/**
 * Touch ID on macOS (Electron's systemPreferences.promptTouchID): the main process passes the
 * prompt and a key that Electron's safeStorage keeps for this app; this module imports no Electron.
 */
export function platformBiometrics(options: { prompt: (reason: string) => Promise<void>; deviceKey: () => Promise<Uint8Array> }): BiometricProvider {
  return {
    kind: 'platform',
    label: 'Touch ID unlocks a key kept on this Mac',
    async capture(reason) {
      try {
        await options.prompt(reason);
      } catch {
        throw new BiometricError({ kind: 'BiometricFailed', message: 'Touch ID did not confirm it was you.', nextStep: 'Try again, with a finger enrolled in Touch ID.' });
      }
      return options.deviceKey();
    },
  };
}
