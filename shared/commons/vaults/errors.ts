/** The vaults module's errors (SPEC §3), each with its sentence. */
import { type E, type Sentences, failWith } from '../module';
import { short } from '../words';

export type VaultsError =
  | E<'InvalidThreshold', { threshold: number; signers: number; max: number }>
  | E<'DuplicateSigner', { signer: string }>
  | E<'VaultAddressMismatch', { expected: string; got: string }>
  | E<'OwnerNotSigner', { owner: string }>
  | E<'NotAMemberVault', { vault: string }>;

export const vaultsSentences: Sentences<VaultsError> = {
  InvalidThreshold: (e) => `A threshold of ${e.threshold} with ${e.signers} signer${e.signers === 1 ? '' : 's'} is not allowed: it must be between 1 and the number of signers, and a vault has at most ${e.max} signers.`,
  DuplicateSigner: (e) => `${short(e.signer)} appears twice among the signers.`,
  VaultAddressMismatch: (e) => `The vault's address should be ${short(e.expected)} (derived from its signers and threshold), not ${short(e.got)}.`,
  OwnerNotSigner: (e) => `The vault's owner ${short(e.owner)} must be one of its signers.`,
  NotAMemberVault: (e) => `${short(e.vault)} is not a member's vault.`,
};

export const fail = failWith<VaultsError>(vaultsSentences);
