/**
 * Governance parameters with the defaults of SPEC.md (every number marked *(param)*). They change
 * only through governance (SPEC §7, a later issue); the genesis entry may set them.
 */
import { z } from 'zod';
import { NonNegativeAmount } from '../money';

const DAY = 86_400;
const bps = z.number().int().min(0).max(100_000);
const perAsset = z.object({ COMM: bps, ADA: bps, BTC: bps, ETH: bps });

export const Params = z.strictObject({
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
export type Params = z.output<typeof Params>;

const units = (whole: bigint) => whole * 1_000_000n;

export const DEFAULT_PARAMS: Params = {
  factionCooldownSeconds: 90 * DAY,
  burnToCommRateBps: 10_000,
  burnToConxRateBps: 10_000,
  tiers: { bronzePeriods: 2, silverPeriods: 6, silverPoints: 1_000, goldPeriods: 12, goldPoints: 5_000 },
  drawRatioBps: { COMM: 10_000, ADA: 9_000, BTC: 5_000, ETH: 4_000 },
  tierBonusBps: { Bronze: 500, Silver: 1_000, Gold: 1_500 },
  drawCapBps: { COMM: 10_000, ADA: 9_000, BTC: 6_500, ETH: 5_500 },
  liquidationThresholdBps: { COMM: 10_000, ADA: 9_500, BTC: 8_000, ETH: 7_000 },
  priceMaxAgeSeconds: DAY,
  priceJumpBps: 3_000,
  feeRateBpsPerYear: 200,
  minDebt: units(100n),
  curePeriodSeconds: 72 * 3_600,
  liquidationPenaltyBps: 500,
  stakerPmtCap: units(1_000n),
  voteThresholdBps: 5_000,
  collateralVoteThresholdBps: 6_667,
  timelockSeconds: 48 * 3_600,
  mediatorPanelSize: 3,
  lossReserveShareBps: 5_000,
  lossSharingMaxBps: 5_000,
  appealWindowSeconds: 7 * DAY,
  reserveBps: 1_000,
  dexBandBps: 500,
};
