/**
 * The stewards' inbox (SPEC §11): signed actions received as files or QR, each run against the
 * current verified state, in order, with every rule and its signatures, as the next entry would run
 * them. A refused action is set aside with its reason and the state stays as it was; the actions
 * accepted make the batch the stewards seal as the next entry, so a refused one is never sealed.
 */
import { type Hex } from '../crypto/canonical';
import { applyAction, onTime } from '../commons/apply';
import { type ActionContext, type LedgerContext } from '../commons/context';
import { type CommonsError } from '../commons/errors';
import { type Action, type Entry } from '../commons/log';
import { entryHash } from '../commons/quorum';
import { type CommonsState } from '../commons/state';

export type Verdict = { readonly accepted: true } | { readonly accepted: false; readonly refusal: CommonsError };

export interface CheckedBatch {
  /** One per action received, in order. */
  readonly verdicts: readonly Verdict[];
  /** The next entry without its sequencer signatures: the accepted actions only. */
  readonly entry: Entry | null;
  /** Its digest, which each steward signs and compares with their device's screen. */
  readonly digest: Hex | null;
}

/** Runs `actions` in order on top of `state` at the next entry's `time` (never before the head's). */
export function checkBatch(state: CommonsState, actions: readonly Action[], ctx: LedgerContext, time: number): CheckedBatch {
  const at = Math.max(time, state.time);
  const actionCtx: ActionContext = { ...ctx, time: at };
  let next = onTime(state, state.time, at);
  const verdicts: Verdict[] = [];
  const accepted: Action[] = [];
  for (const action of actions) {
    const result = applyAction(next, action, actionCtx);
    if (result.ok) {
      next = result.value;
      accepted.push(action);
      verdicts.push({ accepted: true });
    } else verdicts.push({ accepted: false, refusal: result.error });
  }
  if (accepted.length === 0) return { verdicts, entry: null, digest: null };
  const body = { seq: state.height, prevHash: state.headHash, time: at, actions: accepted };
  return { verdicts, entry: { v: state.version, ...body, sequencerSigs: [] }, digest: entryHash(state.commonsId, body) };
}
