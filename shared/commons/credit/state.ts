/**
 * The credit module's slice of the state (SPEC §4, VELOC): one credit line per member vault that
 * has used credit, the price attestations of the market assets (with a pending price when one
 * jumped), and the Commons' running totals (what the supply identities of credit/README below
 * are stated with).
 *
 * Amounts are bigint minor units: COMM and CONX 6 decimals; ADA lovelace (6), BTC satoshi (8),
 * ETH wei (18). A price is CONX minor units per ONE WHOLE unit of its asset.
 */
import { type Map as ImmutableMap } from 'immutable';
import { type Address, type CommonsState } from '../state';

export const COLLATERAL_ASSETS = ['COMM', 'ADA', 'BTC', 'ETH'] as const;
export type CollateralAsset = (typeof COLLATERAL_ASSETS)[number];
/** The assets valued at an attested price; COMM is valued at par and never attested (SPEC §4). */
export const MARKET_ASSETS = ['ADA', 'BTC', 'ETH'] as const;
export type MarketAsset = (typeof MARKET_ASSETS)[number];

/** An amount per collateral asset (each in its own minor units, or CONX where said). */
export type PerAsset = Readonly<Record<CollateralAsset, bigint>>;
export const NO_ASSETS: PerAsset = { COMM: 0n, ADA: 0n, BTC: 0n, ETH: 0n };

/** One attested price: CONX minor units per whole unit, and when the treasury quorum attested it. */
export interface Attested {
  readonly price: bigint;
  readonly attestedAt: number;
}

/** A jump held back (SPEC §4): shown to every member with the time it may take effect. */
export interface Pending extends Attested {
  readonly effectiveAt: number;
}

export interface PriceState {
  /** The price in force; null until the first attestation. */
  readonly current: Attested | null;
  readonly pending: Pending | null;
}

/** What one market asset's claim in a liquidation took. */
export interface Claim {
  readonly asset: MarketAsset;
  /** Units of the asset claimed by the Commons (rounded down). */
  readonly amount: bigint;
  /** Debt this claim repaid, CONX minor units (rounded up). */
  readonly repaid: bigint;
}

export interface Liquidation {
  readonly at: number;
  /** Health before, bps of 1.0. */
  readonly healthBps: bigint;
  /** COMM set off 1:1 first, no penalty. */
  readonly commSetOff: bigint;
  readonly claims: readonly Claim[];
  /** Debt repaid by the claims (CONX). */
  readonly repaid: bigint;
  /** Debt written off as bad debt because no collateral was left (CONX). */
  readonly badDebt: bigint;
  /** Whether it was a full liquidation (health at or below fullLiquidationHealthBps). */
  readonly full: boolean;
}

export interface CreditLine {
  readonly vault: Address;
  /** The member's DID. */
  readonly owner: string;
  /** COMM locked (held in escrow `credit:<vault>:COMM`) and the pledged external amounts. */
  readonly collateral: PerAsset;
  readonly principal: bigint;
  /**
   * Fees: `fees(t) = feesBase + ceil(principal × rateBps × (t − accruedAt) / (10000 × YEAR))`,
   * computed when read (figures.ts `feesAt`) from absolute times (SPEC §0, §4: simple interest,
   * rounded up), so that one time step a→c equals a→b→c and no pass over every line is needed
   * at each entry. `feesBase` and `accruedAt` move only when the principal or the rate changes.
   */
  readonly feesBase: bigint;
  readonly accruedAt: number;
  readonly rateBps: number;
  /**
   * When the line is not frozen: the exact second at which accruing fees will carry its health
   * below 1 at the current prices and parameters (crossing.ts), or null if they never will (or
   * the line is frozen). The time step handles a line only once its crossing has come.
   */
  readonly crossingAt: number | null;
  /** Health went below 1 at `frozenAt`: the line is frozen until it is healthy again (SPEC §4). */
  readonly frozenAt: number | null;
  readonly cureUntil: number | null;
  /** The line's principal attributed to each asset, for the debt ceilings (CONX). */
  readonly attribution: PerAsset;
  readonly liquidations: readonly Liquidation[];
  readonly badDebt: bigint;
}

/** Running totals since genesis, CONX minor units unless said. */
export interface CreditTotals {
  /** Principal created by draws (CONX minted). */
  readonly drawn: bigint;
  /** Principal repaid in CONX (burned). */
  readonly principalRepaid: bigint;
  /** Fees repaid in CONX (moved to the treasury: Commons revenue, SPEC §9). */
  readonly feesRepaid: bigint;
  /** Principal and fees met by COMM set-off (COMM burned). */
  readonly principalSetOff: bigint;
  readonly feesSetOff: bigint;
  /** Principal and fees met by claims on market collateral in liquidations. */
  readonly principalLiquidated: bigint;
  readonly feesLiquidated: bigint;
  /** Bad debt written off, charged to the loss reserve (SPEC §4, §9). */
  readonly principalWrittenOff: bigint;
  readonly feesWrittenOff: bigint;
  /** Market collateral the Commons has claimed, in each asset's units (COMM is 0: it is set off, not claimed). */
  readonly claimed: PerAsset;
  /** Outstanding principal attributed per asset (the debt ceilings bound these). */
  readonly attributed: PerAsset;
}

export const NO_TOTALS: CreditTotals = {
  drawn: 0n,
  principalRepaid: 0n,
  feesRepaid: 0n,
  principalSetOff: 0n,
  feesSetOff: 0n,
  principalLiquidated: 0n,
  feesLiquidated: 0n,
  principalWrittenOff: 0n,
  feesWrittenOff: 0n,
  claimed: NO_ASSETS,
  attributed: NO_ASSETS,
};

/** The parameters the lines' crossing times were last reconciled with (crossing.ts). */
export interface CrossingBasis {
  readonly feeRateBpsPerYear: number;
  readonly liquidationThresholdBps: Readonly<Record<CollateralAsset, number>>;
}

export interface CreditState {
  readonly lines: ImmutableMap<Address, CreditLine>;
  readonly prices: Readonly<Record<MarketAsset, PriceState>>;
  readonly totals: CreditTotals;
  /** The earliest `crossingAt` over all lines, or null: before it, the time step does nothing. */
  readonly nextCrossing: number | null;
  /** The fee rate and thresholds the crossings were computed with; null until the first time step with lines. */
  readonly basis: CrossingBasis | null;
}

declare module '../state' {
  interface CommonsState {
    /** VELOC (SPEC §4): credit lines, prices, totals. */
    readonly credit: CreditState;
  }
}

export type CreditSlice = Pick<CommonsState, 'credit'>;

/** The escrow that holds a line's locked COMM. */
export const commEscrowId = (vault: Address) => `credit:${vault}:COMM`;

export const emptyLine = (vault: Address, owner: string, time: number, rateBps: number): CreditLine => ({
  vault,
  owner,
  collateral: NO_ASSETS,
  principal: 0n,
  feesBase: 0n,
  accruedAt: time,
  rateBps,
  crossingAt: null,
  frozenAt: null,
  cureUntil: null,
  attribution: NO_ASSETS,
  liquidations: [],
  badDebt: 0n,
});
