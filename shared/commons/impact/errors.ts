/** The impact module's errors (SPEC §6), each with its sentence and numbers. */
import { DECIMALS, formatAmount } from '../../money';
import { type E, type Sentences, failWith } from '../module';
import { short } from '../words';
import { type Faction } from '../identity/state';

/** Amounts in full, with their token (an error's numbers are never rounded away). */
export const conx = (amount: bigint) => `${formatAmount(amount, DECIMALS.CONX)} CONX`;

export type ImpactError =
  | E<'QuestExists', { quest: string }>
  | E<'QuestOpensThroughProposal', { quest: string; version: number }>
  | E<'UnknownQuest', { quest: string }>
  | E<'CoSponsorInvalid', { sponsor: Faction; coSponsors: Faction[] }>
  | E<'QuestBudgetShort', { quest: string; budget: bigint; treasury: bigint }>
  | E<'OfferExists', { offer: string }>
  | E<'UnknownOffer', { offer: string }>
  | E<'EmptyReward', { offer: string }>
  | E<'RewardAboveBudget', { quest: string; reward: bigint; unreserved: bigint; budget: bigint; reserved: bigint; paid: bigint }>
  | E<'OfferNotInState', { offer: string; action: string; state: string; needs: string[] }>
  | E<'NotTheQuestVerifiers', { quest: string; vault: string; verifiers: string }>
  | E<'NotTheOfferHolder', { offer: string; vault: string; holder: string }>;

export const impactSentences: Sentences<ImpactError> = {
  QuestExists: (e) => `A quest with the id ${e.quest} already exists; a quest's id is used once.`,
  QuestOpensThroughProposal: (e) =>
    `Quest ${e.quest} cannot be opened by the treasury: in this Commons (log version ${e.version}) a quest opens through a passed questApproval proposal of its sponsoring factions, executed as quest.openApproved (SPEC §6, §7).`,
  UnknownQuest: (e) => `No quest ${e.quest} exists in this Commons.`,
  CoSponsorInvalid: (e) => `The co-sponsors of a quest are other factions than its sponsor, each named once: sponsor ${e.sponsor}, co-sponsors ${e.coSponsors.join(', ')}.`,
  QuestBudgetShort: (e) => `Quest ${e.quest} needs a budget of ${conx(e.budget)} escrowed from the treasury, which holds ${conx(e.treasury)}.`,
  OfferExists: (e) => `An offer with the id ${e.offer} already exists; an offer's id is used once.`,
  UnknownOffer: (e) => `No offer ${e.offer} exists in this Commons.`,
  EmptyReward: (e) => `Offer ${e.offer} rewards nothing: at least one of its CONX, PPT or role-token rewards must be above zero.`,
  RewardAboveBudget: (e) =>
    `This reward of ${conx(e.reward)} exceeds the unreserved budget of quest ${e.quest}, ${conx(e.unreserved)} (budget ${conx(e.budget)}, reserved for accepted offers ${conx(e.reserved)}, paid ${conx(e.paid)}).`,
  OfferNotInState: (e) => `Offer ${e.offer} is ${e.state}; ${e.action} needs it ${e.needs.join(' or ')} (SPEC §6: open → accepted → submitted → completed, or failed).`,
  NotTheQuestVerifiers: (e) => `Only the verifiers of quest ${e.quest} (vault ${short(e.verifiers)}) decide on its offers; ${short(e.vault)} is not that vault.`,
  NotTheOfferHolder: (e) => `Only the vault that posted offer ${e.offer} (${short(e.holder)}) may do this; ${short(e.vault)} did not post it.`,
};

export const fail = failWith<ImpactError>(impactSentences);
