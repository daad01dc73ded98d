/**
 * The staking module's slice of the state (SPEC §5): stake requests, stakes and reputations.
 *
 * A request moves `open → released → repaid`; `open` or `released` → `frozen` when its offer fails
 * (SPEC §5, §8: the Judicial Loop decides); `open → returned` when its offer completes before the
 * stakes were released (they go back to the stakers: they never became a loan). While `open`, what
 * is staked waits in escrow `stake:<request>`; release empties it into the holder's vault.
 */
import { type Map as ImmutableMap, type OrderedMap } from 'immutable';
import { type Address, type CommonsState } from '../state';

export const REQUEST_STATES = ['open', 'released', 'repaid', 'returned', 'frozen'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export interface StakeRequest {
  readonly id: string;
  readonly offer: string;
  /** The offer holder's vault, where the working capital goes. */
  readonly holder: Address;
  readonly member: string;
  /** CONX asked for. */
  readonly amount: bigint;
  /** CONX staked so far (Σ principal of its stakes). */
  readonly staked: bigint;
  /** CONX released to the holder as working capital. */
  readonly released: bigint;
  /** Principal repaid to its stakers. */
  readonly repaid: bigint;
  readonly state: RequestState;
  readonly requestedAt: number;
  readonly releasedAt: number | null;
}

export interface Stake {
  /** `<request>:<staker vault>`: one stake per staker per request, topped up by further gifts. */
  readonly id: string;
  readonly request: string;
  readonly offer: string;
  /** The staker's vault, where repayment and PMT go. */
  readonly staker: Address;
  readonly member: string;
  readonly principal: bigint;
  readonly repaid: bigint;
  /** SPEC §5: min(principal, stakerPmtCap), fixed when the stake is released as a loan; 0 before. */
  readonly pmtCredit: bigint;
  /** PMT minted so far: floor(pmtCredit × repaid / principal), as repayment arrived. */
  readonly pmtMinted: bigint;
  /** Principal given back unreleased (the offer completed while the request was open). */
  readonly returned: bigint;
}

/** What a member's record of M2M work and lending says (SPEC §5: both parties' reputations). */
export interface Reputation {
  /** Offers the member completed, and offers of theirs that failed. */
  readonly offersCompleted: number;
  readonly offersFailed: number;
  /** As borrower: principal repaid to their stakers, and principal outstanding on failed offers, frozen until the Judicial Loop decides (SPEC §8). */
  readonly borrowedRepaid: bigint;
  readonly borrowedFrozen: bigint;
  /** As staker: principal repaid to them, and principal outstanding on failed offers, frozen likewise. */
  readonly lentRepaid: bigint;
  readonly lentFrozen: bigint;
}

export const NO_REPUTATION: Reputation = { offersCompleted: 0, offersFailed: 0, borrowedRepaid: 0n, borrowedFrozen: 0n, lentRepaid: 0n, lentFrozen: 0n };

declare module '../state' {
  interface CommonsState {
    readonly stakeRequests: OrderedMap<string, StakeRequest>;
    readonly stakes: OrderedMap<string, Stake>;
    /** By member DID. */
    readonly reputations: ImmutableMap<string, Reputation>;
  }
}

export type StakingSlice = Pick<CommonsState, 'stakeRequests' | 'stakes' | 'reputations'>;

export const stakeEscrowId = (request: string) => `stake:${request}`;
export const stakeId = (request: string, staker: Address) => `${request}:${staker}`;
