/**
 * The errors of the stewards' and invitees' rows (shared/contract/stewards.ts): an invite that is
 * not one, a ledger that is not the invited Commons, a Commons whose proofs are made under other
 * verification keys, an entry to seal that does not follow the head. Their sentences are written
 * once, in electron/services/ledger/stewards-errors.ts; the renderer's words in
 * renderer/ui/errors/stewards.ts.
 */
import { kindsOf } from './error-kinds';

export type StewardsError =
  /** A file opened as an invite that is not a `c3-commons-invite/1` file. */
  | { readonly kind: 'InviteInvalid'; readonly message: string; readonly reason: string }
  /** No invite to that Commons was opened in this app. */
  | { readonly kind: 'NoSuchInvite'; readonly message: string; readonly commonsId: string }
  /** The ledger offered to join an invited Commons is another Commons (or another genesis of it). */
  | { readonly kind: 'InviteMismatch'; readonly message: string; readonly commonsId: string; readonly reason: string }
  /** The genesis states verification keys that are not this app's (a proof under them would never verify here). */
  | { readonly kind: 'ZkKeysDiffer'; readonly message: string; readonly circuit: string; readonly stated: string; readonly ours: string }
  /** An entry to seal that does not follow the stored head (another steward sealed first, or a stale batch). */
  | { readonly kind: 'SealNotNext'; readonly message: string; readonly seq: number; readonly height: number };

export type StewardsErrorKind = StewardsError['kind'];

export const INVITE_ERRORS = kindsOf<'InviteInvalid'>({ InviteInvalid: true });
export const JOIN_ERRORS = kindsOf<'NoSuchInvite' | 'InviteMismatch' | 'ZkKeysDiffer'>({ NoSuchInvite: true, InviteMismatch: true, ZkKeysDiffer: true });
