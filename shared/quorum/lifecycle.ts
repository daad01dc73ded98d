/**
 * Where a signing request stands, checked against the verified ledger (SPEC §3, §11):
 *
 *   collecting → ready → submitted → executed | superseded | expired
 *
 * A pure function of the request, what the verified ledger says, and what this app did with it
 * (when it handed the request to the stewards): nothing a file says about itself counts. The
 * ledger decides the end states. Its vault's nonce moved past the action's: the ledger holds an
 * action at that nonce, and it is this one (executed, same digest) or another (superseded; this
 * one can never execute now). The ledger's time (its last entry's, never this machine's clock)
 * reached validUntil: expired, the ledger refuses it from now on. Otherwise the request is ready
 * once its quorum is met (authority.ts), and submitted once this app handed it over.
 */
import { type Hex } from '../crypto/canonical';
import { toHexString } from '../crypto/eip712';
import { type Entry } from '../commons/log';
import { actionDigest } from '../commons/quorum';
import { type Result, err, ok } from '../result';
import { signedDigest } from './action';
import { type Authority, type LedgerAuthorityView, type StillNeeded, authorityOf, stillNeeded } from './authority';
import { type RequestProblem } from './errors';
import { type SigningRequest } from './request';

/** The action the verified log holds as a vault's action number n, and the entry it is in. */
export interface ExecutedAction {
  readonly seq: number;
  /** Its VaultAction digest (what its signers signed). */
  readonly digest: Hex;
}

export interface LedgerFacts {
  /** The time of the last verified entry, in seconds: the ledger's clock, never this machine's. */
  readonly time: number;
  /** The vaults (signers, threshold, nonce) and members as the verified ledger holds them. */
  readonly view: LedgerAuthorityView;
  /** The action the verified log executed as `vault`'s action number `nonce`, or null when it holds none. */
  readonly executedAt: (vault: string, nonce: number) => ExecutedAction | null;
}

export interface LocalFacts {
  /** The signers whose signature recovers to them over this action's digest (signatures.ts). */
  readonly valid: readonly string[];
  /** When this app handed the request, with its quorum, to the stewards (seconds), or null. */
  readonly submittedAt: number | null;
}

export type RequestState =
  | { readonly state: 'collecting'; readonly authority: Authority; readonly needed: StillNeeded }
  | { readonly state: 'ready'; readonly authority: Authority; readonly needed: StillNeeded }
  | { readonly state: 'submitted'; readonly authority: Authority; readonly needed: StillNeeded; readonly at: number }
  | { readonly state: 'executed'; readonly seq: number }
  /** The vault's action number went to another action (in entry `seq`, when the ledger says which). */
  | { readonly state: 'superseded'; readonly seq: number | null; readonly nonce: number }
  | { readonly state: 'expired'; readonly validUntil: number; readonly ledgerTime: number };

export type RequestStateName = RequestState['state'];

export function requestState(request: SigningRequest, ledger: LedgerFacts, local: LocalFacts): Result<RequestState, RequestProblem> {
  const { action } = request;
  const vault = ledger.view.vaults.find((v) => v.address.toLowerCase() === action.vault);
  // A vault's nonce moves on with each action it executes, creation included (nonce 0).
  if (vault && vault.nonce > action.nonce) {
    const done = ledger.executedAt(action.vault, action.nonce);
    const digest = toHexString(signedDigest(request.commonsId, action));
    if (done && done.digest === digest) return ok({ state: 'executed', seq: done.seq });
    return ok({ state: 'superseded', seq: done?.seq ?? null, nonce: action.nonce });
  }
  // The ledger refuses an action sequenced at or after validUntil (SPEC §3), and its time never goes back.
  if (ledger.time >= action.validUntil) return ok({ state: 'expired', validUntil: action.validUntil, ledgerTime: ledger.time });
  const authority = authorityOf(ledger.view, action);
  if (!authority.ok) return err(authority.error);
  const needed = stillNeeded(authority.value, local.valid);
  if (local.submittedAt !== null) return ok({ state: 'submitted', authority: authority.value, needed, at: local.submittedAt });
  return ok({ state: needed.met ? 'ready' : 'collecting', authority: authority.value, needed });
}

/**
 * The action a verified log executed as `vault`'s action number `nonce`, searched from the newest
 * entry back. Genesis and anonymous ballots name the treasury at nonce 0 without using its nonce,
 * so they are never it.
 */
export function findExecuted(entries: readonly Pick<Entry, 'seq' | 'actions'>[], commonsId: Hex, vault: string, nonce: number): ExecutedAction | null {
  const address = vault.toLowerCase();
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    for (const action of entry.actions) {
      if (action.kind === 'commons.genesis' || action.kind === 'ballot.anonymous') continue;
      if (action.vault === address && action.nonce === nonce) return { seq: entry.seq, digest: toHexString(actionDigest(commonsId, action)) };
    }
  }
  return null;
}
