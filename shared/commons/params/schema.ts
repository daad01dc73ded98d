/**
 * Governance parameters (SPEC.md: every number marked *(param)*). Version 1's set is frozen: it is
 * the strict `params` of every genesis payload, so an existing log keeps its Commons id. A later
 * version adds parameters by extending `Params` below and giving them defaults in
 * `PARAM_DEFAULTS_BY_VERSION` (defaults.ts); they change only through `params.set` (SPEC §7).
 */
import { z } from 'zod';
import { NonNegativeAmount } from '../../money';

const bps = z.number().int().min(0).max(100_000);
const perAsset = z.object({ COMM: bps, ADA: bps, BTC: bps, ETH: bps });

/** Version 1's parameters: exactly what a genesis payload carries (never change this schema). */
export const ParamsV1 = z.strictObject({
  /** SPEC §1: cool-down between faction changes, seconds. */
  factionCooldownSeconds: z.number().int().nonnegative(),
  /** SPEC §2: PPT → COMM and PPT → CONX, bps (10000 = 1:1). */
  burnToCommRateBps: bps,
  burnToConxRateBps: bps,
  /** SPEC §1 tiers. */
  tiers: z.strictObject({
    bronzePeriods: z.number().int().nonnegative(),
    silverPeriods: z.number().int().nonnegative(),
    silverPoints: z.number().int().nonnegative(),
    goldPeriods: z.number().int().nonnegative(),
    goldPoints: z.number().int().nonnegative(),
  }),
  /** SPEC §4 VELOC. */
  drawRatioBps: perAsset,
  tierBonusBps: z.strictObject({ Bronze: bps, Silver: bps, Gold: bps }),
  drawCapBps: perAsset,
  liquidationThresholdBps: perAsset,
  priceMaxAgeSeconds: z.number().int().nonnegative(),
  priceJumpBps: bps,
  feeRateBpsPerYear: bps,
  minDebt: NonNegativeAmount,
  curePeriodSeconds: z.number().int().nonnegative(),
  liquidationPenaltyBps: bps,
  /** SPEC §5: PMT credited per staker, at most. */
  stakerPmtCap: NonNegativeAmount,
  /** SPEC §7. */
  voteThresholdBps: bps,
  collateralVoteThresholdBps: bps,
  timelockSeconds: z.number().int().nonnegative(),
  /** SPEC §8. */
  mediatorPanelSize: z.number().int().positive(),
  lossReserveShareBps: bps,
  lossSharingMaxBps: bps,
  appealWindowSeconds: z.number().int().nonnegative(),
  /** SPEC §9. */
  reserveBps: bps,
  /** SPEC §10. */
  dexBandBps: bps,
});
export type ParamsV1 = z.output<typeof ParamsV1>;

/** Every parameter of every version (version 1's, then what later versions add with `.extend`). */
export const Params = ParamsV1;
export type Params = z.output<typeof Params>;
