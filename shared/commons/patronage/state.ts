/**
 * The patronage module's slice of the state (SPEC §9): the points each member earned in the open
 * period, by source. Credit, staking, impact, the DEX and governance record points here as the
 * service is used; the period close (SPEC §9, with refunds, bills and tiers) comes with patronage
 * periods and starts a new period.
 */
import { type Map as ImmutableMap } from 'immutable';
import { type CommonsState } from '../state';

/** SPEC §9: the uses of the Commons that earn patronage. */
export const PATRONAGE_SOURCES = ['feesPaid', 'dexVolume', 'stakesGiven', 'offersCompleted', 'votesCast'] as const;
export type PatronageSource = (typeof PATRONAGE_SOURCES)[number];

/** One member's points in the open period, by source. */
export type PatronagePoints = Readonly<Record<PatronageSource, bigint>>;

export const NO_POINTS: PatronagePoints = { feesPaid: 0n, dexVolume: 0n, stakesGiven: 0n, offersCompleted: 0n, votesCast: 0n };

/**
 * The loss reserve's account (SPEC §4, §9): what bad debt it has been charged. The reserve itself
 * is funded at a period close (its share of the reserve split); what a charge finds no reserve
 * for is carried, to be met at the next close before anything is billed to members.
 */
export interface LossReserve {
  /** CONX set aside as loss reserve (funded at period closes). */
  readonly balance: bigint;
  /** Every charge of bad debt since genesis. */
  readonly charged: bigint;
  /** Charges the reserve could not meet when they came: carried to the next period close. */
  readonly uncovered: bigint;
  /**
   * Losses a community vote moved into Commons loss sharing (SPEC §8), or a passed loss-sharing
   * proposal (SPEC §7): billed to members in proportion to patronage at the next period close.
   */
  readonly sharedLossDue: bigint;
}

export const EMPTY_LOSS_RESERVE: LossReserve = { balance: 0n, charged: 0n, uncovered: 0n, sharedLossDue: 0n };

declare module '../state' {
  interface CommonsState {
    /** Points per member DID in the open patronage period (SPEC §9). */
    readonly patronage: ImmutableMap<string, PatronagePoints>;
    readonly lossReserve: LossReserve;
  }
}

export type PatronageSlice = Pick<CommonsState, 'patronage' | 'lossReserve'>;
