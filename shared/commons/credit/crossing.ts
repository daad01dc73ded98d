/**
 * The index that lets time pass cheaply over many credit lines (SPEC §4: "fees accruing across
 * the line is a time event"). Fees are computed when read, so the only thing a time step has to
 * do is freeze the lines that fees carry below health 1, at the exact second they do. Each line
 * keeps that second (`crossingAt`, figures.ts `feeCrossingTime`), and the slice keeps the earliest
 * over all lines (`nextCrossing`): a time step that ends before it does nothing.
 *
 * A crossing depends on the line, the current health prices, the liquidation thresholds and the
 * fee rate. So it is recomputed
 * - for a line, whenever the line is put back (every credit action: `putLine`);
 * - for the lines holding an asset, when that asset's price changes (prices.ts);
 * - for every line, at the first time step after the fee rate or a threshold changed
 *   (`params.set`): `basis` records the parameters the crossings were computed with.
 * `nextCrossing` is always exactly the minimum over the lines, so the state (and its hash) does
 * not depend on the path by which it was reached.
 */
import { type Map as ImmutableMap } from 'immutable';
import { type Address, type CommonsState } from '../state';
import { feeCrossingTime, healthPrices, type Prices, type RatioParams, weightedOf } from './figures';
import { COLLATERAL_ASSETS, type CreditLine, type CreditSlice, type CrossingBasis } from './state';

type State = CommonsState & CreditSlice;

/** The second fees carry the (unfrozen) line below health 1 at these prices, or null. */
export function crossingOf(line: CreditLine, prices: Prices, params: RatioParams): number | null {
  if (line.frozenAt !== null) return null;
  return feeCrossingTime(line, weightedOf(line.collateral, prices, params));
}

/** The line with its crossing recomputed (the same object when it did not change). */
export function withCrossing(line: CreditLine, prices: Prices, params: RatioParams): CreditLine {
  const crossingAt = crossingOf(line, prices, params);
  return crossingAt === line.crossingAt ? line : { ...line, crossingAt };
}

/** The earliest crossing over all lines (a scan of plain numbers, no arithmetic). */
export function earliestCrossing(lines: ImmutableMap<Address, CreditLine>): number | null {
  let earliest: number | null = null;
  for (const line of lines.values()) {
    const c = line.crossingAt;
    if (c !== null && (earliest === null || c < earliest)) earliest = c;
  }
  return earliest;
}

/** Puts a line into the state with its crossing recomputed and `nextCrossing` kept exact. */
export function putLine(state: State, line: CreditLine): State {
  const indexed = withCrossing(line, healthPrices(state.credit.prices), state.params);
  const before = state.credit.lines.get(line.vault)?.crossingAt ?? null;
  const lines = state.credit.lines.set(line.vault, indexed);
  const c = indexed.crossingAt;
  let nextCrossing = state.credit.nextCrossing;
  if (c !== null && (nextCrossing === null || c < nextCrossing)) nextCrossing = c;
  // The line that held the earliest crossing moved it later (or lost it): look for the next one.
  else if (before !== null && before === nextCrossing && c !== before) nextCrossing = earliestCrossing(lines);
  return { ...state, credit: { ...state.credit, lines, nextCrossing } };
}

/** Replaces a set of lines at once (each with its crossing recomputed), then finds the earliest crossing once. */
export function putLines(state: State, changed: Iterable<CreditLine>): State {
  const prices = healthPrices(state.credit.prices);
  const lines = state.credit.lines.withMutations((map) => {
    for (const line of changed) map.set(line.vault, withCrossing(line, prices, state.params));
  });
  return { ...state, credit: { ...state.credit, lines, nextCrossing: earliestCrossing(lines) } };
}

export const basisOf = (params: CrossingBasis): CrossingBasis => ({
  feeRateBpsPerYear: params.feeRateBpsPerYear,
  liquidationThresholdBps: { ...params.liquidationThresholdBps },
});

/** Whether the crossings were computed with the fee rate and thresholds now in force. */
export function sameBasis(basis: CrossingBasis | null | undefined, params: CrossingBasis): boolean {
  // undefined: a state saved before lines kept their crossings (a projection); the step recomputes them.
  if (basis === null || basis === undefined || basis.feeRateBpsPerYear !== params.feeRateBpsPerYear) return false;
  return COLLATERAL_ASSETS.every((a) => basis.liquidationThresholdBps[a] === params.liquidationThresholdBps[a]);
}
