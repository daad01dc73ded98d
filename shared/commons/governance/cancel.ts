/**
 * `proposal.cancel` (SPEC §7): its author, from the vault that created it, while it is pending
 * (before voting starts, as OpenZeppelin's Governor allows). SPEC §7 also says that what was burned
 * on a cancelled proposal is re-minted to the voters: `withdrawProposal` does that for every ballot.
 * Through `proposal.cancel` no ballot can exist yet (votes start when the proposal is active), so
 * there the re-mint is of nothing; it is written for the whole rule, and tested on ballots.
 */
import { type Result, err, ok } from '../../result';
import { type Handler, type ModuleError } from '../module';
import { type ActionWith } from '../schema';
import { type CommonsState } from '../state';
import { mintTo } from '../tokens/handlers';
import { fail } from './errors';
import { proposalState } from './machine';
import { type ProposalCancelPayload } from './payloads';
import { type Proposal } from './state';

/** Cancels a proposal, re-minting every burn ballot's tokens to the vault that burned them, exactly. */
export function withdrawProposal<S extends CommonsState>(state: S, proposal: Proposal, time: number): Result<S, ModuleError> {
  let next = state;
  if (proposal.voting.mode === 'burn') {
    for (const ballot of proposal.voting.ballots.values()) {
      const minted = mintTo(next, ballot.vault, ballot.token, ballot.amount);
      if (!minted.ok) return minted;
      next = minted.value;
    }
  }
  return ok({ ...next, proposals: next.proposals.set(proposal.id, { ...proposal, canceledAt: time }) });
}

export const cancelProposal: Handler<ActionWith<'proposal.cancel', typeof ProposalCancelPayload>> = (state, action, ctx) => {
  const id = action.payload.proposal;
  const proposal = state.proposals.get(id);
  if (!proposal) return err(fail('UnknownProposal', { proposal: id }));
  if (action.vault !== proposal.authorVault) return err(fail('NotProposalAuthor', { proposal: id, vault: action.vault }));
  const now = proposalState(proposal, ctx.time);
  if (now !== 'pending') return err(fail('ProposalNotPending', { proposal: id, state: now, startsAt: proposal.startsAt, time: ctx.time }));
  return withdrawProposal(state, proposal, ctx.time);
};
