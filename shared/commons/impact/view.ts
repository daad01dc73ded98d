/**
 * What the views show of Impact Quests and Offers (SPEC §6). Field names are stable (screens build on them):
 *
 * CommonsView (`view.commons`):
 * - `quests[]`: `id, title, sponsor, coSponsors[], budget, reserved, paid, unreserved` (= budget − paid −
 *   reserved, what new offers may still claim), `escrowed` (CONX in escrow `quest:<id>` = budget − paid),
 *   `verifiers` (the verifiers' Commons vault), `openedAt`, `offers[]` (offer ids, in posting order).
 * - `offers[]`: `id, quest, holder` (member vault), `member` (DID), `deliverable`, `reward {conx, ppt, role,
 *   roleToken}` (roleToken: the token of the member's faction today, PDT/PCT/PMT), `state`
 *   (open | accepted | submitted | completed | failed | disputed | resolved), `reserved` (of the quest's budget,
 *   held for it now), `postedAt, acceptedAt, submittedAt, closedAt` (seconds or null), `failReason` (or null).
 * - `verifierQueue[]`: per quest with offers waiting for its verifiers: `quest, verifiers, submitted[]`
 *   (offer ids in state submitted, to complete or fail) and `open[]` (offer ids waiting to be accepted).
 * - `completionCredentials[]`: `id, member, quest, offer, issuedAt`.
 * - `questsOpenBy`: how a quest opens in this Commons: `proposal` (log version 2 on: only a passed
 *   questApproval proposal, executed as `quest.openApproved`) or `treasury` (version 1: `quest.open`
 *   signed by the treasury's quorum). See `openQuest` in handlers.ts.
 *
 * `c3 state --json` (`view.state`): `quests`, `offers`, `completionCredentials`, the same fields
 * (amounts as bigint, written as decimal strings).
 */
import { z } from 'zod';
import { Amount } from '../../money';
import { type ModuleView } from '../module';
import { type CommonsState } from '../state';
import { ROLE_TOKEN } from '../tokens/state';
import { Address, Faction, TokenSymbol } from '../view-schema';
import { OFFER_STATES, type Offer, type Quest, questEscrowId } from './state';

export const QuestView = z.object({
  id: z.string(),
  title: z.string(),
  sponsor: Faction,
  coSponsors: z.array(Faction),
  budget: Amount,
  reserved: Amount,
  paid: Amount,
  unreserved: Amount,
  escrowed: Amount,
  verifiers: Address,
  openedAt: z.number().int().nonnegative(),
  offers: z.array(z.string()),
});
export type QuestView = z.infer<typeof QuestView>;

export const OfferView = z.object({
  id: z.string(),
  quest: z.string(),
  holder: Address,
  member: z.string(),
  deliverable: z.string(),
  reward: z.object({ conx: Amount, ppt: Amount, role: Amount, roleToken: TokenSymbol.nullable() }),
  state: z.enum(OFFER_STATES),
  reserved: Amount,
  postedAt: z.number().int().nonnegative(),
  acceptedAt: z.number().int().nonnegative().nullable(),
  submittedAt: z.number().int().nonnegative().nullable(),
  closedAt: z.number().int().nonnegative().nullable(),
  failReason: z.string().nullable(),
});
export type OfferView = z.infer<typeof OfferView>;

export const VerifierQueueView = z.object({ quest: z.string(), verifiers: Address, submitted: z.array(z.string()), open: z.array(z.string()) });
export const CompletionCredentialView = z.object({ id: z.string(), member: z.string(), quest: z.string(), offer: z.string(), issuedAt: z.number().int().nonnegative() });

const questView = (state: CommonsState, quest: Quest): QuestView => ({
  id: quest.id,
  title: quest.title,
  sponsor: quest.sponsor,
  coSponsors: [...quest.coSponsors],
  budget: quest.budget,
  reserved: quest.reserved,
  paid: quest.paid,
  unreserved: quest.budget - quest.paid - quest.reserved,
  escrowed: state.escrows.get(questEscrowId(quest.id))?.amount ?? 0n,
  verifiers: quest.verifiers,
  openedAt: quest.openedAt,
  offers: [...state.offers.values()].filter((o) => o.quest === quest.id).map((o) => o.id),
});

const offerView = (state: CommonsState, offer: Offer): OfferView => {
  const faction = state.members.get(offer.member)?.faction;
  return {
    id: offer.id,
    quest: offer.quest,
    holder: offer.holder,
    member: offer.member,
    deliverable: offer.deliverable,
    reward: { ...offer.reward, roleToken: faction ? ROLE_TOKEN[faction] : null },
    state: offer.state,
    reserved: offer.reserved,
    postedAt: offer.postedAt,
    acceptedAt: offer.acceptedAt,
    submittedAt: offer.submittedAt,
    closedAt: offer.closedAt,
    failReason: offer.failReason,
  };
};

function verifierQueue(state: CommonsState) {
  return [...state.quests.values()]
    .map((quest) => {
      const offers = [...state.offers.values()].filter((o) => o.quest === quest.id);
      return {
        quest: quest.id,
        verifiers: quest.verifiers,
        submitted: offers.filter((o) => o.state === 'submitted').map((o) => o.id),
        open: offers.filter((o) => o.state === 'open').map((o) => o.id),
      };
    })
    .filter((q) => q.submitted.length > 0 || q.open.length > 0);
}

/** SPEC §6, §7: a version 2 Commons opens quests only by a passed vote of their sponsoring factions; version 1 by the treasury. */
export const QUESTS_OPEN_BY = ['treasury', 'proposal'] as const;
export type QuestsOpenBy = (typeof QUESTS_OPEN_BY)[number];
export const questsOpenBy = (state: Pick<CommonsState, 'version'>): QuestsOpenBy => (state.version >= 2 ? 'proposal' : 'treasury');

const shape = {
  quests: z.array(QuestView),
  offers: z.array(OfferView),
  verifierQueue: z.array(VerifierQueueView),
  completionCredentials: z.array(CompletionCredentialView),
  questsOpenBy: z.enum(QUESTS_OPEN_BY),
};

const credentials = (state: CommonsState) => [...state.credentials.values()].map((c) => ({ ...c }));

export const impactView: ModuleView<object, typeof shape> = {
  state: (state) => ({
    quests: [...state.quests.values()].map((q) => questView(state, q)),
    offers: [...state.offers.values()].map((o) => offerView(state, o)),
    completionCredentials: credentials(state),
  }),
  commons: {
    shape,
    of: (state) => ({
      quests: [...state.quests.values()].map((q) => questView(state, q)),
      offers: [...state.offers.values()].map((o) => offerView(state, o)),
      verifierQueue: verifierQueue(state),
      completionCredentials: credentials(state),
      questsOpenBy: questsOpenBy(state),
    }),
  },
};
