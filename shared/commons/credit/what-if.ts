/**
 * What-if figures for the credit screen and the bench, computed from the *view* of a line
 * (view.ts), never the full state, with the same functions the ledger's rules use (figures.ts):
 * a price drop of 10 / 30 / 50 %, a line's health over time as fees accrue, a draw or repayment
 * being composed. Pure and fast (the screen recomputes as the member drags a slider).
 */
import { type Tier } from '../identity/state';
import { atOrBelowFullLine, capacityOf, feesAt, healthBpsOf, isUnhealthy, type Prices, type RatioParams, weightedOf } from './figures';
import { MARKET_ASSETS, type MarketAsset, type PerAsset } from './state';

/** What the figures need of a line: the view's fields of the same names. */
export interface LineInputs {
  readonly collateral: PerAsset;
  readonly principal: bigint;
  readonly fees: bigint;
  readonly tier: Tier;
}

/** What the figures need of the parameters: the view's `credit.params`. */
export type FigureParams = RatioParams & { readonly fullLiquidationHealthBps: number };

export interface LineFigures {
  readonly capacity: bigint;
  readonly weighted: bigint;
  readonly debt: bigint;
  /** bps of 1.0, rounded down; null when nothing is owed. */
  readonly healthBps: bigint | null;
  /** Health below 1: the line would be frozen and its cure period start. */
  readonly unhealthy: boolean;
  /** Health at or below the full-liquidation line: liquidatable at once and in full. */
  readonly liquidatableAtOnce: boolean;
}

export function lineFigures(line: LineInputs, prices: Prices, params: FigureParams): LineFigures {
  const debt = line.principal + line.fees;
  const weighted = weightedOf(line.collateral, prices, params);
  return {
    capacity: capacityOf(line.collateral, prices, params, line.tier),
    weighted,
    debt,
    healthBps: healthBpsOf(weighted, debt),
    unhealthy: isUnhealthy(weighted, debt),
    liquidatableAtOnce: atOrBelowFullLine(weighted, debt, params.fullLiquidationHealthBps),
  };
}

/** The current prices of the view's `credit.prices` (never attested: 0, worth nothing). */
export function currentPrices(prices: Readonly<Record<MarketAsset, { readonly price: bigint | null }>>): Prices {
  return { ADA: prices.ADA.price ?? 0n, BTC: prices.BTC.price ?? 0n, ETH: prices.ETH.price ?? 0n };
}

/** Every market price lowered by `dropBps` (rounded down); COMM stays at par. */
export function droppedPrices(prices: Prices, dropBps: number): Prices {
  const keep = BigInt(10_000 - Math.min(10_000, Math.max(0, dropBps)));
  const out: Record<MarketAsset, bigint> = { ADA: 0n, BTC: 0n, ETH: 0n };
  for (const asset of MARKET_ASSETS) out[asset] = (prices[asset] * keep) / 10_000n;
  return out;
}

/** What a fall of every market price by `dropBps` would do to the line. */
export const whatIfPriceDrop = (line: LineInputs, prices: Prices, params: FigureParams, dropBps: number): LineFigures =>
  lineFigures(line, droppedPrices(prices, dropBps), params);

/** The line's figures at a later time `t`, fees accrued (for the health chart over time). */
export const figuresAt = (line: LineInputs & { readonly feesBase: bigint; readonly accruedAt: number; readonly rateBps: number }, t: number, prices: Prices, params: FigureParams): LineFigures =>
  lineFigures({ ...line, fees: feesAt(line, t) }, prices, params);

/** The line's figures were `delta` CONX drawn (positive) or repaid (negative, fees first). */
export function whatIfDebtChange(line: LineInputs, delta: bigint, prices: Prices, params: FigureParams): LineFigures {
  if (delta >= 0n) return lineFigures({ ...line, principal: line.principal + delta }, prices, params);
  const pay = -delta;
  const feePart = pay < line.fees ? pay : line.fees;
  const principal = line.principal - (pay - feePart);
  return lineFigures({ ...line, fees: line.fees - feePart, principal: principal < 0n ? 0n : principal }, prices, params);
}
