/** The impact module (SPEC §6): Impact Quests and Offers, completion credentials. */
import { OrderedMap } from 'immutable';
import { ok } from '../../result';
import { MEMBER, TREASURY, VAULT_QUORUM, action, defineModule } from '../module';
import { impactSentences } from './errors';
import { acceptOffer, completeOffer, failOffer, openQuest, postOffer, submitOffer } from './handlers';
import { OfferFailPayload, OfferPostPayload, OfferRefPayload, QuestOpenPayload } from './payloads';
import { type ImpactSlice } from './state';
import { impactView } from './view';

const initial: ImpactSlice = { quests: OrderedMap(), offers: OrderedMap(), credentials: OrderedMap() };

export const impact = defineModule({
  name: 'impact',
  actions: {
    // SPEC §6: after a passed governance vote of the sponsoring factions; the treasury until governance (issue 14) provides passed-proposal.
    'quest.open': action({ payload: QuestOpenPayload, authority: TREASURY, handle: openQuest }),
    'offer.post': action({ payload: OfferPostPayload, authority: MEMBER, handle: postOffer }),
    'offer.submit': action({ payload: OfferRefPayload, authority: MEMBER, handle: submitOffer }),
    // The quest's verifiers' vault, under its quorum; the handler checks it is this quest's.
    'offer.accept': action({ payload: OfferRefPayload, authority: VAULT_QUORUM, handle: acceptOffer }),
    'offer.complete': action({ payload: OfferRefPayload, authority: VAULT_QUORUM, handle: completeOffer }),
    'offer.fail': action({ payload: OfferFailPayload, authority: VAULT_QUORUM, handle: failOffer }),
  },
  state: { initial: () => ok(initial) },
  errors: impactSentences,
  view: impactView,
});

export { freezeStakes as freezeOfferEscrows } from '../staking/exports';
export { OFFER_MOVES, OFFER_STATES, type CompletionCredential, type Offer, type OfferState, type Quest, questEscrowId } from './state';
export { conx } from './errors';
