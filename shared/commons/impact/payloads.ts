/** The impact module's action payloads (docs/ledger-format.md, "Impact Quests and Offers"). */
import { z } from 'zod';
import { NonNegativeAmount } from '../../money';
import { Address, VaultSetup } from '../schema';
import { FACTIONS } from '../identity/state';

/** A quest's or an offer's id: chosen by who opens or posts it, unique in the Commons. */
export const WorkId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'an id of 1 to 64 letters, digits, dots, dashes or underscores');
const Faction = z.enum(FACTIONS);

/**
 * `quest.open` (treasury): the budget moves from the treasury's CONX into the quest's escrow, and
 * the verifiers become a Commons vault (holding nothing) whose quorum accepts, completes and
 * fails the quest's offers.
 */
export const QuestOpenPayload = z.strictObject({
  id: WorkId,
  title: z.string().min(1).max(200),
  sponsor: Faction,
  coSponsors: z.array(Faction).max(2),
  budget: NonNegativeAmount,
  verifiers: z.strictObject({ address: Address, ...VaultSetup }),
});

/** What a completed offer pays: CONX from the quest's escrow, PPT and the member's role token minted. */
export const Reward = z.strictObject({ conx: NonNegativeAmount, ppt: NonNegativeAmount, role: NonNegativeAmount });

/** `offer.post` (the member's vault, the member's own key among the signatures). */
export const OfferPostPayload = z.strictObject({
  quest: WorkId,
  id: WorkId,
  deliverable: z.string().min(1).max(2_000),
  reward: Reward,
});

/** `offer.accept`, `offer.submit`, `offer.complete`: the offer they move on. */
export const OfferRefPayload = z.strictObject({ offer: WorkId });

/** `offer.fail` (the quest's verifiers): the offer, and why, in words that go into the log. */
export const OfferFailPayload = z.strictObject({ offer: WorkId, reason: z.string().min(1).max(500) });
