/**
 * The state of a Commons: the fold of its log from genesis (SPEC §11). Plain immutable data
 * (records, not Maps) so that it serialises, deep-compares and hashes the same everywhere.
 * Addresses are lower-case hex throughout.
 */
import { type CommonsToken } from '../money';
import { type Hex } from '../crypto/canonical';
import { type Params } from './params';
import { type Frontier } from '../zk/merkle';

export const FACTIONS = ['Union', 'Guild', 'Syndicate'] as const;
export type Faction = (typeof FACTIONS)[number];
export type Tier = 'None' | 'Bronze' | 'Silver' | 'Gold';
/** Lower-case 0x-prefixed hex, 20 bytes (checked by the log schema). */
export type Address = string;

/** SPEC §2: the role token of each faction. */
export const ROLE_TOKEN: Record<Faction, CommonsToken> = { Union: 'PDT', Guild: 'PCT', Syndicate: 'PMT' };

export interface Signer {
  readonly address: Address;
  readonly device: 'ledger' | 'trezor' | 'unknown';
  readonly label: string;
  /** BIP32 derivation path on the device, e.g. m/44'/60'/0'/0/1. */
  readonly path: string;
}

export type Balances = Readonly<Partial<Record<CommonsToken, bigint>>>;

export interface Vault {
  readonly address: Address;
  readonly name: string;
  readonly kind: 'member' | 'commons';
  /** The owning member's DID for member vaults; null for Commons vaults. */
  readonly owner: string | null;
  readonly signers: readonly Signer[];
  readonly threshold: number;
  readonly nonce: number;
  readonly balances: Balances;
}

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

/** Tokens held outside any vault, bound to an offer, a stake or a dispute (SPEC §5, §8). */
export interface Escrow {
  readonly id: string;
  readonly token: CommonsToken;
  readonly amount: bigint;
}

export interface CommonsState {
  readonly version: 1;
  readonly commonsId: Hex;
  readonly name: string;
  /** Entries applied; the next entry's seq. */
  readonly height: number;
  /** Hash of the last entry applied (its LedgerEntry digest). */
  readonly headHash: Hex;
  /** Time of the last entry applied, seconds. */
  readonly time: number;
  readonly params: Params;
  /** The treasury vault, whose quorum also signs every entry as sequencer (SPEC §11). */
  readonly treasury: Address;
  readonly attestors: Readonly<Record<Address, true>>;
  readonly members: Readonly<Record<string, Member>>;
  readonly vaults: Readonly<Record<Address, Vault>>;
  readonly supplies: Balances;
  readonly escrows: Readonly<Record<string, Escrow>>;
  /** Uniqueness nullifiers U → DID (SPEC §1). */
  readonly uniqueness: Readonly<Record<string, string>>;
  /** Per-scope nullifiers used (`scope:nullifier`), for anonymous ballots and proofs (SPEC §7). */
  readonly scopeNullifiers: Readonly<Record<string, true>>;
  /**
   * The member tree (SPEC §1): identity commitments in enrolment order, as leaves of a depth-20
   * Poseidon Merkle tree; its frontier, and its recent roots (a proof made against a root that a
   * later enrolment replaced is still accepted for a while, as Semaphore's root history does).
   */
  readonly memberTree: MemberTree;
  /** Anonymous one-member-one-vote tallies by proposal id (SPEC §7). */
  readonly ballots: Readonly<Record<string, BallotTally>>;
}

export interface MemberTree {
  readonly leaves: readonly string[];
  readonly frontier: Frontier;
  readonly recentRoots: readonly string[];
}

export interface BallotTally {
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
}

/** How many past member-tree roots an anonymous proof may still use. */
export const ROOT_HISTORY = 30;

export const ZERO_HASH: Hex = `0x${'00'.repeat(32)}`;

export const balanceOf = (vault: Vault, token: CommonsToken): bigint => vault.balances[token] ?? 0n;
