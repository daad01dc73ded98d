/**
 * What the dashboard shows of ballots: the tallies (`c3 state --json` does not list them). The
 * tally of a registered proposal is hidden while its vote is open (SPEC §7: running tallies of
 * anonymous votes stay hidden until close; the proposal's view shows the count of ballots).
 */
import { z } from 'zod';
import { type ModuleView } from '../module';
import { type BallotsSlice } from './state';
import { type GovernanceSlice } from '../governance/state';

const shape = {
  /** Anonymous one-member-one-vote tallies by proposal id (SPEC §7). */
  ballots: z.record(z.string(), z.object({ yes: z.number().int(), no: z.number().int(), abstain: z.number().int() })),
};

export const ballotsView: ModuleView<BallotsSlice & GovernanceSlice & { time: number }, typeof shape> = {
  commons: {
    shape,
    of: (state) => ({
      ballots: Object.fromEntries(
        [...state.ballots.entries()].filter(([id]) => {
          const proposal = state.proposals.get(id);
          return !proposal || proposal.canceledAt !== null || state.time >= proposal.endsAt;
        }),
      ),
    }),
  },
};
