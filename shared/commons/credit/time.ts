/**
 * Time passing for VELOC (SPEC §4), from absolute times so that one step a→c equals a→b→c:
 *
 * - Fees are not stored by the time step: they are computed when read, `feesAt(line, t)` from the
 *   line's `feesBase`, `accruedAt` and `rateBps`. When the fee rate parameter changed (a passed
 *   proposal, in the entry at `from`), each line owing something has its fees first fixed at
 *   `from` under its old rate and accrues at the new rate from then on.
 * - Freezing: a line whose health is below 1 at `from` (a threshold lowered in the entry at
 *   `from`) freezes at `from`; one that fees carry below 1 inside the step freezes at the exact
 *   second they do (`crossingAt`, crossing.ts), and its cure period of `curePeriodSeconds` starts
 *   then.
 *
 * Cost: a step that ends before the earliest crossing (`nextCrossing`) changes nothing and costs
 * nothing, whatever the number of lines; one that reaches it scans the lines' crossing times
 * (plain numbers) and freezes only the lines whose crossing has come. Only a change of the fee
 * rate or a threshold makes the next step recompute every line (once).
 */
import { basisOf, earliestCrossing, sameBasis, withCrossing } from './crossing';
import { feesAt, healthPrices } from './figures';
import { type State } from './line';
import { type CreditLine } from './state';

export function creditOnTime(state: State, from: number, to: number): State {
  if (state.credit.lines.size === 0) return state;
  const reconciled = sameBasis(state.credit.basis, state.params) ? state : rebased(state, from);
  const next = reconciled.credit.nextCrossing;
  return next === null || next > to ? reconciled : frozenByFees(reconciled, from, to);
}

/**
 * After a change of the fee rate or a threshold (or at the first step): fees fixed at `from`
 * under each line's old rate where the rate changed, and every crossing recomputed.
 */
function rebased(state: State, from: number): State {
  const p = state.params;
  const prices = healthPrices(state.credit.prices);
  const lines = state.credit.lines.withMutations((map) => {
    for (const line0 of state.credit.lines.values()) {
      let line = line0;
      const owes = line.principal !== 0n || line.feesBase !== 0n;
      if (owes && line.rateBps !== p.feeRateBpsPerYear) line = { ...line, feesBase: feesAt(line, from), accruedAt: from, rateBps: p.feeRateBpsPerYear };
      line = withCrossing(line, prices, p);
      if (line !== line0) map.set(line.vault, line);
    }
  });
  return { ...state, credit: { ...state.credit, lines, nextCrossing: earliestCrossing(lines), basis: basisOf(p) } };
}

/** Freezes every line whose crossing is at or before `to`, at that second (or `from`, if it was earlier). */
function frozenByFees(state: State, from: number, to: number): State {
  const cure = state.params.curePeriodSeconds;
  const due: CreditLine[] = [];
  for (const line of state.credit.lines.values()) if (line.crossingAt !== null && line.crossingAt <= to) due.push(line);
  const lines = state.credit.lines.withMutations((map) => {
    for (const line of due) {
      const at = Math.max(line.crossingAt!, from);
      // A frozen line has no crossing until an action thaws it (line.ts `settled`, crossing.ts `putLine`).
      map.set(line.vault, { ...line, frozenAt: at, cureUntil: at + cure, crossingAt: null });
    }
  });
  return { ...state, credit: { ...state.credit, lines, nextCrossing: earliestCrossing(lines) } };
}
