/**
 * The figures of a credit line (SPEC §4), as pure functions of plain inputs: the ledger's handlers
 * call them on the state, and the screens and the bench on the view (what-if.ts), so that both
 * compute the same numbers.
 *
 * - value(amount) = floor(amount × price / 10^decimals); COMM at par (1 COMM = 1 CONX).
 * - effective draw ratio = min(drawRatio + tier bonus, draw cap), per asset.
 * - capacity = Σ floor(amount × price × effectiveDrawRatio / (10^decimals × 10000)).
 * - weighted collateral W = Σ floor(amount × price × threshold / (10^decimals × 10000));
 *   health = W / debt. Health below 1 is `W < debt`, exactly; at or below the full-liquidation
 *   line is `W × 10000 ≤ fullLiquidationHealthBps × debt`. `healthBps` (bps of 1.0, rounded
 *   down) is for display; the rules compare the exact products.
 * - fees = feesBase + ceil(principal × rate × (t − accruedAt) / (10000 × YEAR)), rounded up.
 */
import { type Params } from '../params/schema';
import { type Tier } from '../identity/state';
import { COLLATERAL_ASSETS, type CollateralAsset, MARKET_ASSETS, type MarketAsset, type PerAsset, type PriceState } from './state';

export const YEAR_SECONDS = 365 * 86_400;
const BPS = 10_000n;

/** 10^decimals of each market asset (SPEC §0: lovelace, satoshi, wei). */
export const UNIT: Readonly<Record<MarketAsset, bigint>> = { ADA: 10n ** 6n, BTC: 10n ** 8n, ETH: 10n ** 18n };

/** A price per market asset, CONX minor units per whole unit; 0 counts the asset as worth nothing. */
export type Prices = Readonly<Record<MarketAsset, bigint>>;
export const NO_PRICES: Prices = { ADA: 0n, BTC: 0n, ETH: 0n };

export type RatioParams = Pick<Params, 'drawRatioBps' | 'tierBonusBps' | 'drawCapBps' | 'liquidationThresholdBps'>;

/** CONX value of an amount of an asset (rounded down). */
export const valueOf = (asset: CollateralAsset, amount: bigint, prices: Prices): bigint =>
  asset === 'COMM' ? amount : (amount * prices[asset]) / UNIT[asset];

/** SPEC §4: the draw ratio plus the tier's bonus, capped per asset. */
export function effectiveDrawRatioBps(params: RatioParams, asset: CollateralAsset, tier: Tier): number {
  const bonus = tier === 'None' ? 0 : params.tierBonusBps[tier];
  return Math.min(params.drawRatioBps[asset] + bonus, params.drawCapBps[asset]);
}

/** floor(amount × price × bps / (10^decimals × 10000)), one division so nothing is lost between. */
function weigh(asset: CollateralAsset, amount: bigint, prices: Prices, bps: number): bigint {
  if (asset === 'COMM') return (amount * BigInt(bps)) / BPS;
  return (amount * prices[asset] * BigInt(bps)) / (UNIT[asset] * BPS);
}

/** Capacity per asset (CONX): what each asset lets the line draw. */
export function capacityByAsset(collateral: PerAsset, prices: Prices, params: RatioParams, tier: Tier): PerAsset {
  const out: Record<CollateralAsset, bigint> = { COMM: 0n, ADA: 0n, BTC: 0n, ETH: 0n };
  for (const asset of COLLATERAL_ASSETS) {
    const amount = collateral[asset];
    if (amount !== 0n) out[asset] = weigh(asset, amount, prices, effectiveDrawRatioBps(params, asset, tier));
  }
  return out;
}

export const sumAssets = (amounts: PerAsset): bigint => amounts.COMM + amounts.ADA + amounts.BTC + amounts.ETH;

/** SPEC §4: capacity = Σ floor(amount × price × effectiveDrawRatio / 10000). */
export const capacityOf = (collateral: PerAsset, prices: Prices, params: RatioParams, tier: Tier): bigint => {
  let total = 0n;
  for (const asset of COLLATERAL_ASSETS) {
    const amount = collateral[asset];
    if (amount !== 0n) total += weigh(asset, amount, prices, effectiveDrawRatioBps(params, asset, tier));
  }
  return total;
};

/** Σ floor(amount × price × threshold / 10000): the numerator of health. */
export const weightedOf = (collateral: PerAsset, prices: Prices, params: RatioParams): bigint => {
  let total = 0n;
  for (const asset of COLLATERAL_ASSETS) {
    const amount = collateral[asset];
    if (amount !== 0n) total += weigh(asset, amount, prices, params.liquidationThresholdBps[asset]);
  }
  return total;
};

/** Health in bps of 1.0, rounded down; null when nothing is owed (health is unbounded). */
export const healthBpsOf = (weighted: bigint, debt: bigint): bigint | null => (debt === 0n ? null : (weighted * BPS) / debt);

/** SPEC §4: health below 1. */
export const isUnhealthy = (weighted: bigint, debt: bigint): boolean => debt > 0n && weighted < debt;

/** SPEC §4: health at or below the full-liquidation line (0.95 by default): liquidatable at once, in full. */
export const atOrBelowFullLine = (weighted: bigint, debt: bigint, fullLiquidationHealthBps: number): boolean =>
  debt > 0n && weighted * BPS <= BigInt(fullLiquidationHealthBps) * debt;

/** The inputs of the fee formula, as a line keeps them. */
export interface FeeInputs {
  readonly principal: bigint;
  readonly feesBase: bigint;
  readonly accruedAt: number;
  readonly rateBps: number;
}

/** Fees owed at time `t` (SPEC §4: simple interest on principal, rounded up), from absolute times. */
export function feesAt(line: FeeInputs, t: number): bigint {
  const elapsed = BigInt(Math.max(0, t - line.accruedAt));
  const n = line.principal * BigInt(line.rateBps) * elapsed;
  if (n === 0n) return line.feesBase;
  const d = BPS * BigInt(YEAR_SECONDS);
  return line.feesBase + (n + d - 1n) / d;
}

/**
 * The first time after `accruedAt` at which the fees alone make the debt exceed `weighted`, or
 * null if they never do: fees(t) > room ⇔ principal × rate × (t − s) > room × 10000 × YEAR, with
 * room = weighted − principal − feesBase (SPEC §4: "fees accruing across the line is a time event").
 */
export function feeCrossingTime(line: FeeInputs, weighted: bigint): number | null {
  const room = weighted - line.principal - line.feesBase;
  if (room < 0n) return line.accruedAt;
  const perSecond = line.principal * BigInt(line.rateBps);
  if (perSecond === 0n) return null;
  const seconds = (room * BPS * BigInt(YEAR_SECONDS)) / perSecond + 1n;
  return seconds > BigInt(Number.MAX_SAFE_INTEGER) ? null : line.accruedAt + Number(seconds);
}

/** Prices for health: the current attestations, stale or not (SPEC §4: staleness only stops draws). */
export function healthPrices(prices: Readonly<Record<MarketAsset, PriceState>>): Prices {
  const out: Record<MarketAsset, bigint> = { ADA: 0n, BTC: 0n, ETH: 0n };
  for (const asset of MARKET_ASSETS) out[asset] = prices[asset].current?.price ?? 0n;
  return out;
}

/**
 * Prices for new draws and for collateral leaving: 0 for a price older than priceMaxAgeSeconds
 * (SPEC §4), and the lower of the current and a pending price, so that no one draws against value
 * a pending fall is about to take away (rounding favours the Commons, SPEC §0).
 */
export function drawPrices(prices: Readonly<Record<MarketAsset, PriceState>>, time: number, maxAgeSeconds: number): Prices {
  const out: Record<MarketAsset, bigint> = { ADA: 0n, BTC: 0n, ETH: 0n };
  for (const asset of MARKET_ASSETS) {
    const { current, pending } = prices[asset];
    if (!current || time - current.attestedAt > maxAgeSeconds) continue;
    out[asset] = pending && pending.price < current.price ? pending.price : current.price;
  }
  return out;
}

/** The market assets whose price is stale at `time`. */
export const stalePriced = (prices: Readonly<Record<MarketAsset, PriceState>>, time: number, maxAgeSeconds: number): MarketAsset[] =>
  MARKET_ASSETS.filter((asset) => {
    const current = prices[asset].current;
    return current !== null && time - current.attestedAt > maxAgeSeconds;
  });
