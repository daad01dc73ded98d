/** The identity module's slice of the state (SPEC §1): members, attestors, nullifiers, the member tree. */
import { Map as ImmutableMap, OrderedMap, Set as ImmutableSet } from 'immutable';
import { type Frontier, emptyFrontier } from '../../zk/merkle';
import { type Address, type CommonsState } from '../state';
import { type GenesisPayload } from '../schema';

export const FACTIONS = ['Union', 'Guild', 'Syndicate'] as const;
export type Faction = (typeof FACTIONS)[number];
export type Tier = 'None' | 'Bronze' | 'Silver' | 'Gold';

export interface Member {
  readonly did: string;
  readonly label: string;
  readonly faction: Faction;
  /** Entry time of the last faction choice (enrolment or change), for the cool-down (SPEC §1). */
  readonly factionSince: number;
  readonly tier: Tier;
  /** Identity commitment C and uniqueness nullifier U, decimal field elements (SPEC §1). */
  readonly commitment: string;
  readonly nullifier: string;
  readonly attestor: Address;
  readonly enrolledAt: number;
  readonly vaults: readonly Address[];
}

/**
 * The member tree (SPEC §1): identity commitments in enrolment order, as leaves of a depth-20
 * Poseidon Merkle tree; its frontier, and its recent roots (a proof made against a root that a
 * later enrolment replaced is still accepted for a while, as Semaphore's root history does).
 * The leaves stay an array: an enrolment costs a depth-20 Poseidon path (about 6 ms here), beside
 * which copying 10,000 leaves (some 20 µs) does not count.
 */
export interface MemberTree {
  readonly leaves: readonly string[];
  readonly frontier: Frontier;
  readonly recentRoots: readonly string[];
}

/** How many past member-tree roots an anonymous proof may still use. */
export const ROOT_HISTORY = 30;

declare module '../state' {
  interface CommonsState {
    readonly attestors: Readonly<Record<Address, true>>;
    /** Members by DID, in enrolment order (a persistent map: an enrolment shares the rest, plain.ts). */
    readonly members: OrderedMap<string, Member>;
    /** Uniqueness nullifiers U → DID (SPEC §1). */
    readonly uniqueness: ImmutableMap<string, string>;
    /** Per-scope nullifiers used (`scope:nullifier`), for anonymous ballots and proofs (SPEC §7). */
    readonly scopeNullifiers: ImmutableSet<string>;
    readonly memberTree: MemberTree;
  }
}

export type IdentitySlice = Pick<CommonsState, 'attestors' | 'members' | 'uniqueness' | 'scopeNullifiers' | 'memberTree'>;

export const initialIdentity = (genesis: GenesisPayload): IdentitySlice => ({
  attestors: Object.fromEntries(genesis.attestors.map((a) => [a, true as const])),
  members: OrderedMap(),
  uniqueness: ImmutableMap(),
  scopeNullifiers: ImmutableSet(),
  memberTree: { leaves: [], frontier: emptyFrontier(), recentRoots: [emptyFrontier().root] },
});
