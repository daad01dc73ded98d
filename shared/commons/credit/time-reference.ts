/**
 * Tests only: the time step as it was before the crossing index (crossing.ts), a full pass over
 * every line at every entry, kept as the reference the fast time step (time.ts) is checked
 * against (time.test.ts). It reads no `crossingAt`, `nextCrossing` or `basis`: each line's rate,
 * health and freezing are recomputed from the line, the prices and the parameters alone.
 * It also returns each line's fees at `to` as the old pass stored them.
 */
import { type Address } from '../state';
import { feeCrossingTime, feesAt, healthPrices, weightedOf } from './figures';
import { type State } from './line';
import { type CreditLine } from './state';

export function referenceOnTime(state: State, from: number, to: number): { state: State; fees: ReadonlyMap<Address, bigint> } {
  const lines = state.credit.lines;
  const p = state.params;
  const prices = healthPrices(state.credit.prices);
  const fees = new Map<Address, bigint>();
  const next = lines.withMutations((map) => {
    for (const line0 of lines.values()) {
      if (line0.principal === 0n && feesAt(line0, from) === 0n) {
        fees.set(line0.vault, 0n);
        continue;
      }
      let line: CreditLine = line0;
      if (line.rateBps !== p.feeRateBpsPerYear) line = { ...line, feesBase: feesAt(line, from), accruedAt: from, rateBps: p.feeRateBpsPerYear };
      fees.set(line.vault, feesAt(line, to));
      if (line.frozenAt === null) {
        const weighted = weightedOf(line.collateral, prices, p);
        const crossing = weighted < line.principal + feesAt(line, from) ? from : feeCrossingTime(line, weighted);
        if (crossing !== null && crossing <= to) {
          const at = Math.max(crossing, from);
          line = { ...line, frozenAt: at, cureUntil: at + p.curePeriodSeconds };
        }
      }
      if (line !== line0) map.set(line.vault, line);
    }
  });
  return { state: { ...state, credit: { ...state.credit, lines: next } }, fees };
}
