/** The vaults module's errors (SPEC §3), each with its sentence. */
import { type E, type Sentences, failWith } from '../module';
import { DECIMALS, formatAmount } from '../../money';
import { short, when } from '../words';

const conx = (amount: bigint) => `${formatAmount(amount, DECIMALS.CONX)} CONX`;

export type VaultsError =
  | E<'InvalidThreshold', { threshold: number; signers: number; max: number }>
  | E<'DuplicateSigner', { signer: string }>
  | E<'VaultAddressMismatch', { expected: string; got: string }>
  | E<'OwnerNotSigner', { owner: string }>
  | E<'NotAMemberVault', { vault: string }>
  | E<'NotACommonsVault', { vault: string }>
  | E<'SpendLimitExceeded', { vault: string; limit: bigint; spent: bigint; amount: bigint; periodStart: number; periodEnd: number }>;

export const vaultsSentences: Sentences<VaultsError> = {
  InvalidThreshold: (e) => `A threshold of ${e.threshold} with ${e.signers} signer${e.signers === 1 ? '' : 's'} is not allowed: it must be between 1 and the number of signers, and a vault has at most ${e.max} signers.`,
  DuplicateSigner: (e) => `${short(e.signer)} appears twice among the signers.`,
  VaultAddressMismatch: (e) => `The vault's address should be ${short(e.expected)} (derived from its signers and threshold), not ${short(e.got)}.`,
  OwnerNotSigner: (e) => `The vault's owner ${short(e.owner)} must be one of its signers.`,
  NotAMemberVault: (e) => `${short(e.vault)} is not a member's vault.`,
  NotACommonsVault: (e) => `${short(e.vault)} is not a Commons vault: only Commons vaults carry a spend limit.`,
  SpendLimitExceeded: (e) =>
    `${short(e.vault)} may spend at most ${conx(e.limit)} between ${when(e.periodStart)} and ${when(e.periodEnd)}; it has spent ${conx(e.spent)} in that period, so ${conx(e.amount)} more would take it to ${conx(e.spent + e.amount)}. A spend above the limit needs a governance vote.`,
};

export const fail = failWith<VaultsError>(vaultsSentences);
