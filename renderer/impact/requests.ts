/**
 * The Impact board's signing requests (SPEC §6), drafted from what the member typed: a quest
 * opened by the treasury (version 1) or proposed for its sponsors' vote (version 2), an offer posted or submitted by its member, an offer accepted, completed
 * or failed by its quest's verifiers. Each answers with the request or what is wrong with the
 * input in words; the ledger's own rules are the pre-flight's (renderer/sign/), never guessed here.
 */
import { type PayloadOf } from '../../shared/commons/log';
import { type Hex } from '../../shared/crypto/canonical';
import { type CommonsView, type SignerView, type VaultView } from '../../shared/contract/commons-view';
import { deriveVaultAddress } from '../../shared/commons/vaults';
import { DECIMALS, parseAmount } from '../../shared/money';
import { type SigningRequest, unsignedRequest } from '../../shared/quorum/request';
import { type Result, err, ok } from '../../shared/result';
import { type ProposalDraft, proposalCreateRequest } from '../governance/requests';

export const FACTIONS = ['Union', 'Guild', 'Syndicate'] as const;
export type FactionName = (typeof FACTIONS)[number];

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const idProblem = (what: string, id: string) =>
  ID.test(id) ? null : `The ${what} id is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit (“${id}” is not).`;

/** Minor units of a Commons token from what was typed ("1,000.5"), or what is wrong with it in words. */
export function amountOf(text: string, what: string, { allowZero = false } = {}): Result<bigint, string> {
  let amount: bigint;
  try {
    amount = parseAmount(text.trim() === '' && allowZero ? '0' : text, DECIMALS.CONX);
  } catch (error) {
    return err(`The ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (amount < 0n || (!allowZero && amount === 0n)) return err(`The ${what} must be more than zero.`);
  return ok(amount);
}

/** Where a quest's verifiers' vault lives: a Commons vault (no owner) with a salt made of the quest's id. */
export const verifiersSalt = (questId: string) => `quest-${questId}-verifiers`;
export const verifiersAddress = (commonsId: string, questId: string) => deriveVaultAddress(commonsId.toLowerCase() as Hex, 'commons', verifiersSalt(questId));

export interface QuestDraft {
  readonly id: string;
  readonly title: string;
  readonly sponsor: FactionName;
  readonly coSponsors: readonly FactionName[];
  readonly budget: string;
  readonly verifiersName: string;
  /** The verifiers' signers, as the ledger knows them (a steward's or a member's device). */
  readonly verifiers: readonly SignerView[];
  readonly threshold: number;
}

/** The quest as `quest.open` and a questApproval's effect both carry it, from what was typed (or what is wrong with it, in words). */
export function questPayload(commons: Pick<CommonsView, 'commonsId'>, draft: QuestDraft): Result<PayloadOf<'quest.open'>, string> {
  const id = draft.id.trim();
  const badId = idProblem('quest', id);
  if (badId) return err(badId);
  if (!draft.title.trim()) return err('Give the quest a title.');
  const budget = amountOf(draft.budget, 'budget');
  if (!budget.ok) return budget;
  if (draft.verifiers.length === 0) return err('Choose at least one verifier: the quest’s offers are accepted, completed or failed by their quorum.');
  if (!Number.isInteger(draft.threshold) || draft.threshold < 1 || draft.threshold > draft.verifiers.length)
    return err(`The verifiers’ threshold is a whole number from 1 to ${draft.verifiers.length}.`);
  return ok({
    id,
    title: draft.title.trim(),
    sponsor: draft.sponsor,
    coSponsors: draft.coSponsors.filter((f) => f !== draft.sponsor),
    budget: budget.value,
    verifiers: {
      address: verifiersAddress(commons.commonsId, id),
      name: draft.verifiersName.trim() || `Verifiers of ${id}`,
      signers: draft.verifiers.map((s) => ({ address: s.address.toLowerCase(), device: s.device, label: s.label, path: s.path })),
      threshold: draft.threshold,
      salt: verifiersSalt(id),
    },
  });
}

/** Version 1 (the Demo Commons): the treasury's quorum opens the quest (`questsOpenBy: 'treasury'`). */
export function questOpenRequest(commons: Pick<CommonsView, 'commonsId'>, treasury: VaultView, draft: QuestDraft, validUntil: number): Result<SigningRequest, string> {
  const quest = questPayload(commons, draft);
  if (!quest.ok) return quest;
  return ok(unsignedRequest(commons, treasury, 'quest.open', quest.value, validUntil));
}

/** The factions that vote on a quest's approval: its sponsor and co-sponsors, the ones the ledger requires in scope (SPEC §6, §7). */
export const questVoters = (quest: Pick<PayloadOf<'quest.open'>, 'sponsor' | 'coSponsors'>): FactionName[] => FACTIONS.filter((f) => f === quest.sponsor || quest.coSponsors.includes(f));

/**
 * Version 2 on (`questsOpenBy: 'proposal'`): the quest opens only through a passed questApproval
 * proposal, here created by the member's own vault (`author`). Its effect, `quest.openApproved`,
 * carries exactly the quest `quest.open` would, and its sponsoring factions vote on it (SPEC §6).
 */
export function questApprovalRequest(commons: Pick<CommonsView, 'commonsId'>, author: VaultView, draft: QuestDraft, text: string, validUntil: number): Result<SigningRequest, string> {
  const quest = questPayload(commons, draft);
  if (!quest.ok) return quest;
  const named = `Open quest ${quest.value.id}: ${quest.value.title}`;
  const proposal: ProposalDraft = {
    kind: 'questApproval',
    scope: questVoters(quest.value),
    title: named.length <= 200 ? named : quest.value.title,
    text,
    effect: (id) => ok({ action: 'quest.openApproved', payload: { proposal: id, quest: quest.value } }),
  };
  return proposalCreateRequest(commons, author, proposal, validUntil);
}

export interface OfferDraft {
  readonly quest: string;
  readonly id: string;
  readonly deliverable: string;
  readonly conx: string;
  readonly ppt: string;
  readonly role: string;
}

export function offerPostRequest(commons: Pick<CommonsView, 'commonsId'>, vault: VaultView, draft: OfferDraft, validUntil: number): Result<SigningRequest, string> {
  if (!draft.quest) return err('Choose the quest the offer is for.');
  const id = draft.id.trim();
  const badId = idProblem('offer', id);
  if (badId) return err(badId);
  if (!draft.deliverable.trim()) return err('Say what the offer delivers.');
  const conx = amountOf(draft.conx, 'CONX reward', { allowZero: true });
  if (!conx.ok) return conx;
  const ppt = amountOf(draft.ppt, 'PPT reward', { allowZero: true });
  if (!ppt.ok) return ppt;
  const role = amountOf(draft.role, 'role-token reward', { allowZero: true });
  if (!role.ok) return role;
  return ok(unsignedRequest(commons, vault, 'offer.post', { quest: draft.quest, id, deliverable: draft.deliverable.trim(), reward: { conx: conx.value, ppt: ppt.value, role: role.value } }, validUntil));
}

/** The member's own move on their offer. */
export const offerSubmitRequest = (commons: Pick<CommonsView, 'commonsId'>, holder: VaultView, offer: string, validUntil: number): SigningRequest =>
  unsignedRequest(commons, holder, 'offer.submit', { offer }, validUntil);

export type VerifierMove = 'offer.accept' | 'offer.complete' | 'offer.fail';

/** The verifiers' decision on an offer, signed by their vault's quorum; a failure says why. */
export function verifierRequest(commons: Pick<CommonsView, 'commonsId'>, verifiers: VaultView, move: VerifierMove, offer: string, reason: string, validUntil: number): Result<SigningRequest, string> {
  if (move !== 'offer.fail') return ok(unsignedRequest(commons, verifiers, move, { offer }, validUntil));
  if (!reason.trim()) return err('Say why the offer failed: the reason goes into the ledger.');
  return ok(unsignedRequest(commons, verifiers, 'offer.fail', { offer, reason: reason.trim() }, validUntil));
}
