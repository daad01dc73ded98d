/**
 * Every rule the ledger enforces, as a typed error that names it and carries the numbers
 * (SPEC §0: rejected whole, state left exactly as it was). Amounts stay bigint here; `toWireError`
 * writes them as decimal strings where an error crosses a boundary.
 */
import { bigintReplacer } from '../result';
import { type CommonsToken, formatAsset } from '../money';
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
  | E<'DuplicateJsonKey', { key: string; path: string }>
  | E<'ParamOutOfBounds', { param: string; value: number; relation: '<' | '≤' | '≥'; bound: number }>
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
  | E<'NonCanonicalField', { what: string; value: string }>
  | E<'UnsupportedDid', { did: string; reason: string }>
  | E<'MemberDidNotSign', { did: string; key: string }>
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

const short = (hex: string) => (hex.length > 14 ? `${hex.slice(0, 8)}…${hex.slice(-4)}` : hex);
const when = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

/**
 * Every rule in plain words, with its numbers: what `c3 verify` prints and what the app shows.
 * A mapped type, so that a new kind of error cannot be added without its sentence.
 */
const EXPLAIN: { [K in CommonsErrorKind]: (e: Extra<K>) => string } = {
  MalformedEntry: (e) => `The entry is not in the ledger format: ${e.issues.join('; ')}.`,
  UnsupportedVersion: (e) => `The entry is format version ${e.version}; this app reads version ${e.supported}. Update C3 Vault.`,
  SeqMismatch: (e) => `Entries are out of order: expected entry ${e.expected}, found entry ${e.got} (one was dropped, swapped or repeated).`,
  PrevHashMismatch: (e) => `The entry does not follow the one before it: it names ${short(e.got)} as its predecessor, but that entry hashes to ${short(e.expected)}.`,
  TimeWentBackwards: (e) => `The entry is dated ${when(e.time)}, before the entry it follows (${when(e.previous)}).`,
  SequencerQuorumNotMet: (e) => `Only ${e.have} of the ${e.need} sequencer signatures needed to seal an entry are valid.`,
  GenesisInvalid: (e) => `The genesis entry is not valid: ${e.reason}.`,
  DuplicateJsonKey: (e) => `The entry names the key "${e.key}" twice (at ${e.path}); readers could disagree on which value counts, so it is refused.`,
  ParamOutOfBounds: (e) => `The parameter ${e.param} is ${e.value}; it must be ${e.relation} ${e.bound} (SPEC §4 and the bounds of docs/ledger-format.md).`,
  UnknownVault: (e) => `No vault ${short(e.vault)} exists in this Commons.`,
  NonceMismatch: (e) => `Vault ${short(e.vault)} expects its action number ${e.expected}, but this action is number ${e.got} (replayed, or out of order).`,
  ActionExpired: (e) => `The action was valid until ${when(e.validUntil)}, but was sequenced at ${when(e.time)}.`,
  SignaturesNotSorted: (e) => `Signature ${e.index} is out of order: signatures must be sorted by signer address.`,
  BadSignature: (e) => `Signature ${e.index} does not come from its signer ${short(e.signer)}: the action was changed after it was signed, or the signature is corrupt.`,
  NotASigner: (e) => `${short(e.signer)} is not a signer of this vault.`,
  ThresholdNotMet: (e) => `The action has ${e.have} valid signature${e.have === 1 ? '' : 's'}; the vault needs ${e.need}.`,
  InvalidThreshold: (e) => `A threshold of ${e.threshold} with ${e.signers} signer${e.signers === 1 ? '' : 's'} is not allowed: it must be between 1 and the number of signers, and a vault has at most ${e.max} signers.`,
  DuplicateSigner: (e) => `${short(e.signer)} appears twice among the signers.`,
  VaultExists: (e) => `A vault ${short(e.vault)} already exists.`,
  VaultAddressMismatch: (e) => `The vault's address should be ${short(e.expected)} (derived from its signers and threshold), not ${short(e.got)}.`,
  OwnerNotSigner: (e) => `The vault's owner ${short(e.owner)} must be one of its signers.`,
  NotTreasury: (e) => `Only the Commons treasury may do this; ${short(e.vault)} is not the treasury.`,
  NotAMemberVault: (e) => `${short(e.vault)} is not a member's vault.`,
  NotAMember: (e) => `${e.who} is not a member of this Commons.`,
  AlreadyMember: (e) => `${e.did} is already a member.`,
  DuplicateNullifier: () => 'This person is already enrolled in this Commons: the uniqueness nullifier has been used.',
  DuplicateScopeNullifier: () => 'This member has already voted (or presented) in this scope: the nullifier has been used.',
  UnknownAttestor: (e) => `${short(e.attestor)} is not an attestor of this Commons.`,
  BadAttestation: (e) => `The attestation does not come from the attestor ${short(e.attestor)}, or is not over this enrolment.`,
  InvalidProof: (e) => `The zero-knowledge proof (${e.circuit}) does not verify.`,
  PublicSignalsMismatch: (e) => `The proof is about other values than the action claims (${e.got.length} public signals do not match the ${e.expected.length} expected).`,
  InvalidDid: (e) => `${e.did} is not a did:pkh for an Ethereum address, nor a did:key.`,
  FactionCooldown: (e) => `A member may change faction once per cool-down: the last change was at ${when(e.since)}, the next is allowed from ${when(e.until)}.`,
  SameFaction: (e) => `The member is already in the ${e.faction}.`,
  AttestorExists: (e) => `${short(e.attestor)} is already an attestor.`,
  UnknownMemberRoot: (e) => `The proof is against member tree root ${short(e.root)}, which is not one of the Commons' recent roots.`,
  AnonymousActionShape: (e) => `The anonymous action is malformed: ${e.reason}.`,
  NonCanonicalField: (e) => `The ${e.what} ${short(e.value)} is not in canonical form: a field element must be a decimal below the field modulus, without leading zeros, and an id below it too (otherwise one value would have two names).`,
  UnsupportedDid: (e) => `${e.did} cannot sign for a member: ${e.reason}.`,
  MemberDidNotSign: (e) => `The action speaks for the member ${e.did}, but their own key ${short(e.key)} did not sign it.`,
  InvalidAmount: (e) => `The amount ${e.amount.toString()} (minor units) is not valid: an amount must be above zero.`,
  InsufficientBalance: (e) => `Vault ${short(e.vault)} holds ${formatAsset(e.have, e.token)} and needs ${formatAsset(e.need, e.token)}.`,
  NonTransferable: (e) => `${e.token} cannot be transferred (SPEC §2).`,
  CommOutsideOwnVaults: (e) => `COMM moves only between a member's own vaults; ${short(e.from)} and ${short(e.to)} belong to different members.`,
  MintNotAllowed: (e) => `${e.token} is never minted directly: it comes only from burning PPT or from VELOC draws.`,
  RoleTokenFaction: (e) => `${e.token} is for members of the ${e.needs}; this member is in the ${e.faction}.`,
  HolderNotAllowed: (e) => `Vault ${short(e.vault)} may not hold ${e.token}: Commons vaults hold CONX only, and a member's vault only while its owner is a member.`,
  SelfTransfer: (e) => `A transfer from vault ${short(e.vault)} to itself does nothing.`,
};

/** Builds a typed error; its message says the rule in plain words, with the numbers. */
export function fail<K extends CommonsErrorKind>(kind: K, extra: Extra<K>): Extract<CommonsError, { kind: K }> {
  const explain = EXPLAIN[kind] as (e: Extra<K>) => string;
  return { kind, message: explain(extra), ...extra } as unknown as Extract<CommonsError, { kind: K }>;
}

/** The wire form of an error: amounts as decimal strings (shared/contract/errors.ts `AppError`). */
export const toWireError = (error: CommonsError | LedgerError): Record<string, unknown> & { kind: string; message: string } =>
  JSON.parse(JSON.stringify(error, bigintReplacer)) as Record<string, unknown> & { kind: string; message: string };
