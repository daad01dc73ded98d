/**
 * Read models of the state: the `c3 state --json` shape, and the dashboard's CommonsView
 * (shared/contract/commons-view.ts), both folded from a verified ledger, never written by hand;
 * each module shows its own part (`<module>/view.ts`).
 */
import { type CommonsView } from '../contract/commons-view';
import { commons } from './ledger';
import { type ViewOptions } from './module';
import { type CommonsState } from './state';

export { memberBalances } from './identity/view';

export const stateView = (state: CommonsState): Record<string, unknown> => commons.stateView(state);

/** The dashboard's view of a Commons. `emulated` marks signers on the emulators' keys (demo). */
export const toCommonsView = (state: CommonsState, options: ViewOptions): CommonsView => commons.toCommonsView(state, options);
