/** What the dashboard shows of ballots: the tallies (`c3 state --json` does not list them). */
import { z } from 'zod';
import { type ModuleView } from '../module';
import { type BallotsSlice } from './state';

const shape = {
  /** Anonymous one-member-one-vote tallies by proposal id (SPEC §7). */
  ballots: z.record(z.string(), z.object({ yes: z.number().int(), no: z.number().int(), abstain: z.number().int() })),
};

export const ballotsView: ModuleView<BallotsSlice, typeof shape> = {
  commons: { shape, of: (state) => ({ ballots: Object.fromEntries(state.ballots) }) },
};
