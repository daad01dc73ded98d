/**
 * The governance module's slice of the state (SPEC §7): proposals by id, in creation order.
 *
 * The snapshot. "Only what a member held when the proposal was created may be burned for it":
 * at creation the proposal records, per member holding a voting token, their primary faction and
 * their PPT and role tokens summed over their vaults. That is exact and small (five numbers per
 * holder). Keeping a reference to the vaults map instead would cost nothing in memory (persistent
 * maps share structure), but the projection store and `stateHash` write and hash the state as
 * plain data (plain.ts), where every proposal would carry a full copy of every vault.
 */
import { type Map as ImmutableMap, type OrderedMap } from 'immutable';
import { type Address, type CommonsState } from '../state';
import { type Faction } from '../identity/state';
import { type Effect, type ProposalKind, type Support } from './payloads';

/** A token a member may burn to vote: PPT, or a faction's role token. */
export type VotingToken = 'PPT' | 'PDT' | 'PCT' | 'PMT';
export const VOTING_TOKENS: readonly VotingToken[] = ['PPT', 'PDT', 'PCT', 'PMT'];

/** What one member held at the snapshot, over all their vaults, and their primary faction then. */
export interface Holding {
  readonly faction: Faction;
  readonly PPT: bigint;
  readonly PDT: bigint;
  readonly PCT: bigint;
  readonly PMT: bigint;
}

/** Weight per choice (burn votes: token minor units). */
export interface Tally {
  readonly yes: bigint;
  readonly no: bigint;
  readonly abstain: bigint;
}
export const EMPTY_TALLY: Tally = { yes: 0n, no: 0n, abstain: 0n };

/** One member's burn ballot: final (SPEC §7), kept so that a cancellation can re-mint it. */
export interface BurnBallot {
  readonly member: string;
  readonly vault: Address;
  readonly token: VotingToken;
  readonly amount: bigint;
  readonly support: Support;
  /** The faction it counts in: the voter's primary faction at the snapshot for PPT, the token's own for a role token. */
  readonly faction: Faction;
  readonly castAt: number;
}

/** Burn voting: the snapshot, each faction's supply at it, the tallies and the ballots. */
export interface BurnVoting {
  readonly mode: 'burn';
  /** Members with a voting token at creation (see the module comment). */
  readonly snapshot: ImmutableMap<string, Holding>;
  /** Per faction in scope: its PPT (held by its members) and its role token, at the snapshot; quorum is measured against it. */
  readonly supply: Readonly<Partial<Record<Faction, bigint>>>;
  readonly tallies: Readonly<Partial<Record<Faction, Tally>>>;
  /** By member DID: one ballot per member per proposal. */
  readonly ballots: OrderedMap<string, BurnBallot>;
}

/** One member, one vote: anonymous ballots against the member tree as it stood at creation. */
export interface AnonymousVoting {
  readonly mode: 'anonymous';
  /** The member-tree root at creation: the one root a ballot's proof may be against (SPEC §7). */
  readonly root: string;
  /** Members at creation: the electorate that quorum is measured against. */
  readonly members: number;
  /** Ballots by choice (counts); shown only once the vote closed. */
  readonly tally: { readonly yes: number; readonly no: number; readonly abstain: number };
}

export interface Proposal {
  readonly id: string;
  readonly kind: ProposalKind;
  readonly author: string;
  readonly authorVault: Address;
  readonly title: string;
  readonly text: string;
  /** As the author wrote it; `factions` is what it stands for. */
  readonly scope: 'all' | readonly Faction[];
  /** The factions in scope, in FACTIONS order: each tallies on its own and must pass (SPEC §7). */
  readonly factions: readonly Faction[];
  readonly effect: Effect;
  /** The effect payload's canonical hash, which the executing action's payload must have. */
  readonly payloadHash: `0x${string}`;
  readonly createdAt: number;
  /** Voting runs in [startsAt, endsAt). */
  readonly startsAt: number;
  readonly endsAt: number;
  /** Executable from eta = endsAt + timelock, until eta + grace (then expired). */
  readonly eta: number;
  readonly expiresAt: number;
  /** The parameters in force at creation, which the proposal keeps. */
  readonly quorumBps: number;
  readonly thresholdBps: number;
  /** Whether it changes a collateral ratio (threshold collateralVoteThresholdBps, SPEC §7). */
  readonly collateral: boolean;
  readonly voting: BurnVoting | AnonymousVoting;
  readonly canceledAt: number | null;
  readonly executedAt: number | null;
  /** Who relayed the execution (the vault the executing action named). */
  readonly executedBy: Address | null;
}

declare module '../state' {
  interface CommonsState {
    /** Proposals by id, in creation order (SPEC §7). */
    readonly proposals: OrderedMap<string, Proposal>;
  }
}

export type GovernanceSlice = Pick<CommonsState, 'proposals'>;
