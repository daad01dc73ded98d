/** The ballots module (SPEC §7): anonymous one-member-one-vote ballots. */
import { OrderedMap } from 'immutable';
import { ok } from '../../result';
import { ZK_PROOF, action, defineModule } from '../module';
import { ballotsSentences } from './errors';
import { castAnonymousBallot } from './handlers';
import { AnonymousBallotPayload } from './payloads';
import { type BallotsSlice } from './state';
import { ballotsView } from './view';

const initial: BallotsSlice = { ballots: OrderedMap() };

export const ballots = defineModule({
  name: 'ballots',
  actions: {
    'ballot.anonymous': action({
      payload: AnonymousBallotPayload,
      authority: ZK_PROOF,
      handle: castAnonymousBallot,
      proofs: (p) => [{ circuit: 'membership', publicSignals: p.publicSignals, proof: p.proof }],
    }),
  },
  state: { initial: () => ok(initial) },
  errors: ballotsSentences,
  view: ballotsView,
});
