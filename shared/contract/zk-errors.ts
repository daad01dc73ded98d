/**
 * The prover's and the identity store's errors as they cross the contract (electron/services/
 * prover builds them): the circuits' files, the biometric capture, the identity secret on disk, the
 * proof itself, and the claims a member may not prove. A Commons the app has not verified is the
 * ledger's `UnknownCommons` (./ledger-errors.ts), said in the ledger's words.
 */
import { type CircuitName } from '../zk/types';
import { kindsOf } from './error-kinds';

export type ArtifactProblem =
  | { kind: 'ArtifactMissing'; message: string; nextStep: string; file: string }
  | { kind: 'ArtifactTampered'; message: string; nextStep: string; file: string; expected: string; got: string }
  | { kind: 'ManifestInvalid'; message: string; nextStep: string };

export type BiometricFailed = { kind: 'BiometricFailed'; message: string; nextStep: string };

export type IdentityStoreError =
  | { kind: 'IdentityFileUnreadable'; message: string; nextStep: string; path: string }
  | { kind: 'IdentityKeychainUnavailable'; message: string; nextStep: string; path: string };

/** What the prover's worker answers besides a proof (a cancel is the contract's `Cancelled`). */
export type ProofProblem =
  | { kind: 'WitnessRejected'; message: string; nextStep: string; circuit: CircuitName; detail: string }
  | { kind: 'ProofInvalid'; message: string; nextStep: string; circuit: CircuitName };

/** The member asked to prove what their identity cannot: membership of a tree without them, or a claim their credential does not hold. */
export type ClaimProblem =
  | { kind: 'NotInTree'; message: string; nextStep: string }
  | { kind: 'ClaimNotTrue'; message: string; nextStep: string };

/** Exporting and restoring the member's identity backup (shared/backup/meid-backup-file.ts). */
export type IdentityBackupError =
  | { kind: 'BackupPassphraseTooWeak'; message: string; nextStep: string; minLength: number }
  | { kind: 'BackupPassphraseWrong'; message: string; nextStep: string }
  | { kind: 'BackupTampered'; message: string; nextStep: string }
  | { kind: 'BackupFileRefused'; message: string; nextStep: string; reason: string }
  | { kind: 'IdentityMissing'; message: string; nextStep: string }
  | { kind: 'IdentityWouldBeReplaced'; message: string; nextStep: string };

export type ZkError = ArtifactProblem | BiometricFailed | IdentityStoreError | ProofProblem | ClaimProblem | IdentityBackupError;
export type ZkErrorKind = ZkError['kind'];

/** Reading the identity secret (identity.status and every proof). */
export const IDENTITY_ERRORS = kindsOf<IdentityStoreError['kind']>({ IdentityFileUnreadable: true, IdentityKeychainUnavailable: true });

/** What making any proof may answer with: the files, the capture, the secret, the proof (and the contract's Cancelled). */
export const PROOF_ERRORS = kindsOf<Exclude<ZkErrorKind, ClaimProblem['kind'] | IdentityBackupError['kind']>>({
  ArtifactMissing: true,
  ArtifactTampered: true,
  ManifestInvalid: true,
  BiometricFailed: true,
  IdentityFileUnreadable: true,
  IdentityKeychainUnavailable: true,
  WitnessRejected: true,
  ProofInvalid: true,
});

/** Exporting the identity backup: reading the secret and capturing the key for its commitment, then sealing. */
export const BACKUP_EXPORT_ERRORS = kindsOf<IdentityStoreError['kind'] | BiometricFailed['kind'] | 'BackupPassphraseTooWeak' | 'IdentityMissing'>({
  IdentityFileUnreadable: true,
  IdentityKeychainUnavailable: true,
  BiometricFailed: true,
  BackupPassphraseTooWeak: true,
  IdentityMissing: true,
});

/** Restoring it: the file, the passphrase, and an identity already here. */
export const BACKUP_RESTORE_ERRORS = kindsOf<IdentityStoreError['kind'] | 'BackupPassphraseWrong' | 'BackupTampered' | 'BackupFileRefused' | 'IdentityWouldBeReplaced'>({
  IdentityFileUnreadable: true,
  IdentityKeychainUnavailable: true,
  BackupPassphraseWrong: true,
  BackupTampered: true,
  BackupFileRefused: true,
  IdentityWouldBeReplaced: true,
});
