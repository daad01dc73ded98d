/** The Judicial Loop (SPEC §8): disputes, mediator panels, restorative resolutions, the community vote, appeals, default rulings and the loss order. */
import { OrderedMap } from 'immutable';
import { ok } from '../../result';
import { MEMBER, VAULT_QUORUM, action, defineModule } from '../module';
import { judicialSentences } from './errors';
import { acceptResolution, appealDispute, openDispute, payDispute, proposeResolution, rejectResolution, voteOnDispute } from './handlers';
import { DisputeOpenPayload, DisputePayPayload, DisputeProposePayload, DisputeReasonPayload, DisputeRefPayload, DisputeVotePayload } from './payloads';
import { type JudicialSlice } from './state';
import { judicialOnTime } from './time';
import { judicialView } from './view';

const initial: JudicialSlice = { disputes: OrderedMap() };

export const judicial = defineModule({
  name: 'judicial',
  actions: {
    'dispute.open': action({ payload: DisputeOpenPayload, authority: MEMBER, handle: openDispute }),
    // The dispute's panel vault, under its quorum (a majority of the panelists); the handler checks it is this dispute's.
    'dispute.propose': action({ payload: DisputeProposePayload, authority: VAULT_QUORUM, handle: proposeResolution }),
    'dispute.accept': action({ payload: DisputeRefPayload, authority: MEMBER, handle: acceptResolution }),
    'dispute.reject': action({ payload: DisputeReasonPayload, authority: MEMBER, handle: rejectResolution }),
    'dispute.vote': action({ payload: DisputeVotePayload, authority: MEMBER, handle: voteOnDispute }),
    'dispute.appeal': action({ payload: DisputeReasonPayload, authority: MEMBER, handle: appealDispute }),
    'dispute.pay': action({ payload: DisputePayPayload, authority: MEMBER, handle: payDispute }),
  },
  state: { initial: () => ok(initial) },
  onTime: judicialOnTime,
  errors: judicialSentences,
  view: judicialView,
});

export { DISPUTE_STAGES, SUBJECT_KINDS, type Dispute, type DisputeStage, type Resolution, type Settlement, disputeEscrowId } from './state';
export { lossOrder, type LossOrderInput, type LossSplit } from './loss-order';
export { drawPanel, eligibleMembers } from './panel';
export { collateralUnderDispute } from './subject';
