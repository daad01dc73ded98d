/**
 * What the views show of VELOC (SPEC §4): `c3 state --json` (`credit` key) and the dashboard's
 * CommonsView (`credit` key, the same fields; amounts are bigint in the app, decimal strings on
 * the wire). Field names are stable: the credit screen and the what-if functions read them.
 *
 * credit.time                  the ledger time the figures are computed at (seconds)
 * credit.lines[]               one per vault that has locked or pledged collateral:
 *   vault, owner (DID), tier   the member's tier (the draw-ratio bonus, SPEC §1, §4)
 *   collateral {COMM,ADA,BTC,ETH}   COMM locked, external amounts pledged (each asset's minor units)
 *   collateralValue {…}        CONX value of each at the current prices (COMM at par)
 *   capacity                   CONX the line may owe in all for new draws (fresh prices, the lower of current and pending)
 *   principal, fees, debt      CONX; debt = principal + fees
 *   feesBase, accruedAt, rateBps   fees(t) = feesBase + ceil(principal × rateBps × (t − accruedAt) / (10000 × 365 days))
 *   weighted                   Σ value × threshold: health = weighted / debt
 *   healthBps                  health in bps of 1.0 (rounded down), null when nothing is owed
 *   frozen, frozenAt, cureUntil   health went below 1 at frozenAt; the cure period ends at cureUntil
 *   liquidatable, fullLiquidation   whether the treasury may liquidate now, and whether in full (health ≤ 0.95)
 *   liquidations[]             {at, healthBps, commSetOff, claims[{asset, amount, repaid}], repaid, badDebt, full}
 *   badDebt                    CONX written off on this line (charged to the loss reserve)
 * credit.prices {ADA,BTC,ETH}  {price, attestedAt, stale, pending {price, attestedAt, effectiveAt} | null}; price null = never attested
 * credit.params                the VELOC parameters the figures use (SPEC §4 *(param)*)
 * credit.totals                the Commons' running totals (state.ts `CreditTotals`)
 */
import { z } from 'zod';
import { Amount } from '../../money';
import { type ModuleView } from '../module';
import { Address, Tier } from '../view-schema';
import { type CommonsState } from '../state';
import { atOrBelowFullLine, capacityOf, drawPrices, feesAt, healthBpsOf, healthPrices, isUnhealthy, valueOf, weightedOf } from './figures';
import { COLLATERAL_ASSETS, type CreditLine, type CreditSlice, MARKET_ASSETS } from './state';

const PerAssetView = z.object({ COMM: Amount, ADA: Amount, BTC: Amount, ETH: Amount });
const Seconds = z.number().int().nonnegative();
const MarketAsset = z.enum(MARKET_ASSETS);

export const LiquidationView = z.object({
  at: Seconds,
  healthBps: Amount,
  commSetOff: Amount,
  claims: z.array(z.object({ asset: MarketAsset, amount: Amount, repaid: Amount })),
  repaid: Amount,
  badDebt: Amount,
  full: z.boolean(),
});

export const CreditLineView = z.object({
  vault: Address,
  owner: z.string(),
  tier: Tier,
  collateral: PerAssetView,
  collateralValue: PerAssetView,
  capacity: Amount,
  principal: Amount,
  fees: Amount,
  debt: Amount,
  feesBase: Amount,
  accruedAt: Seconds,
  rateBps: z.number().int().nonnegative(),
  weighted: Amount,
  healthBps: Amount.nullable(),
  frozen: z.boolean(),
  frozenAt: Seconds.nullable(),
  cureUntil: Seconds.nullable(),
  liquidatable: z.boolean(),
  fullLiquidation: z.boolean(),
  liquidations: z.array(LiquidationView),
  badDebt: Amount,
});
export type CreditLineView = z.output<typeof CreditLineView>;

export const PriceView = z.object({
  price: Amount.nullable(),
  attestedAt: Seconds.nullable(),
  stale: z.boolean(),
  pending: z.object({ price: Amount, attestedAt: Seconds, effectiveAt: Seconds }).nullable(),
});
export type PriceView = z.output<typeof PriceView>;

const bps = z.number().int().nonnegative();
const perAssetBps = z.object({ COMM: bps, ADA: bps, BTC: bps, ETH: bps });
export const CreditParamsView = z.object({
  drawRatioBps: perAssetBps,
  tierBonusBps: z.object({ Bronze: bps, Silver: bps, Gold: bps }),
  drawCapBps: perAssetBps,
  liquidationThresholdBps: perAssetBps,
  feeRateBpsPerYear: bps,
  minDebt: Amount,
  curePeriodSeconds: Seconds,
  liquidationPenaltyBps: bps,
  closeFactorBps: bps,
  fullLiquidationHealthBps: bps,
  priceMaxAgeSeconds: Seconds,
  priceJumpBps: bps,
  priceConfirmDelaySeconds: Seconds,
  debtCeiling: PerAssetView,
});
export type CreditParamsView = z.output<typeof CreditParamsView>;

export const CreditTotalsView = z.object({
  drawn: Amount,
  principalRepaid: Amount,
  feesRepaid: Amount,
  principalSetOff: Amount,
  feesSetOff: Amount,
  principalLiquidated: Amount,
  feesLiquidated: Amount,
  principalWrittenOff: Amount,
  feesWrittenOff: Amount,
  claimed: PerAssetView,
  attributed: PerAssetView,
});

export const CreditView = z.object({
  time: Seconds,
  lines: z.array(CreditLineView),
  prices: z.object({ ADA: PriceView, BTC: PriceView, ETH: PriceView }),
  params: CreditParamsView,
  totals: CreditTotalsView,
});
export type CreditView = z.output<typeof CreditView>;

type State = CommonsState & CreditSlice;

/** One line as the views show it, its figures computed at the state's time. */
export function lineView(state: State, line: CreditLine): CreditLineView {
  const p = state.params;
  const tier = state.members.get(line.owner)?.tier ?? 'None';
  const current = healthPrices(state.credit.prices);
  // Fees are computed when read, at the state's time (SPEC §4: simple interest, rounded up).
  const fees = feesAt(line, state.time);
  const debt = line.principal + fees;
  const weighted = weightedOf(line.collateral, current, p);
  const unhealthy = isUnhealthy(weighted, debt);
  const full = atOrBelowFullLine(weighted, debt, p.fullLiquidationHealthBps);
  const collateralValue = Object.fromEntries(COLLATERAL_ASSETS.map((a) => [a, valueOf(a, line.collateral[a], current)])) as CreditLineView['collateralValue'];
  return {
    vault: line.vault,
    owner: line.owner,
    tier,
    collateral: { ...line.collateral },
    collateralValue,
    capacity: capacityOf(line.collateral, drawPrices(state.credit.prices, state.time, p.priceMaxAgeSeconds), p, tier),
    principal: line.principal,
    fees,
    debt,
    feesBase: line.feesBase,
    accruedAt: line.accruedAt,
    rateBps: line.rateBps,
    weighted,
    healthBps: healthBpsOf(weighted, debt),
    frozen: line.frozenAt !== null,
    frozenAt: line.frozenAt,
    cureUntil: line.cureUntil,
    liquidatable: unhealthy && (full || (line.cureUntil !== null && state.time >= line.cureUntil)),
    fullLiquidation: full,
    liquidations: line.liquidations.map((l) => ({ ...l, claims: l.claims.map((c) => ({ ...c })) })),
    badDebt: line.badDebt,
  };
}

export function creditView(state: State): CreditView {
  const p = state.params;
  const prices = Object.fromEntries(
    MARKET_ASSETS.map((asset) => {
      const { current, pending } = state.credit.prices[asset];
      return [
        asset,
        {
          price: current?.price ?? null,
          attestedAt: current?.attestedAt ?? null,
          stale: current !== null && state.time - current.attestedAt > p.priceMaxAgeSeconds,
          pending: pending ? { ...pending } : null,
        },
      ];
    }),
  ) as CreditView['prices'];
  return {
    time: state.time,
    lines: [...state.credit.lines.values()].map((line) => lineView(state, line)),
    prices,
    params: {
      drawRatioBps: { ...p.drawRatioBps },
      tierBonusBps: { ...p.tierBonusBps },
      drawCapBps: { ...p.drawCapBps },
      liquidationThresholdBps: { ...p.liquidationThresholdBps },
      feeRateBpsPerYear: p.feeRateBpsPerYear,
      minDebt: p.minDebt,
      curePeriodSeconds: p.curePeriodSeconds,
      liquidationPenaltyBps: p.liquidationPenaltyBps,
      closeFactorBps: p.closeFactorBps,
      fullLiquidationHealthBps: p.fullLiquidationHealthBps,
      priceMaxAgeSeconds: p.priceMaxAgeSeconds,
      priceJumpBps: p.priceJumpBps,
      priceConfirmDelaySeconds: p.priceConfirmDelaySeconds,
      debtCeiling: { ...p.debtCeiling },
    },
    totals: { ...state.credit.totals, claimed: { ...state.credit.totals.claimed }, attributed: { ...state.credit.totals.attributed } },
  };
}

const shape = { credit: CreditView };

export const creditModuleView: ModuleView<CreditSlice, typeof shape> = {
  state: (state) => ({ credit: creditView(state as State) }),
  commons: { shape, of: (state) => ({ credit: creditView(state as State) }) },
};
