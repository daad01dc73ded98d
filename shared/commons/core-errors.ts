/**
 * The core's errors: the log and its entries (SPEC §11), who must sign an action (SPEC §3), member
 * DIDs (SPEC §1) and the public signals of proofs. Each module declares its own beside it
 * (`<module>/errors.ts`); `errors.ts` composes them all into `CommonsError`.
 */
import { type E, type Sentences, failWith } from './module';
import { short, when } from './words';

export type CoreError =
  // log and entry (SPEC §11)
  | E<'MalformedEntry', { issues: string[] }>
  | E<'UnsupportedVersion', { version: number; supported: number }>
  | E<'SeqMismatch', { expected: number; got: number }>
  | E<'PrevHashMismatch', { expected: string; got: string }>
  | E<'TimeWentBackwards', { previous: number; time: number }>
  | E<'SequencerQuorumNotMet', { have: number; need: number }>
  | E<'GenesisInvalid', { reason: string }>
  | E<'DuplicateJsonKey', { key: string; path: string }>
  // who must sign (SPEC §3)
  | E<'UnknownVault', { vault: string }>
  | E<'NonceMismatch', { vault: string; expected: number; got: number }>
  | E<'ActionExpired', { validUntil: number; time: number }>
  | E<'SignaturesNotSorted', { index: number }>
  | E<'BadSignature', { signer: string; index: number }>
  | E<'NotASigner', { signer: string }>
  | E<'ThresholdNotMet', { have: number; need: number }>
  | E<'VaultExists', { vault: string }>
  | E<'NotTreasury', { vault: string }>
  | E<'AnonymousActionShape', { reason: string }>
  | E<'MemberDidNotSign', { did: string; key: string }>
  | E<'AuthorityUnavailable', { action: string; authority: string }>
  // member DIDs (SPEC §1)
  | E<'InvalidDid', { did: string }>
  | E<'UnsupportedDid', { did: string; reason: string }>
  // proofs and their public signals (SPEC §1, §7)
  | E<'InvalidProof', { circuit: string }>
  | E<'PublicSignalsMismatch', { expected: string[]; got: string[] }>
  | E<'NonCanonicalField', { what: string; value: string }>;

export const coreSentences: Sentences<CoreError> = {
  MalformedEntry: (e) => `The entry is not in the ledger format: ${e.issues.join('; ')}.`,
  UnsupportedVersion: (e) => `The entry is format version ${e.version}; this app reads version ${e.supported}. Update C3 Vault.`,
  SeqMismatch: (e) => `Entries are out of order: expected entry ${e.expected}, found entry ${e.got} (one was dropped, swapped or repeated).`,
  PrevHashMismatch: (e) => `The entry does not follow the one before it: it names ${short(e.got)} as its predecessor, but that entry hashes to ${short(e.expected)}.`,
  TimeWentBackwards: (e) => `The entry is dated ${when(e.time)}, before the entry it follows (${when(e.previous)}).`,
  SequencerQuorumNotMet: (e) => `Only ${e.have} of the ${e.need} sequencer signatures needed to seal an entry are valid.`,
  GenesisInvalid: (e) => `The genesis entry is not valid: ${e.reason}.`,
  DuplicateJsonKey: (e) => `The entry names the key "${e.key}" twice (at ${e.path}); readers could disagree on which value counts, so it is refused.`,
  UnknownVault: (e) => `No vault ${short(e.vault)} exists in this Commons.`,
  NonceMismatch: (e) => `Vault ${short(e.vault)} expects its action number ${e.expected}, but this action is number ${e.got} (replayed, or out of order).`,
  ActionExpired: (e) => `The action was valid until ${when(e.validUntil)}, but was sequenced at ${when(e.time)}.`,
  SignaturesNotSorted: (e) => `Signature ${e.index} is out of order: signatures must be sorted by signer address.`,
  BadSignature: (e) => `Signature ${e.index} does not come from its signer ${short(e.signer)}: the action was changed after it was signed, or the signature is corrupt.`,
  NotASigner: (e) => `${short(e.signer)} is not a signer of this vault.`,
  ThresholdNotMet: (e) => `The action has ${e.have} valid signature${e.have === 1 ? '' : 's'}; the vault needs ${e.need}.`,
  VaultExists: (e) => `A vault ${short(e.vault)} already exists.`,
  NotTreasury: (e) => `Only the Commons treasury may do this; ${short(e.vault)} is not the treasury.`,
  AnonymousActionShape: (e) => `The anonymous action is malformed: ${e.reason}.`,
  MemberDidNotSign: (e) => `The action speaks for the member ${e.did}, but their own key ${short(e.key)} did not sign it.`,
  AuthorityUnavailable: (e) => `A ${e.action} action executes only under a ${e.authority.replace('-', ' ')}, which this version of the ledger cannot yet check (it comes with governance, SPEC §7).`,
  InvalidDid: (e) => `${e.did} is not a did:pkh for an Ethereum address, nor a did:key.`,
  UnsupportedDid: (e) => `${e.did} cannot sign for a member: ${e.reason}.`,
  InvalidProof: (e) => `The zero-knowledge proof (${e.circuit}) does not verify.`,
  PublicSignalsMismatch: (e) => `The proof is about other values than the action claims (${e.got.length} public signals do not match the ${e.expected.length} expected).`,
  NonCanonicalField: (e) => `The ${e.what} ${short(e.value)} is not in canonical form: a field element must be a decimal below the field modulus, without leading zeros, and an id below it too (otherwise one value would have two names).`,
};

export const fail = failWith<CoreError>(coreSentences);
