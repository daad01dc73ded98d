/**
 * Execution (SPEC §7): anyone may trigger a passed proposal once its timelock is over, by sending
 * the very action it voted on. The `passed-proposal` authority (provided here to every module)
 * refuses unless the proposal is queued, the time is at or after its eta, it was not executed, and
 * the action's kind and payload hash are the proposal's effect; it then marks the proposal executed
 * (once), and the action's own handler runs. A handler that refuses (e.g. `params.set` finding a
 * bound of SPEC §4 broken at that moment) refuses the whole action: the proposal stays queued,
 * nothing changes.
 *
 * Such an action is relayed like an anonymous ballot: it may name any vault of the Commons (the
 * one who relays it, recorded as `executedBy`), no signature authorises it and no nonce moves —
 * what authorises it is the proposal, whose effect binds every byte of its payload.
 */
import { canonicalHash } from '../../crypto/canonical';
import { err, ok } from '../../result';
import { fail as failCore } from '../core-errors';
import { openQuestFrom } from '../impact/handlers';
import { type Handler, type ProvidedAuthority } from '../module';
import { queueSharedLoss } from '../patronage/points';
import { type ActionWith } from '../schema';
import { burnFrom, mintTo } from '../tokens/handlers';
import { fail as failTokens } from '../tokens/errors';
import { checkSignerSet, putVault, vaultAt } from '../vaults/vault';
import { checkAttestorChange } from './create';
import { fail } from './errors';
import { proposalState } from './machine';
import { type AttestorSetPayload, type LossSharePayload, type QuestOpenApprovedPayload, type StewardChangePayload, type TreasurySpendPayload } from './payloads';

export const passedProposalAuthority: ProvidedAuthority = (state, action, id, ctx) => {
  const proposal = state.proposals.get(id);
  if (!proposal) return err(fail('UnknownProposal', { proposal: id }));
  if (proposal.executedAt !== null) return err(fail('ProposalAlreadyExecuted', { proposal: id, executedAt: proposal.executedAt }));
  const now = proposalState(proposal, ctx.time);
  if (now !== 'queued') return err(fail('ProposalNotQueued', { proposal: id, state: now }));
  if (ctx.time < proposal.eta) return err(fail('TimelockNotOver', { proposal: id, eta: proposal.eta, time: ctx.time }));
  const payloadHash = canonicalHash(action.payload);
  if (action.kind !== proposal.effect.action || payloadHash !== proposal.payloadHash) {
    return err(fail('EffectMismatch', { proposal: id, expectedAction: proposal.effect.action, action: action.kind, expectedHash: proposal.payloadHash, payloadHash }));
  }
  if (!vaultAt(state, action.vault)) return err(failCore('UnknownVault', { vault: action.vault }));
  return ok({ ...state, proposals: state.proposals.set(id, { ...proposal, executedAt: ctx.time, executedBy: action.vault }) });
};

/** `treasury.spend`: CONX from the treasury's balance to a vault that may hold it. */
export const spendTreasury: Handler<ActionWith<'treasury.spend', typeof TreasurySpendPayload>> = (state, action) => {
  const { to, token, amount } = action.payload;
  if (amount <= 0n) return err(failTokens('InvalidAmount', { amount }));
  const taken = burnFrom(state, state.treasury, token, amount);
  if (!taken.ok) return taken;
  return mintTo(taken.value, to, token, amount);
};

/** `attestor.set`: the attestor keys that vouch for enrolments (SPEC §1). */
export const setAttestors: Handler<ActionWith<'attestor.set', typeof AttestorSetPayload>> = (state, action) => {
  const next = checkAttestorChange(state.attestors, action.payload.add, action.payload.remove);
  return next.ok ? ok({ ...state, attestors: next.value }) : next;
};

/** `steward.change`: the treasury's signers and threshold, held to every rule of a vault's signer set (SPEC §3). */
export const changeStewards: Handler<ActionWith<'steward.change', typeof StewardChangePayload>> = (state, action) => {
  const { signers, threshold } = action.payload;
  const checked = checkSignerSet(signers, threshold);
  if (!checked.ok) return checked;
  const treasury = vaultAt(state, state.treasury);
  if (!treasury) return err(failCore('UnknownVault', { vault: state.treasury }));
  return ok(putVault(state, { ...treasury, signers, threshold }));
};

/** `loss.share`: the loss goes into Commons loss sharing, billed at the next patronage close (SPEC §8, §9). */
export const shareLoss: Handler<ActionWith<'loss.share', typeof LossSharePayload>> = (state, action) => {
  if (action.payload.amount <= 0n) return err(failTokens('InvalidAmount', { amount: action.payload.amount }));
  return ok(queueSharedLoss(state, action.payload.amount) as typeof state);
};

/** `quest.openApproved`: the quest opens exactly as `quest.open` by the treasury opens one, its budget escrowed from the treasury (SPEC §6). */
export const openApprovedQuest: Handler<ActionWith<'quest.openApproved', typeof QuestOpenApprovedPayload>> = (state, action, ctx) =>
  openQuestFrom(state, state.treasury, action.payload.quest, ctx.time);
