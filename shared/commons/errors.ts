/**
 * Every rule the ledger enforces, as a typed error that names it and carries the numbers
 * (SPEC §0: rejected whole, state left exactly as it was). Amounts stay bigint here; `toWireError`
 * writes them as decimal strings where an error crosses a boundary.
 */
import { bigintReplacer } from '../result';
import { type CommonsToken } from '../money';
import { type Faction } from './state';

type E<K extends string, Extra = object> = { readonly kind: K; readonly message: string } & Extra;

export type CommonsError =
  // log and entry (SPEC §11)
  | E<'MalformedEntry', { issues: string[] }>
  | E<'UnsupportedVersion', { version: number; supported: number }>
  | E<'SeqMismatch', { expected: number; got: number }>
  | E<'PrevHashMismatch', { expected: string; got: string }>
  | E<'TimeWentBackwards', { previous: number; time: number }>
  | E<'SequencerQuorumNotMet', { have: number; need: number }>
  | E<'GenesisInvalid', { reason: string }>
  // quorum signing (SPEC §3)
  | E<'UnknownVault', { vault: string }>
  | E<'NonceMismatch', { vault: string; expected: number; got: number }>
  | E<'ActionExpired', { validUntil: number; time: number }>
  | E<'SignaturesNotSorted', { index: number }>
  | E<'BadSignature', { signer: string; index: number }>
  | E<'NotASigner', { signer: string }>
  | E<'ThresholdNotMet', { have: number; need: number }>
  | E<'InvalidThreshold', { threshold: number; signers: number; max: number }>
  | E<'DuplicateSigner', { signer: string }>
  | E<'VaultExists', { vault: string }>
  | E<'VaultAddressMismatch', { expected: string; got: string }>
  | E<'OwnerNotSigner', { owner: string }>
  | E<'NotTreasury', { vault: string }>
  | E<'NotAMemberVault', { vault: string }>
  // identity (SPEC §1)
  | E<'NotAMember', { who: string }>
  | E<'AlreadyMember', { did: string }>
  | E<'DuplicateNullifier', { nullifier: string }>
  | E<'DuplicateScopeNullifier', { scope: string; nullifier: string }>
  | E<'UnknownAttestor', { attestor: string }>
  | E<'BadAttestation', { attestor: string }>
  | E<'InvalidProof', { circuit: string }>
  | E<'PublicSignalsMismatch', { expected: string[]; got: string[] }>
  | E<'InvalidDid', { did: string }>
  | E<'FactionCooldown', { since: number; until: number; time: number }>
  | E<'SameFaction', { faction: Faction }>
  | E<'AttestorExists', { attestor: string }>
  | E<'UnknownMemberRoot', { root: string }>
  | E<'AnonymousActionShape', { reason: string }>
  // tokens (SPEC §2)
  | E<'InvalidAmount', { amount: bigint }>
  | E<'InsufficientBalance', { vault: string; token: CommonsToken; have: bigint; need: bigint }>
  | E<'NonTransferable', { token: CommonsToken }>
  | E<'CommOutsideOwnVaults', { from: string; to: string }>
  | E<'MintNotAllowed', { token: CommonsToken }>
  | E<'RoleTokenFaction', { token: CommonsToken; faction: Faction; needs: Faction }>
  | E<'HolderNotAllowed', { vault: string; token: CommonsToken }>
  | E<'SelfTransfer', { vault: string }>;

export type CommonsErrorKind = CommonsError['kind'];

/** Where in the log an error happened: entry `seq`, and the action's index inside it if any. */
export type LedgerError = CommonsError & { readonly seq: number; readonly action?: number };

type Extra<K extends CommonsErrorKind> = Omit<Extract<CommonsError, { kind: K }>, 'kind' | 'message'>;

/** Builds a typed error; the message is written from the numbers so that logs read well. */
export function fail<K extends CommonsErrorKind>(kind: K, extra: Extra<K>, message?: string): Extract<CommonsError, { kind: K }> {
  const details = JSON.stringify(extra, bigintReplacer);
  return { kind, message: message ?? `${kind} ${details}`, ...extra } as unknown as Extract<CommonsError, { kind: K }>;
}

/** The wire form of an error: amounts as decimal strings (shared/contract/errors.ts `AppError`). */
export const toWireError = (error: CommonsError | LedgerError): Record<string, unknown> & { kind: string; message: string } =>
  JSON.parse(JSON.stringify(error, bigintReplacer)) as Record<string, unknown> & { kind: string; message: string };
