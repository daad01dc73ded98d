/**
 * The Judicial Loop's actions (SPEC §8): open, the panel's proposal, the parties' answers, the
 * community vote, the appeal, and instalments of a repayment schedule. Deadlines are exclusive:
 * an action at or after a step's deadline is refused; the time step (time.ts) rules on it.
 */
import { canonicalHash } from '../../crypto/canonical';
import { type Result, err, ok } from '../../result';
import { type Handler, type ModuleError } from '../module';
import { type ActionWith } from '../schema';
import { type Address, type CommonsState, type Signer } from '../state';
import { fail as failCore } from '../core-errors';
import { fail as failTokens } from '../tokens/errors';
import { fail as failVaults } from '../vaults/errors';
import { createVault, deriveVaultAddress, vaultAt } from '../vaults/vault';
import { memberKeyAddress } from '../identity-did';
import { recordPatronage } from '../patronage';
import { fail } from './errors';
import { drawPanel, eligibleMembers } from './panel';
import {
  type DisputeOpenPayload,
  type DisputePayPayload,
  type DisputeProposePayload,
  type DisputeReasonPayload,
  type DisputeRefPayload,
  type DisputeVotePayload,
} from './payloads';
import { closeAppeal, closeVote, concludeAccepted, event as eventAt, openVote, voteOutcome } from './rulings';
import { payInstalment, putDispute } from './settle';
import { type Dispute, type DisputeStage, type Resolution, panelSalt } from './state';
import { freezeRequests, owedOf, requestsOfSubject, subjectFacts } from './subject';

type S = CommonsState;

const event = eventAt;

/** The dispute, if it is at one of `stages` and the step's deadline has not come. */
function atStage(state: S, id: string, action: string, stages: readonly DisputeStage[], time: number): Result<Dispute, ModuleError> {
  const dispute = state.disputes.get(id);
  if (!dispute) return err(fail('UnknownDispute', { dispute: id }));
  if (!stages.includes(dispute.stage)) return err(fail('DisputeNotAtStage', { dispute: id, action, stage: dispute.stage, needs: [...stages] }));
  if (dispute.deadline !== null && time >= dispute.deadline) return err(fail('DeadlinePassed', { dispute: id, deadline: dispute.deadline, time }));
  return ok(dispute);
}

const partyAt = (dispute: Dispute, vault: Address) => dispute.parties.find((p) => p.vault === vault);

/**
 * Draws the panel of `round` and creates its Commons vault: the panelists' own keys (the DID's
 * key, a signer of their member vault), a majority of them to sign (impact's verifiers are made
 * the same way).
 */
function seatPanel(state: S, dispute: Dispute, round: number, excludedMore: readonly string[]): Result<{ state: S; panel: string[]; panelVault: Address }, ModuleError> {
  const partyFactions = dispute.parties.flatMap((p) => (p.faction ? [p.faction] : []));
  const eligible = eligibleMembers(state.members.values(), { partyFactions, excluded: [...dispute.excluded, ...excludedMore] });
  const panel = drawPanel(dispute.hash, round, eligible, dispute.params.panelSize);
  if (!panel) return err(fail('PanelTooSmall', { dispute: dispute.id, eligible: eligible.length, needed: dispute.params.panelSize }));
  const signers: Signer[] = [];
  for (const did of panel) {
    const key = memberKeyAddress(did);
    if (!key.ok) return key;
    const member = state.members.get(did)!;
    const own = member.vaults.flatMap((v) => state.vaults.get(v)?.signers ?? []).find((s) => s.address === key.value);
    signers.push(own ?? { address: key.value, device: 'unknown', label: member.label, path: '' });
  }
  const salt = panelSalt(dispute.id, round);
  const address = deriveVaultAddress(state.commonsId, 'commons', salt);
  const created = createVault(state, { address, name: `Panel of dispute ${dispute.id}${round > 1 ? ` (appeal)` : ''}`, kind: 'commons', owner: null, signers, threshold: Math.floor(panel.length / 2) + 1, nonce: 0, balances: {} }, salt);
  if (!created.ok) return created;
  return ok({ state: created.value, panel, panelVault: address });
}

export const openDispute: Handler<ActionWith<'dispute.open', typeof DisputeOpenPayload>> = (state, action, ctx) => {
  const { id, subject, claim, amount } = action.payload;
  if (state.disputes.has(id)) return err(fail('DisputeExists', { dispute: id }));
  const key = subject.kind === 'collateral' ? { kind: subject.kind, id: subject.id.toLowerCase() } : subject;
  const facts = subjectFacts(state, key);
  if (!facts.ok) return facts;
  if (!facts.value.parties.some((p) => p.vault === action.vault)) return err(fail('NotAPartyToSubject', { subject: key.kind, id: key.id, vault: action.vault }));
  const p = state.params;
  const offer = key.kind === 'offer' ? state.offers.get(key.id) : undefined;
  const draft: Dispute = {
    id,
    subject: key,
    claim,
    amount,
    hash: canonicalHash({ commons: state.commonsId, dispute: id, subject: key, claim, amount, openedBy: action.vault, openedAt: ctx.time }),
    openedBy: action.vault,
    openedAt: ctx.time,
    // SPEC §8: the parameters in force now govern it to the end.
    params: { panelSize: p.mediatorPanelSize, stepSeconds: p.disputeStepSeconds, appealWindowSeconds: p.appealWindowSeconds, lossReserveMaxShareBps: p.lossReserveMaxShareBps, lossSharingMaxBps: p.lossSharingMaxBps },
    parties: facts.value.parties,
    defaulter: facts.value.defaulter,
    excluded: facts.value.excluded,
    round: 1,
    panel: [],
    panelVault: '',
    pastPanelists: [],
    stage: 'mediation',
    deadline: ctx.time + p.disputeStepSeconds,
    resolution: null,
    answers: [],
    votes: [],
    voteOpenedAt: null,
    electorate: 0,
    waivers: [],
    appealed: false,
    ruling: null,
    settlement: null,
    repaid: 0n,
    offerStateBefore: offer?.state ?? null,
    timeline: [{ at: ctx.time, event: 'opened', detail: claim }],
  };
  const seated = seatPanel(state, draft, 1, []);
  if (!seated.ok) return seated;
  let next: S = seated.value.state;
  // The subject's escrows freeze (SPEC §8): its stake requests; the offer's reward stays reserved in its quest.
  next = freezeRequests(next, requestsOfSubject(next, key));
  if (offer) next = { ...next, offers: next.offers.set(offer.id, { ...offer, state: 'disputed' }) };
  const dispute: Dispute = { ...draft, panel: seated.value.panel, panelVault: seated.value.panelVault, timeline: event(draft, ctx.time, 'panel drawn', seated.value.panel.join(', ')) };
  return ok(putDispute(next, dispute));
};

function checkResolution(state: S, dispute: Dispute, resolution: Resolution, time: number): Result<null, ModuleError> {
  const owed = owedOf(state, dispute);
  switch (resolution.kind) {
    case 'completeWithAdjustments': {
      const offer = dispute.subject.kind === 'offer' ? state.offers.get(dispute.subject.id) : undefined;
      if (!offer) return err(fail('ResolutionNotForSubject', { dispute: dispute.id, resolution: resolution.kind, subject: dispute.subject.kind }));
      const limits = [['CONX', resolution.reward.conx, offer.reserved], ['PPT', resolution.reward.ppt, offer.reward.ppt], ['role token', resolution.reward.role, offer.reward.role]] as const;
      for (const [token, adjusted, reward] of limits) if (adjusted > reward) return err(fail('AdjustedRewardTooHigh', { dispute: dispute.id, token, adjusted, reward }));
      return ok(null);
    }
    case 'repaymentSchedule': {
      const scheduled = resolution.instalments.reduce((sum, i) => sum + i.amount, 0n);
      if (scheduled !== owed || owed === 0n) return err(fail('ScheduleMismatch', { dispute: dispute.id, scheduled, owed }));
      let after = time;
      for (const i of resolution.instalments) {
        if (i.dueAt <= after) return err(fail('ScheduleNotAhead', { dispute: dispute.id, dueAt: i.dueAt, after }));
        after = i.dueAt;
      }
      return ok(null);
    }
    case 'sharedLoss':
      if (resolution.loss > owed) return err(fail('LossAboveOwed', { dispute: dispute.id, loss: resolution.loss, owed }));
      if (resolution.sharedBps > dispute.params.lossSharingMaxBps) return err(fail('SharedShareAboveMax', { dispute: dispute.id, sharedBps: resolution.sharedBps, max: dispute.params.lossSharingMaxBps }));
      return ok(null);
  }
}

export const proposeResolution: Handler<ActionWith<'dispute.propose', typeof DisputeProposePayload>> = (state, action, ctx) => {
  const found = atStage(state, action.payload.dispute, 'dispute.propose', ['mediation'], ctx.time);
  if (!found.ok) return found;
  const dispute = found.value;
  if (action.vault !== dispute.panelVault) return err(fail('NotThePanel', { dispute: dispute.id, vault: action.vault, panel: dispute.panelVault }));
  const resolution = action.payload.resolution as Resolution;
  const checked = checkResolution(state, dispute, resolution, ctx.time);
  if (!checked.ok) return checked;
  return ok(putDispute(state, { ...dispute, stage: 'acceptance', deadline: ctx.time + dispute.params.stepSeconds, resolution, answers: [], timeline: event(dispute, ctx.time, 'proposed', `${resolution.kind}: ${resolution.note}`) }));
};

/**
 * A party accepts the panel's resolution; in the appeal window, it accepts the ruling and waives
 * its appeal (once every party has, the ruling executes without waiting for the window's end).
 */
export const acceptResolution: Handler<ActionWith<'dispute.accept', typeof DisputeRefPayload>> = (state, action, ctx) => {
  const found = atStage(state, action.payload.dispute, 'dispute.accept', ['acceptance', 'appeal'], ctx.time);
  if (!found.ok) return found;
  const dispute = found.value;
  if (!partyAt(dispute, action.vault)) return err(fail('NotAParty', { dispute: dispute.id, vault: action.vault }));
  if (dispute.stage === 'appeal') {
    if (dispute.waivers.includes(action.vault)) return err(fail('AlreadyAnswered', { dispute: dispute.id, vault: action.vault }));
    const waived: Dispute = { ...dispute, waivers: [...dispute.waivers, action.vault], timeline: event(dispute, ctx.time, 'appeal waived', action.vault) };
    if (waived.waivers.length < dispute.parties.length) return ok(putDispute(state, waived));
    return closeAppeal(state, waived, ctx.time, 'every party waived its appeal');
  }
  if (dispute.answers.some((a) => a.vault === action.vault)) return err(fail('AlreadyAnswered', { dispute: dispute.id, vault: action.vault }));
  const answers = [...dispute.answers, { vault: action.vault, answer: 'accepted' as const, at: ctx.time, reason: null }];
  const next: Dispute = { ...dispute, answers, timeline: event(dispute, ctx.time, 'accepted by a party', action.vault) };
  if (answers.length < dispute.parties.length) return ok(putDispute(state, next));
  return concludeAccepted(state, next, ctx.time, 'parties', null);
};

export const rejectResolution: Handler<ActionWith<'dispute.reject', typeof DisputeReasonPayload>> = (state, action, ctx) => {
  const found = atStage(state, action.payload.dispute, 'dispute.reject', ['acceptance'], ctx.time);
  if (!found.ok) return found;
  const dispute = found.value;
  if (!partyAt(dispute, action.vault)) return err(fail('NotAParty', { dispute: dispute.id, vault: action.vault }));
  if (dispute.answers.some((a) => a.vault === action.vault)) return err(fail('AlreadyAnswered', { dispute: dispute.id, vault: action.vault }));
  const answers = [...dispute.answers, { vault: action.vault, answer: 'rejected' as const, at: ctx.time, reason: action.payload.reason }];
  return ok(openVote(state, { ...dispute, answers }, ctx.time, 'rejected by a party', action.payload.reason));
};

export const voteOnDispute: Handler<ActionWith<'dispute.vote', typeof DisputeVotePayload>> = (state, action, ctx) => {
  const found = atStage(state, action.payload.dispute, 'dispute.vote', ['vote'], ctx.time);
  if (!found.ok) return found;
  const dispute = found.value;
  const vault = vaultAt(state, action.vault);
  if (!vault) return err(failCore('UnknownVault', { vault: action.vault }));
  if (vault.kind !== 'member' || vault.owner === null) return err(failVaults('NotAMemberVault', { vault: action.vault }));
  const did = vault.owner;
  // SPEC §8: a vote of all members not party to it (signed, so that parties can be refused).
  if (dispute.parties.some((p) => p.did === did)) return err(fail('PartyMayNotVote', { dispute: dispute.id, member: did }));
  if (dispute.votes.some((v) => v.did === did)) return err(fail('AlreadyVotedOnDispute', { dispute: dispute.id, member: did }));
  const enrolledAt = state.members.get(did)?.enrolledAt ?? 0;
  const openedAt = dispute.voteOpenedAt ?? dispute.openedAt;
  if (enrolledAt > openedAt) return err(fail('NotInElectorate', { dispute: dispute.id, member: did, enrolledAt, voteOpenedAt: openedAt }));
  const voted: Dispute = { ...dispute, votes: [...dispute.votes, { did, support: action.payload.support, at: ctx.time }] };
  const next = recordPatronage(putDispute(state, voted), did, 'votesCast', 1n);
  // The votes still to come can no longer change the outcome: the vote closes now.
  const outcome = voteOutcome(voted, false);
  return ok(outcome === null ? next : closeVote(next, voted, ctx.time, outcome));
};

export const appealDispute: Handler<ActionWith<'dispute.appeal', typeof DisputeReasonPayload>> = (state, action, ctx) => {
  const found = atStage(state, action.payload.dispute, 'dispute.appeal', ['appeal'], ctx.time);
  if (!found.ok) return found;
  const dispute = found.value;
  if (!partyAt(dispute, action.vault)) return err(fail('NotAParty', { dispute: dispute.id, vault: action.vault }));
  if (dispute.appealed) return err(fail('AppealUsed', { dispute: dispute.id }));
  if (dispute.waivers.includes(action.vault)) return err(fail('AlreadyAnswered', { dispute: dispute.id, vault: action.vault }));
  // A new panel mediates again, drawn without the first one's members.
  const past = [...dispute.pastPanelists, ...dispute.panel];
  const seated = seatPanel(state, dispute, dispute.round + 1, past);
  if (!seated.ok) return seated;
  const { panel, panelVault } = seated.value;
  return ok(
    putDispute(seated.value.state, {
      ...dispute,
      round: dispute.round + 1,
      panel,
      panelVault,
      pastPanelists: past,
      stage: 'mediation',
      deadline: ctx.time + dispute.params.stepSeconds,
      resolution: null,
      answers: [],
      votes: [],
      voteOpenedAt: null,
      electorate: 0,
      waivers: [],
      ruling: null,
      appealed: true,
      timeline: event(dispute, ctx.time, 'appealed', `${action.payload.reason} — new panel: ${panel.join(', ')}`),
    }),
  );
};

export const payDispute: Handler<ActionWith<'dispute.pay', typeof DisputePayPayload>> = (state, action, ctx) => {
  const found = atStage(state, action.payload.dispute, 'dispute.pay', ['repaying'], ctx.time);
  if (!found.ok) return found;
  const dispute = found.value;
  const { amount } = action.payload;
  if (amount <= 0n) return err(failTokens('InvalidAmount', { amount }));
  if (action.vault !== dispute.defaulter) return err(fail('NotTheDebtor', { dispute: dispute.id, vault: action.vault, debtor: dispute.defaulter }));
  const resolution = dispute.resolution;
  const total = resolution?.kind === 'repaymentSchedule' ? resolution.instalments.reduce((sum, i) => sum + i.amount, 0n) : 0n;
  const owed = total - dispute.repaid;
  if (amount > owed) return err(fail('PaymentAboveOwed', { dispute: dispute.id, amount, owed }));
  const paid = payInstalment(state, dispute, action.vault, amount);
  if (!paid.ok) return paid;
  const repaid = dispute.repaid + amount;
  const done = repaid === total;
  return ok(
    putDispute(paid.value, {
      ...dispute,
      repaid,
      stage: done ? 'closed' : 'repaying',
      deadline: done ? null : dispute.deadline,
      settlement: done ? { at: ctx.time, kind: 'repaymentSchedule', loss: 0n, fromCollateral: 0n, fromVault: 0n, fromReserve: 0n, shared: 0n, creditors: [], paidToHolder: 0n } : null,
      timeline: event(dispute, ctx.time, 'instalment paid', `${amount}`),
    }),
  );
};
