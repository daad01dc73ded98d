/**
 * The fold of SPEC §11, composed from the registered modules (compose.ts, registry.ts). An entry
 * is valid when it follows the head (seq, prevHash, time), the treasury quorum signed it as
 * sequencer, and every action in it is valid in order, each under its authority (authority.ts:
 * quorum of current signers, nonce, validUntil — SPEC §3). Time passes (`onTime`) before an
 * entry's actions. Any failure rejects the whole entry and returns the error; the state passed in
 * is never modified.
 */
import { type Hex, canonicalHash } from '../crypto/canonical';
import { type Result } from '../result';
import { type ActionContext, type LedgerContext } from './context';
import { type CommonsError, type LedgerError } from './errors';
import { commons } from './ledger';
import { type Action, type Entry } from './log';
import { plainState } from './plain';
import { type CommonsState } from './state';

export type { LedgerContext, ActionContext } from './context';
export { commonsIdOf } from './compose';

export const genesis: (entry: Entry, ctx: LedgerContext) => Result<CommonsState, LedgerError> = commons.genesis;

/** Applies entry `state.height` on top of `state`. */
export const apply: (state: CommonsState, entry: Entry, ctx: LedgerContext) => Result<CommonsState, LedgerError> = commons.apply;

/** Applies one vault action: its authority (quorum, nonce, expiry), its handler, then the nonce moves on. */
export const applyAction: (state: CommonsState, action: Action, ctx: ActionContext) => Result<CommonsState, CommonsError> = commons.applyAction;

/**
 * Runs an action that is still being signed against the current verified state, with every rule
 * but its signatures: what a composer checks before any device is asked (a transfer of a token
 * that never moves, an expired request, a stale nonce), so that no one signs what cannot execute.
 */
export const preflightAction: (state: CommonsState, action: Omit<Action, 'sigs'>, ctx: ActionContext) => Result<CommonsState, CommonsError> = commons.preflightAction;

/** Folds a whole log from genesis. */
export const fold: (entries: Iterable<Entry>, ctx: LedgerContext) => Result<CommonsState, LedgerError> = commons.fold;

/** Time passing from `from` to `to`: every module's time step (run by `apply` before an entry's actions). */
export const onTime: (state: CommonsState, from: number, to: number) => CommonsState = commons.onTime;

/** A hash of the whole state, to compare two replays (canonical encoding of its plain form, amounts as strings). */
export const stateHash = (state: CommonsState): Hex => canonicalHash(plainState(state));
