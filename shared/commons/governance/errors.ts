/** The governance module's errors (SPEC §7), each with its sentence and numbers. */
import { DECIMALS, formatAmount } from '../../money';
import { type E, type Sentences, failWith } from '../module';
import { short, when } from '../words';
import { type Faction } from '../identity/state';

const amount = (value: bigint, token: string) => `${formatAmount(value, DECIMALS.PPT)} ${token}`;

export type GovernanceError =
  | E<'ProposalExists', { proposal: string }>
  | E<'UnknownProposal', { proposal: string }>
  | E<'EffectKindMismatch', { proposalKind: string; expected: string; got: string }>
  | E<'EffectNamesAnotherProposal', { proposal: string; named: string }>
  | E<'ScopeInvalid', { reason: string }>
  | E<'SyndicateNotInScope', { param: string }>
  | E<'SponsorNotInScope', { faction: Faction }>
  | E<'FactionWithoutSupply', { faction: Faction }>
  | E<'NoMembers', { proposal: string }>
  | E<'NotProposalAuthor', { proposal: string; vault: string }>
  | E<'ProposalNotPending', { proposal: string; state: string; startsAt: number; time: number }>
  | E<'VotingNotOpen', { proposal: string; state: string; startsAt: number; endsAt: number; time: number }>
  | E<'AlreadyVoted', { proposal: string; member: string }>
  | E<'OneMemberOneVote', { proposal: string; proposalKind: string }>
  | E<'NotAnonymousProposal', { proposal: string; proposalKind: string }>
  | E<'TokenNotInScope', { proposal: string; token: string; factions: Faction[] }>
  | E<'BeyondSnapshot', { proposal: string; token: string; held: bigint; amount: bigint }>
  | E<'BallotRootMismatch', { proposal: string; root: string; recorded: string }>
  | E<'ProposalNotQueued', { proposal: string; state: string }>
  | E<'ProposalAlreadyExecuted', { proposal: string; executedAt: number }>
  | E<'TimelockNotOver', { proposal: string; eta: number; time: number }>
  | E<'EffectMismatch', { proposal: string; expectedAction: string; action: string; expectedHash: string; payloadHash: string }>
  | E<'AttestorChangeInvalid', { reason: string }>;

export const governanceSentences: Sentences<GovernanceError> = {
  ProposalExists: (e) => `A proposal with the id ${short(e.proposal)} already exists; a proposal's id is used once.`,
  UnknownProposal: (e) => `No proposal ${short(e.proposal)} is registered in this Commons.`,
  EffectKindMismatch: (e) => `A ${e.proposalKind} proposal executes ${e.expected}, not ${e.got}.`,
  EffectNamesAnotherProposal: (e) => `The effect of proposal ${short(e.proposal)} names proposal ${short(e.named)}; an effect names the proposal that carries it.`,
  ScopeInvalid: (e) => `This proposal's scope is not allowed: ${e.reason}.`,
  SyndicateNotInScope: (e) => `This change raises ${e.param}; a change that raises a draw ratio or cap needs the Syndicate in scope (SPEC §7).`,
  SponsorNotInScope: (e) => `The quest is sponsored by the ${e.faction}, which must be in the scope of the vote that opens it (SPEC §6).`,
  FactionWithoutSupply: (e) => `The ${e.faction} holds no PPT and no role token at this moment, so it could never reach a quorum; leave it out of the scope.`,
  NoMembers: (e) => `Proposal ${short(e.proposal)} is one member, one vote, and this Commons has no members yet.`,
  NotProposalAuthor: (e) => `Only the author of proposal ${short(e.proposal)} may cancel it, from the vault that created it; ${short(e.vault)} is not that vault.`,
  ProposalNotPending: (e) => `Proposal ${short(e.proposal)} is ${e.state}: its author may cancel it only before voting starts at ${when(e.startsAt)} (now ${when(e.time)}).`,
  VotingNotOpen: (e) => `Proposal ${short(e.proposal)} is ${e.state}: its vote is open from ${when(e.startsAt)} until ${when(e.endsAt)}, and it is now ${when(e.time)}.`,
  AlreadyVoted: (e) => `${e.member} has already voted on proposal ${short(e.proposal)}; one ballot per member per proposal, and ballots are final.`,
  OneMemberOneVote: (e) => `Proposal ${short(e.proposal)} (${e.proposalKind}) is one member, one vote: vote with an anonymous ballot, not by burning tokens.`,
  NotAnonymousProposal: (e) => `Proposal ${short(e.proposal)} (${e.proposalKind}) is decided by burn votes, not by anonymous ballots.`,
  TokenNotInScope: (e) => `${e.token} does not vote on proposal ${short(e.proposal)}: its scope is ${e.factions.join(', ')}, which vote with PPT (their members) and their own role tokens.`,
  BeyondSnapshot: (e) => `You held ${amount(e.held, e.token)} when proposal ${short(e.proposal)} was created, and only that may be burned for it; ${amount(e.amount, e.token)} is more.`,
  BallotRootMismatch: (e) => `The ballot's proof is against member-tree root ${short(e.root)}, but proposal ${short(e.proposal)} was created when the root was ${short(e.recorded)}; only that electorate votes on it.`,
  ProposalNotQueued: (e) => `Proposal ${short(e.proposal)} is ${e.state}; only a passed proposal in its execution window executes.`,
  ProposalAlreadyExecuted: (e) => `Proposal ${short(e.proposal)} was executed at ${when(e.executedAt)}; a proposal executes once.`,
  TimelockNotOver: (e) => `Proposal ${short(e.proposal)} passed, and its timelock runs until ${when(e.eta)}; it is now ${when(e.time)}.`,
  EffectMismatch: (e) =>
    `This ${e.action} action (payload ${short(e.payloadHash)}) is not what proposal ${short(e.proposal)} voted on: ${e.expectedAction} with payload ${short(e.expectedHash)}.`,
  AttestorChangeInvalid: (e) => `This attestor change is not allowed: ${e.reason}.`,
};

export const fail = failWith<GovernanceError>(governanceSentences);
