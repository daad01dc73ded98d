/**
 * What the credit history (credit-history.ts) reads of a state, from the credit module's slice
 * (shared/commons/credit): the vaults with a line, the line and the prices (compared by reference:
 * the state is persistent, so an entry that did not touch them leaves the very same objects), and
 * the line's figures exactly as the dashboard's view computes them (`lineView`).
 */
import { lineView } from '../../../shared/commons/credit/view';
import { type CreditProbe } from './credit-history';

const MAX_HEALTH_BPS = BigInt(Number.MAX_SAFE_INTEGER);

export const creditProbe: CreditProbe = {
  vaults: (state) => state.credit.lines.keys(),
  line: (state, vault) => state.credit.lines.get(vault),
  prices: (state) => state.credit.prices,
  figures(state, vault) {
    const line = state.credit.lines.get(vault);
    if (!line) return null;
    const view = lineView(state, line);
    const health = view.healthBps;
    return { healthBps: health === null ? null : Number(health > MAX_HEALTH_BPS ? MAX_HEALTH_BPS : health), capacity: view.capacity, debt: view.debt };
  },
};
