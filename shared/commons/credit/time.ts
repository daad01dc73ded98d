/**
 * Time passing for VELOC (SPEC §4), from absolute times so that one step a→c equals a→b→c:
 *
 * - Fees: `fees = feesAt(line, to)` from the line's `feesBase` and `accruedAt`. When the fee rate
 *   parameter changed (a passed proposal, in the entry at `from`), the line's fees are first fixed
 *   at `from` under its old rate and accrue at the new rate from then on.
 * - Freezing: a line whose health is below 1 at `from` (a threshold lowered in the entry at
 *   `from`) freezes at `from`; one that fees carry below 1 inside the step freezes at the exact
 *   second they do (`feeCrossingTime`), and its cure period of `curePeriodSeconds` starts then.
 */
import { feeCrossingTime, feesAt, healthPrices, weightedOf } from './figures';
import { type State } from './line';
import { type CreditLine } from './state';

export function creditOnTime(state: State, from: number, to: number): State {
  const lines = state.credit.lines;
  if (lines.size === 0) return state;
  const p = state.params;
  const prices = healthPrices(state.credit.prices);
  const next = lines.withMutations((map) => {
    for (const line0 of lines.values()) {
      if (line0.principal === 0n && line0.fees === 0n) continue;
      let line: CreditLine = line0;
      if (line.rateBps !== p.feeRateBpsPerYear) {
        const fixed = feesAt(line, from);
        line = { ...line, feesBase: fixed, accruedAt: from, rateBps: p.feeRateBpsPerYear };
      }
      const fees = feesAt(line, to);
      if (line.frozenAt === null) {
        const weighted = weightedOf(line.collateral, prices, p);
        const crossing = weighted < line.principal + line.fees ? from : feeCrossingTime(line, weighted);
        if (crossing !== null && crossing <= to) {
          const at = Math.max(crossing, from);
          line = { ...line, frozenAt: at, cureUntil: at + p.curePeriodSeconds };
        }
      }
      if (fees !== line.fees || line !== line0) map.set(line.vault, { ...line, fees });
    }
  });
  return next === lines ? state : { ...state, credit: { ...state.credit, lines: next } };
}
