/**
 * Impact Quests and Offers (SPEC §6). A quest escrows its budget and names its verifiers, whose
 * Commons vault then accepts, completes and fails its offers under its own quorum (nonce,
 * signatures and signing requests as for any vault). Completion repays the offer's stakers first
 * (SPEC §5), pays the rest of the CONX reward to the member, mints PPT and the role token of the
 * member's faction, records patronage and issues a completion credential.
 */
import { type Result, err, ok } from '../../result';
import { balanceOf } from '../balances';
import { type Handler, type ModuleError } from '../module';
import { type ActionWith } from '../schema';
import { type Address, type CommonsState } from '../state';
import { fail as failCore } from '../core-errors';
import { recordPatronage } from '../patronage';
import { ROLE_TOKEN, mintTo } from '../tokens';
import { fail as failTokens } from '../tokens/errors';
import { fail as failVaults } from '../vaults/errors';
import { createVault, vaultAt } from '../vaults/vault';
import { addReputation, freezeStakes, intoEscrow, outOfEscrow, repayStakers, returnUnreleased } from '../staking/exports';
import { fail } from './errors';
import { type OfferFailPayload, type OfferPostPayload, type OfferRefPayload, type QuestOpenPayload } from './payloads';
import { OFFER_MOVES, type Offer, type OfferMove, type Quest, credentialId, questEscrowId } from './state';

const putQuest = <S extends CommonsState>(state: S, quest: Quest): S => ({ ...state, quests: state.quests.set(quest.id, quest) });
const putOffer = <S extends CommonsState>(state: S, offer: Offer): S => ({ ...state, offers: state.offers.set(offer.id, offer) });
const unreserved = (quest: Quest) => quest.budget - quest.paid - quest.reserved;

/**
 * SPEC §6 opens a quest after a governance vote of its sponsoring factions passes (§7). In a
 * version 2 Commons that is the only route: a passed questApproval proposal, executed as
 * `quest.openApproved` (governance/execute.ts), which opens the quest with `openQuestFrom`. In
 * version 1 (old logs, the v1 Demo Commons) the treasury quorum opens quests with `quest.open`,
 * as those logs were written.
 */
export const openQuest: Handler<ActionWith<'quest.open', typeof QuestOpenPayload>> = (state, action, ctx) => {
  if (state.version >= 2) return err(fail('QuestOpensThroughProposal', { quest: action.payload.id, version: state.version }));
  return openQuestFrom(state, action.vault, action.payload, ctx.time);
};

/** Opens a quest, its budget escrowed from `treasury` (the treasury's vault): both routes of `openQuest`'s comment. */
export function openQuestFrom<S extends CommonsState>(state: S, treasuryVault: Address, payload: ActionWith<'quest.open', typeof QuestOpenPayload>['payload'], time: number): Result<S, ModuleError> {
  const { id, title, sponsor, coSponsors, budget, verifiers } = payload;
  if (state.quests.has(id)) return err(fail('QuestExists', { quest: id }));
  if (coSponsors.includes(sponsor) || new Set(coSponsors).size !== coSponsors.length) return err(fail('CoSponsorInvalid', { sponsor, coSponsors: [...coSponsors] }));
  if (budget <= 0n) return err(failTokens('InvalidAmount', { amount: budget }));
  const treasury = vaultAt(state, treasuryVault);
  if (!treasury) return err(failCore('UnknownVault', { vault: treasuryVault }));
  const held = balanceOf(treasury, 'CONX');
  if (held < budget) return err(fail('QuestBudgetShort', { quest: id, budget, treasury: held }));
  // The verifiers' vault is a Commons vault that holds nothing: its quorum is what it is for.
  const created = createVault(
    state,
    { address: verifiers.address, name: verifiers.name, kind: 'commons', owner: null, signers: verifiers.signers, threshold: verifiers.threshold, nonce: 0, balances: {} },
    verifiers.salt,
  );
  if (!created.ok) return created;
  const escrowed = intoEscrow(created.value, treasuryVault, questEscrowId(id), budget);
  if (!escrowed.ok) return escrowed;
  return ok(putQuest(escrowed.value, { id, title, sponsor, coSponsors: [...coSponsors], budget, reserved: 0n, paid: 0n, verifiers: verifiers.address, openedAt: time }));
}

export const postOffer: Handler<ActionWith<'offer.post', typeof OfferPostPayload>> = (state, action, ctx) => {
  const { quest: questId, id, deliverable, reward } = action.payload;
  const vault = vaultAt(state, action.vault);
  if (!vault) return err(failCore('UnknownVault', { vault: action.vault }));
  if (vault.kind !== 'member' || vault.owner === null) return err(failVaults('NotAMemberVault', { vault: action.vault }));
  const quest = state.quests.get(questId);
  if (!quest) return err(fail('UnknownQuest', { quest: questId }));
  if (state.offers.has(id)) return err(fail('OfferExists', { offer: id }));
  if (reward.conx === 0n && reward.ppt === 0n && reward.role === 0n) return err(fail('EmptyReward', { offer: id }));
  const budgetLeft = fitsBudget(quest, reward.conx);
  if (!budgetLeft.ok) return budgetLeft;
  return ok(
    putOffer(state, {
      id,
      quest: questId,
      holder: action.vault,
      member: vault.owner,
      deliverable,
      reward: { ...reward },
      state: 'open',
      reserved: 0n,
      postedAt: ctx.time,
      acceptedAt: null,
      submittedAt: null,
      closedAt: null,
      failReason: null,
    }),
  );
};

function fitsBudget(quest: Quest, reward: bigint): Result<null, ModuleError> {
  const left = unreserved(quest);
  if (reward > left) return err(fail('RewardAboveBudget', { quest: quest.id, reward, unreserved: left, budget: quest.budget, reserved: quest.reserved, paid: quest.paid }));
  return ok(null);
}

/** The offer and its quest, if `move` may run on it now (the one check of the offer machine). */
function moving(state: CommonsState, offerId: string, move: OfferMove): Result<{ offer: Offer; quest: Quest }, ModuleError> {
  const offer = state.offers.get(offerId);
  if (!offer) return err(fail('UnknownOffer', { offer: offerId }));
  const quest = state.quests.get(offer.quest);
  if (!quest) return err(fail('UnknownQuest', { quest: offer.quest }));
  const from: readonly string[] = OFFER_MOVES[move].from;
  if (!from.includes(offer.state)) return err(fail('OfferNotInState', { offer: offerId, action: move, state: offer.state, needs: [...from] }));
  return ok({ offer, quest });
}

/** The quest's verifiers decide: the acting vault must be theirs (its quorum signed, authority.ts). */
function byVerifiers(state: CommonsState, offerId: string, move: OfferMove, vault: string): Result<{ offer: Offer; quest: Quest }, ModuleError> {
  const offer = state.offers.get(offerId);
  const quest = offer && state.quests.get(offer.quest);
  if (quest && quest.verifiers !== vault) return err(fail('NotTheQuestVerifiers', { quest: quest.id, vault, verifiers: quest.verifiers }));
  return moving(state, offerId, move);
}

export const acceptOffer: Handler<ActionWith<'offer.accept', typeof OfferRefPayload>> = (state, action, ctx) => {
  const found = byVerifiers(state, action.payload.offer, 'offer.accept', action.vault);
  if (!found.ok) return found;
  const { offer, quest } = found.value;
  // Reserved now, so that the quest can pay every offer it accepted.
  const budgetLeft = fitsBudget(quest, offer.reward.conx);
  if (!budgetLeft.ok) return budgetLeft;
  const reserved = putQuest(state, { ...quest, reserved: quest.reserved + offer.reward.conx });
  return ok(putOffer(reserved, { ...offer, state: 'accepted', reserved: offer.reward.conx, acceptedAt: ctx.time }));
};

export const submitOffer: Handler<ActionWith<'offer.submit', typeof OfferRefPayload>> = (state, action, ctx) => {
  const offer = state.offers.get(action.payload.offer);
  if (offer && offer.holder !== action.vault) return err(fail('NotTheOfferHolder', { offer: offer.id, vault: action.vault, holder: offer.holder }));
  const found = moving(state, action.payload.offer, 'offer.submit');
  if (!found.ok) return found;
  return ok(putOffer(state, { ...found.value.offer, state: 'submitted', submittedAt: ctx.time }));
};

export const completeOffer: Handler<ActionWith<'offer.complete', typeof OfferRefPayload>> = (state, action, ctx) => {
  const found = byVerifiers(state, action.payload.offer, 'offer.complete', action.vault);
  if (!found.ok) return found;
  const { offer, quest } = found.value;
  const escrow = questEscrowId(quest.id);
  // Stakes never released go back to their stakers; released ones are repaid first (SPEC §5).
  const returned = returnUnreleased(state, offer.id);
  if (!returned.ok) return returned;
  const repayment = repayStakers(returned.value, offer.id, offer.reward.conx, escrow);
  if (!repayment.ok) return repayment;
  const { repaid, remainder } = repayment.value;
  const paid = outOfEscrow(repayment.value.state, escrow, offer.holder, offer.reward.conx - repaid - remainder);
  if (!paid.ok) return paid;
  let next: CommonsState = putQuest(paid.value, { ...quest, reserved: quest.reserved - offer.reserved, paid: quest.paid + offer.reward.conx });
  const member = next.members.get(offer.member);
  if (!member) return err(failVaults('NotAMemberVault', { vault: offer.holder }));
  for (const [token, amount] of [['PPT', offer.reward.ppt], [ROLE_TOKEN[member.faction], offer.reward.role]] as const) {
    if (amount === 0n) continue;
    const minted = mintTo(next, offer.holder, token, amount);
    if (!minted.ok) return minted;
    next = minted.value;
  }
  next = addReputation(recordPatronage(next, offer.member, 'offersCompleted', 1n), offer.member, { offersCompleted: 1 });
  const credential = { id: credentialId(offer.id), member: offer.member, quest: quest.id, offer: offer.id, issuedAt: ctx.time };
  next = { ...next, credentials: next.credentials.set(credential.id, credential) };
  return ok(putOffer(next, { ...offer, state: 'completed', reserved: 0n, closedAt: ctx.time }));
};

/**
 * The verifiers fail an offer. Its stakes freeze (SPEC §5, §8); while any stake is frozen the
 * reward stays reserved in the quest, for the Judicial Loop to settle from; otherwise it is
 * released to the quest's budget.
 */
export const failOffer: Handler<ActionWith<'offer.fail', typeof OfferFailPayload>> = (state, action, ctx) => {
  const found = byVerifiers(state, action.payload.offer, 'offer.fail', action.vault);
  if (!found.ok) return found;
  const { offer, quest } = found.value;
  const { state: frozenState, frozen } = freezeStakes(state, offer.id);
  let next: CommonsState = frozenState;
  const keep = frozen ? offer.reserved : 0n;
  next = putQuest(next, { ...quest, reserved: quest.reserved - offer.reserved + keep });
  // An open offer turned down was never the member's to fail.
  if (offer.state !== 'open') next = addReputation(next, offer.member, { offersFailed: 1 });
  return ok(putOffer(next, { ...offer, state: 'failed', reserved: keep, closedAt: ctx.time, failReason: action.payload.reason }));
};
