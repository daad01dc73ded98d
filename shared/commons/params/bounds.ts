/**
 * The bounds every set of parameters must keep (SPEC §4 and sensible limits for the rest), as one
 * pure function: genesis checks the parameters it sets, and `params.set` (SPEC §7, "re-checks
 * every parameter bound of §4" when a passed proposal executes) checks them again.
 *
 * - Per asset: draw ratio ≤ draw cap (the tier bonus is added, then capped).
 * - Market assets (ADA, BTC, ETH): draw cap < liquidation threshold ≤ 10000; COMM, valued at par
 *   and set off rather than sold: draw cap ≤ threshold ≤ 10000.
 * - Market assets: threshold × (10000 + penalty) ≤ 10000 × 10000, so that a liquidation can pay
 *   its penalty out of the collateral (Aave's LT × bonus ≤ 100 %).
 * - Shares (of collateral, of a vote, of revenue, of a reserve, of a price band) are at most 10000
 *   bps; vote thresholds at least 1, and a collateral-ratio vote at least as demanding as others.
 * - Tiers are reached in order: Bronze before Silver before Gold, in periods and in points.
 * - A mediator panel has at least one member (the schema's `positive`).
 */
import { type Result, err, ok } from '../../result';
import { type ParamOutOfBounds, fail } from './errors';
import { type Params } from './schema';

export { type ParamOutOfBounds } from './errors';

const FULL = 10_000;
const MARKET_ASSETS = ['ADA', 'BTC', 'ETH'] as const;
const ASSETS = ['COMM', ...MARKET_ASSETS] as const;

type Relation = ParamOutOfBounds['relation'];
type Rule = readonly [param: string, value: number, relation: Relation, bound: number];

const holds = ([, value, relation, bound]: Rule): boolean =>
  relation === '<' ? value < bound : relation === '≤' ? value <= bound : value >= bound;

function rules(p: Params): Rule[] {
  const list: Rule[] = [];
  for (const asset of ASSETS) {
    const cap = p.drawCapBps[asset];
    const threshold = p.liquidationThresholdBps[asset];
    list.push([`drawRatioBps.${asset}`, p.drawRatioBps[asset], '≤', cap]);
    list.push([`drawCapBps.${asset}`, cap, asset === 'COMM' ? '≤' : '<', threshold]);
    list.push([`liquidationThresholdBps.${asset}`, threshold, '≤', FULL]);
  }
  // threshold × (10000 + penalty) ≤ 10000², for integers the same as threshold ≤ ⌊10000² / (10000 + penalty)⌋.
  const penaltyBound = Math.floor((FULL * FULL) / (FULL + p.liquidationPenaltyBps));
  for (const asset of MARKET_ASSETS) list.push([`liquidationThresholdBps.${asset}`, p.liquidationThresholdBps[asset], '≤', penaltyBound]);
  for (const tier of ['Bronze', 'Silver', 'Gold'] as const) list.push([`tierBonusBps.${tier}`, p.tierBonusBps[tier], '≤', FULL]);
  const shares = ['voteThresholdBps', 'collateralVoteThresholdBps', 'lossReserveShareBps', 'lossSharingMaxBps', 'reserveBps', 'dexBandBps', 'quorumBps'] as const;
  for (const share of shares) list.push([share, p[share], '≤', FULL]);
  list.push(['voteThresholdBps', p.voteThresholdBps, '≥', 1]);
  list.push(['collateralVoteThresholdBps', p.collateralVoteThresholdBps, '≥', p.voteThresholdBps]);
  list.push(['tiers.silverPeriods', p.tiers.silverPeriods, '≥', p.tiers.bronzePeriods]);
  list.push(['tiers.goldPeriods', p.tiers.goldPeriods, '≥', p.tiers.silverPeriods]);
  list.push(['tiers.goldPoints', p.tiers.goldPoints, '≥', p.tiers.silverPoints]);
  list.push(['mediatorPanelSize', p.mediatorPanelSize, '≥', 1]);
  // SPEC §4: a liquidation repays a share of the debt (the close factor, at least something,
  // at most all of it); the full-liquidation line lies at or below health 1.
  list.push(['closeFactorBps', p.closeFactorBps, '≥', 1]);
  list.push(['closeFactorBps', p.closeFactorBps, '≤', FULL]);
  list.push(['fullLiquidationHealthBps', p.fullLiquidationHealthBps, '≤', FULL]);
  // SPEC §7: a vote lasts at least an hour, and a passed proposal can be executed for at least a day.
  list.push(['votingPeriodSeconds', p.votingPeriodSeconds, '≥', 3_600]);
  list.push(['executionGraceSeconds', p.executionGraceSeconds, '≥', 86_400]);
  // SPEC §8: a share of the loss reserve per case.
  list.push(['lossReserveMaxShareBps', p.lossReserveMaxShareBps, '≤', FULL]);
  return list;
}

/** The first bound that `params` breaks, naming the parameter, its value and the bound; or ok. */
export function checkParamBounds(params: Params): Result<null, ParamOutOfBounds> {
  const broken = rules(params).find((rule) => !holds(rule));
  if (!broken) return ok(null);
  const [param, value, relation, bound] = broken;
  return err(fail('ParamOutOfBounds', { param, value, relation, bound }));
}
