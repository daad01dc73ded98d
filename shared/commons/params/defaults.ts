/**
 * The defaults of every parameter, by the version of the log format that brought it (SPEC.md's
 * numbers marked *(param)*).
 */
import { type Params, type ParamsV1, type ParamsV2 } from './schema';

const DAY = 86_400;
const units = (whole: bigint) => whole * 1_000_000n;

/** Version 1's defaults: what a new Commons' genesis entry sets (SPEC.md). */
export const DEFAULT_PARAMS: ParamsV1 = {
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

/**
 * The parameters each version of the log format brought, with their defaults. A genesis entry of
 * version v sets the parameters of versions up to v; a parameter of a later version takes its
 * default here until `params.set` changes it. So a later module adds its parameters as a new row
 * (and extends `Params`), and every older log keeps its Commons id and verifies unchanged.
 */
export const PARAM_DEFAULTS_BY_VERSION: Readonly<Record<number, Readonly<Partial<Params>>>> = {
  1: DEFAULT_PARAMS,
  2: {
    // SPEC gives no number for the ceilings: generous for a co-operative, lowered by governance.
    debtCeiling: { COMM: units(50_000_000n), ADA: units(10_000_000n), BTC: units(10_000_000n), ETH: units(10_000_000n) },
    closeFactorBps: 5_000,
    fullLiquidationHealthBps: 9_500,
    priceConfirmDelaySeconds: 3_600,
    patronageWeights: { feesPaidBps: 10_000, dexVolumeBps: 100, stakesGivenBps: 100, offerCompletedPoints: 100, voteCastPoints: 10 },
    // SPEC §7 governance (OpenZeppelin Governor's delay, period and quorum; the timelock is version 1's timelockSeconds).
    votingDelaySeconds: DAY,
    votingPeriodSeconds: 7 * DAY,
    quorumBps: 1_000,
    executionGraceSeconds: 14 * DAY,
    // SPEC §8: a week for each step of a dispute, as for the appeal window; half the loss reserve per case.
    disputeStepSeconds: 7 * DAY,
    lossReserveMaxShareBps: 5_000,
  },
};

/** Version 2's defaults: what a new Commons' genesis entry sets today. */
export const DEFAULT_PARAMS_V2: ParamsV2 = { ...DEFAULT_PARAMS, ...PARAM_DEFAULTS_BY_VERSION[2] } as ParamsV2;

/** The parameters a Commons starts with: those its genesis set, then the defaults of every later version. */
export function paramsAtGenesis(set: ParamsV1 | ParamsV2, logVersion: number, table: Readonly<Record<number, object>> = PARAM_DEFAULTS_BY_VERSION): Params {
  const params: Record<string, unknown> = { ...set };
  const later = Object.keys(table)
    .map(Number)
    .filter((version) => version > logVersion)
    .sort((a, b) => a - b);
  for (const version of later) {
    for (const [name, value] of Object.entries(table[version] ?? {})) if (!(name in params)) params[name] = value;
  }
  return params as Params;
}
