/**
 * The patronage module's slice of the state (SPEC §9): the points each member earned in the open
 * period, by source; the revenue the ledger recorded in it; the reserves; each member's account
 * with the Commons (refunds owed, bills due); and every closed period, as it was closed.
 * Credit, staking, impact, the DEX and governance record points here as the service is used.
 */
import { type List, type Map as ImmutableMap } from 'immutable';
import { type CommonsState, type Tier } from '../state';

/** SPEC §9: the uses of the Commons that earn patronage. */
export const PATRONAGE_SOURCES = ['feesPaid', 'dexVolume', 'stakesGiven', 'offersCompleted', 'votesCast'] as const;
export type PatronageSource = (typeof PATRONAGE_SOURCES)[number];

/** One member's points in the open period, by source. */
export type PatronagePoints = Readonly<Record<PatronageSource, bigint>>;

export const NO_POINTS: PatronagePoints = { feesPaid: 0n, dexVolume: 0n, stakesGiven: 0n, offersCompleted: 0n, votesCast: 0n };

/**
 * What the Commons earns (SPEC §9 "revenue"), as CONX the treasury vault received: VELOC fees
 * repaid (SPEC §4 "fees are Commons revenue"), DEX fees if the DEX charges any.
 */
export const REVENUE_SOURCES = ['creditFees', 'dexFees'] as const;
export type RevenueSource = (typeof REVENUE_SOURCES)[number];
export type Revenue = Readonly<Record<RevenueSource, bigint>>;
export const NO_REVENUE: Revenue = { creditFees: 0n, dexFees: 0n };

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

/**
 * The open period and what the closes left (SPEC §9). The reserves are CONX of the treasury vault
 * set aside, not a vault of their own: the general reserve meets deficits, the loss reserve
 * (`lossReserve.balance`) bad debt.
 */
export interface PatronageBook {
  /** The open period's number: 1 until the first close. */
  readonly period: number;
  /** When the open period began: the last close's time, or null for the first period (from genesis). */
  readonly openedAt: number | null;
  /** Revenue the ledger recorded in the open period, by source (`recordRevenue`). */
  readonly revenue: Revenue;
  /** The general reserve, CONX minor units. */
  readonly generalReserve: bigint;
  /** A deficit the reserve could not meet at the last close, carried forward to the next (SPEC §9). */
  readonly carriedDeficit: bigint;
  /** Refunds credited to members and not yet claimed or set off, in all (Σ accounts' `owed`). */
  readonly refundsOwed: bigint;
  /** Bills not yet paid or set off, in all (Σ accounts' `due`). */
  readonly billsDue: bigint;
}

export const NEW_BOOK: PatronageBook = {
  period: 1,
  openedAt: null,
  revenue: NO_REVENUE,
  generalReserve: 0n,
  carriedDeficit: 0n,
  refundsOwed: 0n,
  billsDue: 0n,
};

/**
 * A member's account with the Commons (SPEC §9). After every close at most one of `owed` and
 * `due` is above zero: a bill is set off against what the member is owed, a refund against what
 * they owe, before either is paid. Totals since genesis: refunded = claimed + setOff + owed, and
 * billed = paid + setOff + due.
 */
export interface PatronageAccount {
  /** Refunds credited, not yet claimed. */
  readonly owed: bigint;
  /** Bills not yet paid. */
  readonly due: bigint;
  readonly refunded: bigint;
  readonly billed: bigint;
  readonly claimed: bigint;
  readonly paid: bigint;
  readonly setOff: bigint;
  /** Closed periods in which the member had patronage above zero (SPEC §1 tiers). */
  readonly periods: number;
  /** Points in all closed periods (SPEC §1 tiers). */
  readonly points: bigint;
}

export const NEW_ACCOUNT: PatronageAccount = { owed: 0n, due: 0n, refunded: 0n, billed: 0n, claimed: 0n, paid: 0n, setOff: 0n, periods: 0, points: 0n };

/** One member's line in a closed period. */
export interface PeriodLine {
  readonly points: PatronagePoints;
  /** Σ points: the member's share of the period's patronage. */
  readonly total: bigint;
  readonly refund: bigint;
  /** The deficit part and the shared-loss part of the bill. */
  readonly deficitBill: bigint;
  readonly lossBill: bigint;
  /** What this close set off between the member's refunds owed and bills due. */
  readonly setOff: bigint;
  /** The account after the close. */
  readonly owed: bigint;
  readonly due: bigint;
  readonly tier: Tier;
}

/** A closed period as the close computed it; every figure in CONX minor units. */
export interface ClosedPeriod {
  readonly period: number;
  readonly openedAt: number | null;
  readonly closedAt: number;
  readonly note: string;
  readonly revenue: bigint;
  readonly revenueBySource: Revenue;
  readonly costs: bigint;
  /** reserveBps × revenue, rounded up (SPEC §0: what the Commons keeps rounds in its favour). */
  readonly reserve: bigint;
  /** The loss reserve's share of it (lossReserveShareBps, rounded down; the rest to the general reserve). */
  readonly toLossReserve: bigint;
  readonly toGeneralReserve: bigint;
  /** Uncovered bad debt the loss reserve's share met first. */
  readonly uncoveredMet: bigint;
  /** revenue − costs − reserve, when not negative, less what met the carried deficit: refunded. */
  readonly surplus: bigint;
  readonly refunded: bigint;
  /** surplus − refunded: the rounding remainder, to the general reserve. */
  readonly refundRemainder: bigint;
  /** costs + reserve − revenue, when positive. */
  readonly deficit: bigint;
  readonly deficitFromReserve: bigint;
  /** The deficit the last close carried forward, and how it was met: surplus, reserve, bills. */
  readonly carriedIn: bigint;
  readonly carriedFromSurplus: bigint;
  readonly carriedFromReserve: bigint;
  /** What is carried to the next close: this period's deficit beyond the reserve (and a carried deficit no one could be billed for). */
  readonly carriedOut: bigint;
  /** The carried deficit billed, and the shared loss billed (SPEC §8), each split over points rounded up. */
  readonly deficitBilled: bigint;
  readonly lossBilled: bigint;
  readonly billed: bigint;
  /** billed − (deficitBilled + lossBilled): the rounding excess, to the general reserve. */
  readonly billExcess: bigint;
  /** The reserves after the close. */
  readonly generalReserve: bigint;
  readonly lossReserve: bigint;
  readonly points: bigint;
  readonly members: ImmutableMap<string, PeriodLine>;
}

declare module '../state' {
  interface CommonsState {
    /** Points per member DID in the open patronage period (SPEC §9). */
    readonly patronage: ImmutableMap<string, PatronagePoints>;
    readonly lossReserve: LossReserve;
    readonly patronageBook: PatronageBook;
    /** Each member's account with the Commons, by DID. */
    readonly patronageAccounts: ImmutableMap<string, PatronageAccount>;
    /** Closed periods, oldest first (period n at index n − 1). */
    readonly patronagePeriods: List<ClosedPeriod>;
  }
}

export type PatronageSlice = Pick<CommonsState, 'patronage' | 'lossReserve' | 'patronageBook' | 'patronageAccounts' | 'patronagePeriods'>;
