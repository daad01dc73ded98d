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

const perAssetAmount = z.strictObject({ COMM: NonNegativeAmount, ADA: NonNegativeAmount, BTC: NonNegativeAmount, ETH: NonNegativeAmount });

/**
 * What version 2 adds (credit and work: SPEC §4, §5, §6, and the patronage weights of §9 that
 * those flows record). A version 2 genesis sets them; a version 1 Commons takes their defaults
 * (defaults.ts). Open to additions until version 2 is released to a real Commons.
 */
export const ParamsV2Additions = {
  /** SPEC §4: the Commons' global debt ceiling per collateral asset, CONX minor units. */
  debtCeiling: perAssetAmount,
  /** SPEC §4: share of the remaining debt one liquidation may repay while health is above the full-liquidation line. */
  closeFactorBps: bps,
  /** SPEC §4: at or below this health (bps of 1.0) a line is liquidatable at once and in full. */
  fullLiquidationHealthBps: bps,
  /** SPEC §4: how long after a price jump the confirming attestation may come (Maker's OSM delay). */
  priceConfirmDelaySeconds: z.number().int().nonnegative(),
  /**
   * SPEC §9: patronage points per source. Value sources in bps of a point per whole CONX
   * (10000 = one point per CONX), rounded down; counted sources in points per event.
   */
  patronageWeights: z.strictObject({
    feesPaidBps: bps,
    dexVolumeBps: bps,
    stakesGivenBps: bps,
    offerCompletedPoints: z.number().int().nonnegative(),
    voteCastPoints: z.number().int().nonnegative(),
  }),
  /** SPEC §7: from a proposal's creation to the start of its vote (pending; its author may cancel), seconds. */
  votingDelaySeconds: z.number().int().nonnegative(),
  /** SPEC §7: how long a vote stays open (active), seconds. */
  votingPeriodSeconds: z.number().int().positive(),
  /** SPEC §7: the weight (burn votes) or ballots (one member, one vote) a faction must cast, bps of its snapshot supply or of the members. */
  quorumBps: bps,
  /** SPEC §7: how long after its timelock a passed proposal may still execute (queued → expired), seconds. */
  executionGraceSeconds: z.number().int().positive(),
  /** SPEC §8: the deadline of each step of a dispute (the panel's proposal, the parties' answers, the community vote), seconds. */
  disputeStepSeconds: z.number().int().positive(),
  /** SPEC §8: at most this share of the loss reserve's balance meets one case's loss. */
  lossReserveMaxShareBps: bps,
} as const;

/** Version 2's parameters: what a version 2 genesis payload carries. */
export const ParamsV2 = ParamsV1.extend(ParamsV2Additions);
export type ParamsV2 = z.output<typeof ParamsV2>;

/** Every parameter of every version (version 1's, then what later versions add with `.extend`). */
export const Params = ParamsV2;
export type Params = z.output<typeof Params>;
