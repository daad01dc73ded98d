/**
 * The prover's and the identity store's errors (shared/contract/zk-errors.ts) in words. A proof
 * the member's identity cannot make (not in the tree, a claim their credential does not hold) is
 * said as theirs to change, not as a failure of the app or of the Commons.
 */
import { type ZkError } from '../../../shared/contract/zk-errors';
import { type WordsFor, withNext } from './words';

export const zkWords: WordsFor<ZkError> = {
  ArtifactMissing: (e) => withNext('A circuit file is missing', e.message, e.nextStep),
  ArtifactTampered: (e) => withNext('A circuit file was altered', e.message, e.nextStep),
  ManifestInvalid: (e) => withNext('The circuits’ manifest cannot be read', e.message, e.nextStep),
  BiometricFailed: (e) => withNext('The capture did not confirm it was you', `${e.message} Nothing was proved or sent.`, e.nextStep),
  IdentityFileUnreadable: (e) => withNext('Your identity file cannot be read', e.message, e.nextStep),
  IdentityKeychainUnavailable: (e) => withNext('The system keychain is not available', e.message, e.nextStep),
  WitnessRejected: (e) => withNext('The proof could not be made', e.message, e.nextStep),
  ProofInvalid: (e) => withNext('The proof did not verify', e.message, e.nextStep),
  NotInTree: (e) => withNext('Your identity is not among this Commons’ members yet', `${e.message} Nothing was proved or sent.`, e.nextStep),
  ClaimNotTrue: (e) => withNext('Your credential does not support that claim', `${e.message} Nothing was proved or sent.`, e.nextStep),
  BackupPassphraseTooWeak: (e) => withNext('Choose a stronger passphrase', `${e.message} No backup was written.`, e.nextStep),
  BackupPassphraseWrong: (e) => withNext('That passphrase does not open this backup', 'Nothing was restored and nothing on this machine changed.', e.nextStep),
  BackupTampered: (e) => withNext('This identity backup was altered', e.message, e.nextStep),
  BackupFileRefused: (e) => withNext('This is not an identity backup C3 Vault can read', `${e.message} Nothing was restored.`, e.nextStep),
  IdentityMissing: (e) => withNext('There is no identity on this machine to back up', e.message, e.nextStep),
  IdentityWouldBeReplaced: (e) => withNext('Another identity is already on this machine', `${e.message} Nothing was restored.`, e.nextStep),
};
