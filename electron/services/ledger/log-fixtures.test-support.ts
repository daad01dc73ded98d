/**
 * Logs for the store's tests, made with the project's own builders (shared/commons/fixtures.ts):
 * a genesis, Bob's enrolment, then one PPT mint per entry, each sealed by the treasury's quorum.
 * Real signatures (recovered natively by the store); the fixtures' proof verifier.
 */
import { apply } from '../../../shared/commons/apply';
import { sealEntry } from '../../../shared/commons/build';
import { TREASURY, act, enrolAction, genesisEntry, genesisState, keys, member, testRecoverer, testVerifier } from '../../../shared/commons/fixtures';
import { type Entry } from '../../../shared/commons/log';
import { type CommonsState } from '../../../shared/commons/state';
import { unwrap } from '../../../shared/result';

export const verifier = testVerifier;

/** A valid log of `length` entries (at least 2), and the state after each (states[i]: after entries[0..i]). */
export function testLog(length: number): { entries: Entry[]; states: CommonsState[] } {
  const ctx = { verifier: testVerifier, recoverer: testRecoverer };
  let state = genesisState();
  const entries: Entry[] = [genesisEntry()];
  const states: CommonsState[] = [state];
  const quorum = [keys.steward1, keys.steward2];
  const seal = (actions: Entry['actions']) => {
    const entry = sealEntry(state.commonsId, { seq: state.height, prevHash: state.headHash, time: state.time + 60, actions }, quorum, state.version);
    state = unwrap(apply(state, entry, ctx));
    entries.push(entry);
    states.push(state);
  };
  const bob = member('Bob', 'Guild', [keys.bob], 1, state.commonsId);
  seal([enrolAction(state, bob)]);
  while (entries.length < length) seal([act(state, 'token.mint', TREASURY, { token: 'PPT', to: bob.vault, amount: BigInt(entries.length) * 1_000n }, quorum)]);
  return { entries, states };
}
