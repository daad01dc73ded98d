/**
 * A proposal's state as a pure function of what the ledger recorded and the time (SPEC §7), read
 * in OpenZeppelin Governor's order: executed, canceled, pending, active, defeated, succeeded,
 * queued, expired. The first that applies is the state.
 *
 * A passed proposal is queued by the same instant its vote closes: there is no separate queue
 * action (anyone could send it, so it adds nothing but an entry). `succeeded` is what OZ's Governor
 * shows between a vote's end and its queueing; here that interval is empty, so the state goes
 * active → queued (eta = endsAt + timelock) → executed | expired (eta + grace).
 */
import { divCeil } from '../../money';
import { type Faction } from '../identity/state';
import { type AnonymousVoting, type BurnVoting, EMPTY_TALLY, type Proposal } from './state';

export const PROPOSAL_STATES = ['pending', 'active', 'canceled', 'defeated', 'succeeded', 'queued', 'expired', 'executed'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/** The moves the machine allows (SPEC §7); a state not listed as a key is final. */
export const PROPOSAL_MOVES: Readonly<Record<ProposalState, readonly ProposalState[]>> = {
  pending: ['active', 'canceled'],
  active: ['defeated', 'succeeded', 'queued'],
  succeeded: ['queued'],
  queued: ['executed', 'expired'],
  canceled: [],
  defeated: [],
  expired: [],
  executed: [],
};

const FULL = 10_000n;

/** The weight (or ballots) a faction must cast: quorumBps of its snapshot supply, rounded up (SPEC §0: against the proposal). */
export const quorumOf = (supply: bigint, quorumBps: number): bigint => divCeil(supply * BigInt(quorumBps), FULL);

/** The share of yes among yes and no reaches the threshold; abstentions count towards quorum only (OZ's counting). */
export const thresholdReached = (yes: bigint, no: bigint, thresholdBps: number): boolean => yes > 0n && yes * FULL >= BigInt(thresholdBps) * (yes + no);

export interface FactionResult {
  readonly faction: Faction;
  readonly supply: bigint;
  /** Weight required. */
  readonly quorum: bigint;
  readonly yes: bigint;
  readonly no: bigint;
  readonly abstain: bigint;
  readonly quorumReached: boolean;
  readonly thresholdReached: boolean;
}

/** Each faction in scope, tallied on its own against its snapshot supply (SPEC §7). */
export function burnResults(factions: readonly Faction[], voting: BurnVoting, quorumBps: number, thresholdBps: number): FactionResult[] {
  return factions.map((faction) => {
    const supply = voting.supply[faction] ?? 0n;
    const { yes, no, abstain } = voting.tallies[faction] ?? EMPTY_TALLY;
    const quorum = quorumOf(supply, quorumBps);
    return { faction, supply, quorum, yes, no, abstain, quorumReached: yes + no + abstain >= quorum, thresholdReached: thresholdReached(yes, no, thresholdBps) };
  });
}

export interface AnonymousResult {
  readonly members: number;
  /** Ballots required. */
  readonly quorum: number;
  readonly ballots: number;
  readonly quorumReached: boolean;
  readonly thresholdReached: boolean;
}

/** One member, one vote: ballots against the members at creation. */
export function anonymousResult(voting: AnonymousVoting, quorumBps: number, thresholdBps: number): AnonymousResult {
  const { yes, no, abstain } = voting.tally;
  const quorum = Number(quorumOf(BigInt(voting.members), quorumBps));
  const ballots = yes + no + abstain;
  return { members: voting.members, quorum, ballots, quorumReached: ballots >= quorum, thresholdReached: thresholdReached(BigInt(yes), BigInt(no), thresholdBps) };
}

/** Whether the vote, as tallied, passes: every faction in scope reaches its quorum and threshold (SPEC §7). */
export function proposalPassed(p: Pick<Proposal, 'factions' | 'voting' | 'quorumBps' | 'thresholdBps'>): boolean {
  if (p.voting.mode === 'anonymous') {
    const r = anonymousResult(p.voting, p.quorumBps, p.thresholdBps);
    return r.quorumReached && r.thresholdReached;
  }
  return burnResults(p.factions, p.voting, p.quorumBps, p.thresholdBps).every((r) => r.quorumReached && r.thresholdReached);
}

/** The times and marks the state reads. */
export interface ProposalClock {
  readonly startsAt: number;
  readonly endsAt: number;
  readonly eta: number;
  readonly expiresAt: number;
  readonly canceledAt: number | null;
  readonly executedAt: number | null;
}

/** The state from the clock and the vote's outcome (`passed` is read only once the vote closed). */
export function stateOf(clock: ProposalClock, passed: () => boolean, time: number): ProposalState {
  if (clock.executedAt !== null) return 'executed';
  if (clock.canceledAt !== null) return 'canceled';
  if (time < clock.startsAt) return 'pending';
  if (time < clock.endsAt) return 'active';
  if (!passed()) return 'defeated';
  // A passed proposal is queued as its vote closes (see the module comment): `succeeded` is never current.
  if (time < clock.expiresAt) return 'queued';
  return 'expired';
}

/** SPEC §7: the state of a proposal at `time`. */
export const proposalState = (p: Proposal, time: number): ProposalState => stateOf(p, () => proposalPassed(p), time);

/** Whether a queued proposal's timelock is over, so that anyone may execute it. */
export const executable = (p: Proposal, time: number): boolean => proposalState(p, time) === 'queued' && time >= p.eta;
