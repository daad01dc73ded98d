/**
 * Anonymous one-member-one-vote ballots (SPEC §7): a membership proof over the member tree, with
 * the proposal as the nullifier's scope and the choice as the bound message. The ledger learns
 * that some member voted, and what, but not who; a second ballot of the same member on the same
 * proposal carries the same nullifier and is refused.
 */
import { err, ok } from '../result';
import { CHOICE_CODE, fieldOfHash } from '../zk/field';
import { fail } from './errors';
import { type Handler } from './context';
import { type ActionOf } from './log';
import { useScopeNullifier } from './identity';

export const castAnonymousBallot: Handler<ActionOf<'ballot.anonymous'>> = (state, action, ctx) => {
  const p = action.payload;
  // Membership public signals: [root, nullifier, scope, message] (circuits/membership.circom).
  const expected = [p.root, p.nullifier, String(fieldOfHash(p.proposal)), String(CHOICE_CODE[p.choice])];
  if (p.publicSignals.length !== expected.length || p.publicSignals.some((s, i) => s !== expected[i])) {
    return err(fail('PublicSignalsMismatch', { expected, got: p.publicSignals }));
  }
  if (!state.memberTree.recentRoots.includes(p.root)) return err(fail('UnknownMemberRoot', { root: p.root }));
  const used = useScopeNullifier(state, p.proposal, p.nullifier);
  if (!used.ok) return used;
  if (!ctx.verifier.verify('membership', p.publicSignals, p.proof)) return err(fail('InvalidProof', { circuit: 'membership' }));
  const tally = used.value.ballots[p.proposal] ?? { yes: 0, no: 0, abstain: 0 };
  return ok({ ...used.value, ballots: { ...used.value.ballots, [p.proposal]: { ...tally, [p.choice]: tally[p.choice] + 1 } } });
};
