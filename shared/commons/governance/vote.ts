/**
 * `proposal.vote` (SPEC §7): a member burns PPT or a role token of a faction in scope; the weight
 * is the amount burned, never more than the member held at the snapshot; one ballot per member per
 * proposal, final. PPT counts in the voter's primary faction at the snapshot, a role token in its
 * own faction. Each ballot records patronage (`votesCast`, SPEC §9).
 */
import { err, ok } from '../../result';
import { fail as failCore } from '../core-errors';
import { FACTIONS, type Faction } from '../identity/state';
import { type Handler } from '../module';
import { recordPatronage } from '../patronage/points';
import { type ActionWith } from '../schema';
import { burnFrom } from '../tokens/handlers';
import { fail as failTokens } from '../tokens/errors';
import { ROLE_TOKEN } from '../tokens/state';
import { fail as failVaults } from '../vaults/errors';
import { vaultAt } from '../vaults/vault';
import { fail } from './errors';
import { proposalState } from './machine';
import { type ProposalVotePayload } from './payloads';
import { type BurnBallot, EMPTY_TALLY, type Proposal } from './state';

/** The faction whose role token each of PDT, PCT and PMT is. */
const ROLE_FACTION = Object.fromEntries(FACTIONS.map((f) => [ROLE_TOKEN[f], f])) as Readonly<Record<'PDT' | 'PCT' | 'PMT', Faction>>;

export const voteOnProposal: Handler<ActionWith<'proposal.vote', typeof ProposalVotePayload>> = (state, action, ctx) => {
  const { proposal: id, token, amount, support } = action.payload;
  const proposal = state.proposals.get(id);
  if (!proposal) return err(fail('UnknownProposal', { proposal: id }));
  const voting = proposal.voting;
  if (voting.mode !== 'burn') return err(fail('OneMemberOneVote', { proposal: id, proposalKind: proposal.kind }));
  const now = proposalState(proposal, ctx.time);
  if (now !== 'active') return err(fail('VotingNotOpen', { proposal: id, state: now, startsAt: proposal.startsAt, endsAt: proposal.endsAt, time: ctx.time }));
  const vault = vaultAt(state, action.vault);
  if (!vault) return err(failCore('UnknownVault', { vault: action.vault }));
  const member = vault.kind === 'member' && vault.owner !== null ? state.members.get(vault.owner) : undefined;
  if (!member) return err(failVaults('NotAMemberVault', { vault: action.vault }));
  if (voting.ballots.has(member.did)) return err(fail('AlreadyVoted', { proposal: id, member: member.label }));
  const holding = voting.snapshot.get(member.did);
  const faction: Faction = token === 'PPT' ? (holding?.faction ?? member.faction) : ROLE_FACTION[token];
  if (!proposal.factions.includes(faction)) return err(fail('TokenNotInScope', { proposal: id, token, factions: [...proposal.factions] }));
  if (amount <= 0n) return err(failTokens('InvalidAmount', { amount }));
  const held = holding?.[token] ?? 0n;
  if (amount > held) return err(fail('BeyondSnapshot', { proposal: id, token, held, amount }));
  const burned = burnFrom(state, action.vault, token, amount);
  if (!burned.ok) return burned;
  const ballot: BurnBallot = { member: member.did, vault: vault.address, token, amount, support, faction, castAt: ctx.time };
  const tally = voting.tallies[faction] ?? EMPTY_TALLY;
  const counted: Proposal = {
    ...proposal,
    voting: {
      ...voting,
      tallies: { ...voting.tallies, [faction]: { ...tally, [support]: tally[support] + amount } },
      ballots: voting.ballots.set(member.did, ballot),
    },
  };
  const next = { ...burned.value, proposals: burned.value.proposals.set(id, counted) };
  return ok(recordPatronage(next, member.did, 'votesCast', 1n) as typeof next);
};
