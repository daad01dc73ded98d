/** The staking module (SPEC §5): M2M stake requests, stakes, release, repayment, PMT, reputations. */
import { Map as ImmutableMap, OrderedMap } from 'immutable';
import { ok } from '../../result';
import { MEMBER, VAULT_QUORUM, action, defineModule } from '../module';
import { stakingSentences } from './errors';
import { giveStake, releaseStake, requestStake } from './handlers';
import { StakeGivePayload, StakeReleasePayload, StakeRequestPayload } from './payloads';
import { type StakingSlice } from './state';
import { stakingView } from './view';

const initial: StakingSlice = { stakeRequests: OrderedMap(), stakes: OrderedMap(), reputations: ImmutableMap() };

export const staking = defineModule({
  name: 'staking',
  actions: {
    'stake.request': action({ payload: StakeRequestPayload, authority: MEMBER, handle: requestStake }),
    'stake.give': action({ payload: StakeGivePayload, authority: VAULT_QUORUM, handle: giveStake }),
    'stake.release': action({ payload: StakeReleasePayload, authority: MEMBER, handle: releaseStake }),
  },
  state: { initial: () => ok(initial) },
  errors: stakingSentences,
  view: stakingView,
});

export { NO_REPUTATION, REQUEST_STATES, type Reputation, type Stake, type StakeRequest, stakeEscrowId } from './state';
export * from './exports';
