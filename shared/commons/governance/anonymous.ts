/**
 * One member, one vote on a registered proposal (SPEC §7), for the ballots module: from log
 * version 2 an anonymous ballot names a registered proposal of a one-member-one-vote kind, while
 * its vote is open, with a proof against exactly the member-tree root recorded at its creation (no
 * later and no older root: no one enrolled or removed since changes the electorate).
 */
import { type Result, err, ok } from '../../result';
import { type ModuleError } from '../module';
import { type CommonsState } from '../state';
import { fail } from './errors';
import { proposalState } from './machine';
import { type Support } from './payloads';

/** Refuses a ballot that does not fit its registered proposal; ok otherwise. */
export function checkRegisteredBallot(state: CommonsState, id: string, root: string, time: number): Result<null, ModuleError> {
  const proposal = state.proposals.get(id);
  if (!proposal) return err(fail('UnknownProposal', { proposal: id }));
  if (proposal.voting.mode !== 'anonymous') return err(fail('NotAnonymousProposal', { proposal: id, proposalKind: proposal.kind }));
  const now = proposalState(proposal, time);
  if (now !== 'active') return err(fail('VotingNotOpen', { proposal: id, state: now, startsAt: proposal.startsAt, endsAt: proposal.endsAt, time }));
  if (root !== proposal.voting.root) return err(fail('BallotRootMismatch', { proposal: id, root, recorded: proposal.voting.root }));
  return ok(null);
}

/** Counts a checked ballot in its proposal. */
export function countAnonymousBallot<S extends CommonsState>(state: S, id: string, choice: Support): S {
  const proposal = state.proposals.get(id);
  if (!proposal || proposal.voting.mode !== 'anonymous') return state;
  const tally = proposal.voting.tally;
  return { ...state, proposals: state.proposals.set(id, { ...proposal, voting: { ...proposal.voting, tally: { ...tally, [choice]: tally[choice] + 1 } } }) };
}
