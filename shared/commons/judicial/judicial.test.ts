/**
 * The Judicial Loop (SPEC §8): a dispute on a staked offer through mediation to loss sharing, the
 * other resolutions, default rulings in the time step, and who may act — each refusal typed, with
 * its numbers, and nothing changed.
 */
import { describe, expect, it } from 'vitest';
import { COMMONS_TOKENS } from '../../money';
import { stateHash } from '../apply';
import { heldTotal } from '../tokens';
import { stateView, toCommonsView } from '../view';
import { describeAction } from '../../quorum/describe';
import { type CommonsState } from '../state';
import { act, enrolAction, member, testKey } from '../fixtures';
import { unwrap as stepped } from '../../result';
import { DAY, W, by, conxOf, does, givenJudicial, must, panelKeys, stakedOffer, stepAt, waitUntil, withLossReserve } from './testing';

const suppliesHold = (state: CommonsState) => {
  for (const token of COMMONS_TOKENS) expect(heldTotal(state, token), token).toBe(state.supplies[token] ?? 0n);
};

function refused(result: { ok: boolean; error?: unknown }, state: CommonsState, error: Record<string, unknown>) {
  expect(result).toMatchObject({ ok: false, error });
  // The refused action left the state exactly as it was (the time step ran on a copy).
  expect(stateHash(state)).toBe(hashBefore.get(state));
}
const hashBefore = new WeakMap<CommonsState, string>();
const remember = (state: CommonsState) => (hashBefore.set(state, stateHash(state)), state);

const claim = { id: 'd1', subject: { kind: 'offer' as const, id: 'site' }, claim: 'The site was never built; my 50,000 CONX stake is lost.', amount: W(50_000) };

/** Bob opens d1 on Alice's failed offer. */
function opened(more = false) {
  const { world, state: failed } = stakedOffer(givenJudicial({ more }), { fail: true });
  const t = failed.time + DAY;
  const state = must(world, withLossReserve(failed, W(10_000)), t, 'dispute.open', world.bob.vault, claim);
  return { world, state, t };
}

describe('a dispute on a staked offer, through mediation to loss sharing (SPEC §8)', () => {
  it('the panel proposes a shared loss, the parties accept, the community vote upholds it, the appeal window closes, and the loss order runs', () => {
    const { world, state: start, t } = opened();
    const { alice, bob } = world;
    let state = start;
    const dispute = state.disputes.get('d1')!;
    // Parties: Alice (holder, Union) and Bob (staker, Guild); the panel is of the Syndicate only.
    expect(dispute.parties.map((p) => [p.role, p.vault])).toEqual([['holder', alice.vault], ['staker', bob.vault]]);
    expect(dispute.panel).toHaveLength(3);
    for (const did of dispute.panel) expect(state.members.get(did)?.faction).toBe('Syndicate');
    expect(dispute.stage).toBe('mediation');
    expect(dispute.deadline).toBe(t + 7 * DAY);
    expect(state.offers.get('site')?.state).toBe('disputed');
    expect(state.stakeRequests.get('site/1')?.state).toBe('frozen');

    // The panel (its Commons vault, 2 of 3 panelists) proposes: the loss met in the fixed order, half of what remains shared.
    const resolution = { kind: 'sharedLoss' as const, loss: W(50_000), sharedBps: 5_000, note: 'Alice pays what she holds; the reserve its share; half the rest is shared.' };
    state = must(world, state, t + DAY, 'dispute.propose', dispute.panelVault, { dispute: 'd1', resolution }, panelKeys(world, state, 'd1').slice(0, 2));
    expect(state.disputes.get('d1')).toMatchObject({ stage: 'acceptance', deadline: t + 8 * DAY });
    state = must(world, state, t + 2 * DAY, 'dispute.accept', alice.vault, { dispute: 'd1' });
    state = must(world, state, t + 2 * DAY, 'dispute.accept', bob.vault, { dispute: 'd1' });
    // Moving loss into Commons loss sharing needs the community vote, even when the parties agree.
    expect(state.disputes.get('d1')).toMatchObject({ stage: 'vote', deadline: t + 9 * DAY });
    // The electorate: the five members not party to it, fixed as the vote opens.
    expect(state.disputes.get('d1')).toMatchObject({ electorate: 5, voteOpenedAt: t + 2 * DAY });
    state = must(world, state, t + 3 * DAY, 'dispute.vote', world.carol.vault, { dispute: 'd1', support: 'for' });
    state = must(world, state, t + 3 * DAY, 'dispute.vote', world.erin.vault, { dispute: 'd1', support: 'against' });
    state = must(world, state, t + 3 * DAY, 'dispute.vote', world.dave.vault, { dispute: 'd1', support: 'for' });
    expect(state.disputes.get('d1')?.stage).toBe('vote');
    // Three for, one against, one still to vote: the outcome can no longer change, so the vote closes now; the appeal window of 7 days opens.
    state = must(world, state, t + 3 * DAY, 'dispute.vote', world.gita.vault, { dispute: 'd1', support: 'for' });
    expect(state.disputes.get('d1')).toMatchObject({ stage: 'appeal', deadline: t + 10 * DAY, ruling: { outcome: 'upheld', by: 'vote' } });
    const before = { alice: conxOf(state, alice.vault), bob: conxOf(state, bob.vault), treasury: conxOf(state, state.treasury) };
    expect(before.alice).toBe(W(5_000));
    state = waitUntil(state, t + 10 * DAY);

    // The loss order: Alice's vault 5,000, then the reserve 5,000 (half of 10,000), then of the 40,000 left half is shared.
    const settled = state.disputes.get('d1')!;
    expect(settled.stage).toBe('closed');
    expect(settled.settlement).toMatchObject({ kind: 'sharedLoss', loss: W(50_000), fromCollateral: 0n, fromVault: W(5_000), fromReserve: W(5_000), shared: W(20_000) });
    expect(settled.settlement?.creditors).toEqual([{ id: `site/1:${bob.vault}`, vault: bob.vault, outstanding: W(50_000), recovered: W(10_000), shared: W(20_000), borne: W(20_000) }]);
    expect(conxOf(state, alice.vault)).toBe(0n);
    expect(conxOf(state, bob.vault)).toBe(before.bob + W(10_000));
    expect(conxOf(state, state.treasury)).toBe(before.treasury - W(5_000));
    expect(state.lossReserve).toMatchObject({ balance: W(5_000), charged: W(5_000), sharedLossDue: W(20_000) });
    // No PMT for a loan that defaulted; the offer is resolved and its reserved reward is back in the quest's budget.
    expect(state.vaults.get(bob.vault)?.balances.PMT ?? 0n).toBe(0n);
    expect(state.offers.get('site')).toMatchObject({ state: 'resolved', reserved: 0n });
    expect(state.quests.get('q')).toMatchObject({ reserved: 0n, paid: 0n });
    expect(state.escrows.has('dispute:d1')).toBe(false);
    expect(state.reputations.get(bob.did)).toMatchObject({ lentFrozen: 0n, lentRepaid: W(10_000) });
    expect(state.reputations.get(alice.did)).toMatchObject({ borrowedFrozen: 0n, borrowedRepaid: W(10_000), offersFailed: 1 });
    suppliesHold(state);
  });
});

describe('the other resolutions', () => {
  it('complete with adjustments: on a submitted offer, the panel cuts the reward to 80,000 CONX; the parties accept; Bob is repaid first, Alice gets the rest', () => {
    const { world, state: submitted } = stakedOffer(undefined, { submit: true });
    const t = submitted.time + DAY;
    let state = must(world, submitted, t, 'dispute.open', world.alice.vault, { ...claim, claim: 'The verifiers sit on my submitted work.', amount: W(100_000) });
    const d = state.disputes.get('d1')!;
    state = must(world, state, t + DAY, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution: { kind: 'completeWithAdjustments', reward: { conx: W(80_000), ppt: W(800), role: W(80) }, note: 'Most of it was delivered.' } }, panelKeys(world, state, 'd1').slice(1));
    const aliceBefore = conxOf(state, world.alice.vault);
    state = must(world, state, t + DAY, 'dispute.accept', world.bob.vault, { dispute: 'd1' });
    state = must(world, state, t + DAY, 'dispute.accept', world.alice.vault, { dispute: 'd1' });
    expect(state.disputes.get('d1')).toMatchObject({ stage: 'closed', ruling: { outcome: 'upheld', by: 'parties' }, settlement: { kind: 'completeWithAdjustments', paidToHolder: W(30_000) } });
    expect(conxOf(state, world.bob.vault)).toBe(W(50_000));
    expect(state.vaults.get(world.bob.vault)?.balances.PMT).toBe(W(1_000));
    expect(conxOf(state, world.alice.vault) - aliceBefore).toBe(W(30_000));
    expect(state.vaults.get(world.alice.vault)?.balances.PDT).toBe(W(80));
    expect(state.offers.get('site')).toMatchObject({ state: 'resolved', reserved: 0n });
    // The 20,000 cut goes back to the quest's budget.
    expect(state.quests.get('q')).toMatchObject({ reserved: 0n, paid: W(80_000) });
    expect(state.escrows.get('quest:q')?.amount).toBe(W(70_000));
    expect(state.credentials.has('completion:site')).toBe(true);
    suppliesHold(state);
  });

  it('a repayment schedule: Alice pays two instalments, Bob is repaid with his PMT vesting, the dispute closes', () => {
    const { world, state: start, t } = opened();
    let state = must(world, start, t, 'token.transfer', world.carol.vault, { token: 'CONX', to: world.alice.vault, amount: W(50_000) });
    const d = state.disputes.get('d1')!;
    const instalments = [{ dueAt: t + 30 * DAY, amount: W(25_000) }, { dueAt: t + 60 * DAY, amount: W(25_000) }];
    state = must(world, state, t + DAY, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution: { kind: 'repaymentSchedule', instalments, note: 'Two months.' } }, panelKeys(world, state, 'd1').slice(0, 2));
    state = must(world, state, t + DAY, 'dispute.accept', world.alice.vault, { dispute: 'd1' });
    state = must(world, state, t + DAY, 'dispute.accept', world.bob.vault, { dispute: 'd1' });
    expect(state.disputes.get('d1')).toMatchObject({ stage: 'repaying', deadline: t + 30 * DAY });
    expect(state.stakeRequests.get('site/1')?.state).toBe('released');
    state = must(world, state, t + 20 * DAY, 'dispute.pay', world.alice.vault, { dispute: 'd1', amount: W(25_000) });
    expect(state.vaults.get(world.bob.vault)?.balances.PMT).toBe(W(500));
    state = must(world, state, t + 50 * DAY, 'dispute.pay', world.alice.vault, { dispute: 'd1', amount: W(25_000) });
    expect(state.disputes.get('d1')).toMatchObject({ stage: 'closed', repaid: W(50_000), settlement: { kind: 'repaymentSchedule' } });
    expect(state.stakeRequests.get('site/1')?.state).toBe('repaid');
    expect(state.vaults.get(world.bob.vault)?.balances.PMT).toBe(W(1_000));
    suppliesHold(state);
  });

  it('the community votes a rejected resolution down: the claim is dismissed after the appeal window, and an undecided offer goes back to work', () => {
    const { world, state: accepted } = stakedOffer();
    const t = accepted.time + DAY;
    let state = must(world, accepted, t, 'dispute.open', world.bob.vault, { ...claim, claim: 'Alice is not working on it.' });
    expect(state.stakeRequests.get('site/1')?.state).toBe('frozen');
    const d = state.disputes.get('d1')!;
    state = must(world, state, t + DAY, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution: { kind: 'sharedLoss', loss: W(50_000), sharedBps: 0, note: 'Alice repays what she can.' } }, panelKeys(world, state, 'd1').slice(0, 2));
    state = must(world, state, t + DAY, 'dispute.reject', world.alice.vault, { dispute: 'd1', reason: 'I am working on it.' });
    state = must(world, state, t + 2 * DAY, 'dispute.vote', world.carol.vault, { dispute: 'd1', support: 'against' });
    state = waitUntil(state, t + 30 * DAY);
    expect(state.disputes.get('d1')).toMatchObject({ stage: 'closed', ruling: { outcome: 'dismissed', by: 'vote' }, settlement: { kind: 'dismissed' } });
    expect(state.offers.get('site')?.state).toBe('accepted');
    expect(state.stakeRequests.get('site/1')?.state).toBe('released');
    expect(state.reputations.get(world.bob.did)?.lentFrozen).toBe(0n);
  });
});

describe('default rulings on missed deadlines (the time step)', () => {
  it('a party that does not answer by the deadline is taken to accept: the resolution executes at the deadline', () => {
    const { world, state: start, t } = opened();
    const d = start.disputes.get('d1')!;
    let state = must(world, start, t + DAY, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution: { kind: 'sharedLoss', loss: W(50_000), sharedBps: 0, note: 'No sharing.' } }, panelKeys(world, start, 'd1').slice(0, 2));
    state = must(world, state, t + 2 * DAY, 'dispute.accept', world.bob.vault, { dispute: 'd1' });
    state = waitUntil(state, t + 8 * DAY);
    expect(state.disputes.get('d1')).toMatchObject({ stage: 'closed', ruling: { by: 'default', against: world.alice.vault }, settlement: { fromVault: W(5_000), fromReserve: W(5_000), shared: 0n } });
  });

  it('a panel that proposes nothing sends the claim as stated to the community vote; no vote dismisses it', () => {
    const { world, state: start, t } = opened();
    let state = waitUntil(start, t + 7 * DAY);
    expect(state.disputes.get('d1')).toMatchObject({ stage: 'vote', deadline: t + 14 * DAY, resolution: { kind: 'sharedLoss', loss: W(50_000), sharedBps: 0 } });
    state = waitUntil(state, t + 21 * DAY);
    expect(state.disputes.get('d1')).toMatchObject({ stage: 'closed', ruling: { outcome: 'dismissed' } });
    // A failed offer stays failed and its stakes frozen, as failure left them.
    expect(state.offers.get('site')?.state).toBe('failed');
    expect(state.stakeRequests.get('site/1')?.state).toBe('frozen');
    void world;
  });

  it('a missed instalment runs the loss order on what is unpaid, against the debtor', () => {
    const { world, state: start, t } = opened();
    const d = start.disputes.get('d1')!;
    const instalments = [{ dueAt: t + 30 * DAY, amount: W(20_000) }, { dueAt: t + 60 * DAY, amount: W(30_000) }];
    let state = must(world, start, t + DAY, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution: { kind: 'repaymentSchedule', instalments, note: 'Two months.' } }, panelKeys(world, start, 'd1').slice(0, 2));
    state = must(world, state, t + DAY, 'dispute.accept', world.alice.vault, { dispute: 'd1' });
    state = must(world, state, t + DAY, 'dispute.accept', world.bob.vault, { dispute: 'd1' });
    state = must(world, state, t + 2 * DAY, 'dispute.pay', world.alice.vault, { dispute: 'd1', amount: W(4_000) });
    state = waitUntil(state, t + 30 * DAY);
    const settled = state.disputes.get('d1')!;
    expect(settled).toMatchObject({ stage: 'closed', ruling: { by: 'default', against: world.alice.vault }, settlement: { kind: 'repaymentSchedule', loss: W(46_000), fromVault: W(1_000), fromReserve: W(5_000) } });
    expect(settled.settlement?.creditors[0]).toMatchObject({ recovered: W(6_000), borne: W(40_000) });
    suppliesHold(state);
  });

  it('the parameters in force at opening govern the dispute to the end', () => {
    const { world, state: start, t } = opened();
    // The Commons changes its step and appeal window after the opening (as a passed params.set would).
    const changed = { ...start, params: { ...start.params, disputeStepSeconds: DAY, appealWindowSeconds: DAY, lossReserveMaxShareBps: 10_000 } };
    const d = changed.disputes.get('d1')!;
    let state = must(world, changed, t + DAY, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution: { kind: 'sharedLoss', loss: W(50_000), sharedBps: 0, note: 'x' } }, panelKeys(world, changed, 'd1').slice(0, 2));
    expect(state.disputes.get('d1')?.deadline).toBe(t + 8 * DAY);
    state = waitUntil(state, t + 8 * DAY);
    // The reserve gave at most half, as when it opened, not all of it.
    expect(state.disputes.get('d1')?.settlement?.fromReserve).toBe(W(5_000));
  });
});

describe('who may act, and when (refused with typed errors, nothing changed)', () => {
  it('a member who is not a party opening a dispute on the offer is refused', () => {
    const { world, state: failed } = stakedOffer(undefined, { fail: true });
    const state = remember(failed);
    refused(does(world, state, state.time + DAY, 'dispute.open', world.carol.vault, claim), state, { kind: 'NotAPartyToSubject', subject: 'offer', id: 'site', vault: world.carol.vault });
  });

  it('a party voting in the community vote is refused, and so is a second vote', () => {
    const { world, state: start, t } = opened();
    const d = start.disputes.get('d1')!;
    let state = must(world, start, t + DAY, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution: { kind: 'sharedLoss', loss: W(50_000), sharedBps: 5_000, note: 'x' } }, panelKeys(world, start, 'd1').slice(0, 2));
    state = must(world, state, t + DAY, 'dispute.reject', world.alice.vault, { dispute: 'd1', reason: 'No.' });
    state = remember(must(world, state, t + DAY, 'dispute.vote', world.carol.vault, { dispute: 'd1', support: 'for' }));
    refused(does(world, state, t + DAY, 'dispute.vote', world.bob.vault, { dispute: 'd1', support: 'for' }), state, { kind: 'PartyMayNotVote', dispute: 'd1', member: world.bob.did });
    refused(does(world, state, t + DAY, 'dispute.vote', world.alice.vault, { dispute: 'd1', support: 'against' }), state, { kind: 'PartyMayNotVote', member: world.alice.did });
    refused(does(world, state, t + DAY, 'dispute.vote', world.carol.vault, { dispute: 'd1', support: 'against' }), state, { kind: 'AlreadyVotedOnDispute', member: world.carol.did });
    refused(does(world, state, t + 10 * DAY, 'dispute.vote', world.dave.vault, { dispute: 'd1', support: 'for' }), state, { kind: 'DisputeNotAtStage', stage: 'appeal' });
    refused(does(world, state, t + DAY, 'dispute.vote', state.treasury, { dispute: 'd1', support: 'for' }), state, { kind: 'NotAMemberVault' });
  });

  it('a resolution proposed by anyone but the panel, or signed by a member who is not on the panel, is refused', () => {
    const { world, state: opened_ } = opened();
    const state = remember(opened_);
    const t = state.time + DAY;
    const d = state.disputes.get('d1')!;
    const resolution = { kind: 'sharedLoss' as const, loss: W(50_000), sharedBps: 0, note: 'x' };
    refused(does(world, state, t, 'dispute.propose', world.verifiers, { dispute: 'd1', resolution }), state, { kind: 'NotThePanel', vault: world.verifiers, panel: d.panelVault });
    const outsider = world.everyone.find((m) => !d.panel.includes(m.did) && m.faction === 'Syndicate')!;
    const forged = [panelKeys(world, state, 'd1')[0]!, outsider.keys[0]!].sort((a, b) => (a.address < b.address ? -1 : 1));
    refused(does(world, state, t, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution }, forged), state, { kind: 'NotASigner', signer: outsider.keys[0]!.address });
    refused(does(world, state, t, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution }, panelKeys(world, state, 'd1').slice(0, 1)), state, { kind: 'ThresholdNotMet', have: 1, need: 2 });
  });

  it('resolutions outside the rules are refused: more than the maximum shared, a loss above what is owed, a raised reward, a schedule that does not add up', () => {
    const { world, state: opened_ } = opened();
    const state = remember(opened_);
    const t = state.time + DAY;
    const d = state.disputes.get('d1')!;
    const propose = (resolution: Parameters<typeof by<'dispute.propose'>>[4]['resolution']) => does(world, state, t, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution }, panelKeys(world, state, 'd1').slice(0, 2));
    refused(propose({ kind: 'sharedLoss', loss: W(50_000), sharedBps: 5_001, note: 'x' }), state, { kind: 'SharedShareAboveMax', sharedBps: 5_001, max: 5_000 });
    refused(propose({ kind: 'sharedLoss', loss: W(50_001), sharedBps: 0, note: 'x' }), state, { kind: 'LossAboveOwed', loss: W(50_001), owed: W(50_000) });
    refused(propose({ kind: 'completeWithAdjustments', reward: { conx: W(100_001), ppt: 0n, role: 0n }, note: 'x' }), state, { kind: 'AdjustedRewardTooHigh', token: 'CONX', reward: W(100_000) });
    refused(propose({ kind: 'repaymentSchedule', instalments: [{ dueAt: t + DAY, amount: W(49_999) }], note: 'x' }), state, { kind: 'ScheduleMismatch', scheduled: W(49_999), owed: W(50_000) });
    refused(propose({ kind: 'repaymentSchedule', instalments: [{ dueAt: t, amount: W(50_000) }], note: 'x' }), state, { kind: 'ScheduleNotAhead' });
  });

  it('answers from non-parties, second answers, answers after the deadline, a second appeal and a payment by someone else are refused', () => {
    const { world, state: start, t } = opened(true);
    const d = start.disputes.get('d1')!;
    let state = must(world, start, t + DAY, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution: { kind: 'sharedLoss', loss: W(50_000), sharedBps: 0, note: 'x' } }, panelKeys(world, start, 'd1').slice(0, 2));
    state = remember(must(world, state, t + DAY, 'dispute.accept', world.bob.vault, { dispute: 'd1' }));
    refused(does(world, state, t + DAY, 'dispute.accept', world.carol.vault, { dispute: 'd1' }), state, { kind: 'NotAParty', vault: world.carol.vault });
    refused(does(world, state, t + DAY, 'dispute.reject', world.bob.vault, { dispute: 'd1', reason: 'changed my mind' }), state, { kind: 'AlreadyAnswered', vault: world.bob.vault });
    // At the deadline the step is over (the time step has ruled before the action runs).
    refused(does(world, state, t + 8 * DAY, 'dispute.accept', world.alice.vault, { dispute: 'd1' }), state, { kind: 'DisputeNotAtStage', stage: 'closed' });
    // Reject → vote → appeal window: one appeal, by a party, and only one.
    state = must(world, state, t + 2 * DAY, 'dispute.reject', world.alice.vault, { dispute: 'd1', reason: 'No.' });
    state = waitUntil(state, t + 9 * DAY);
    const outsider = remember(state);
    refused(does(world, outsider, t + 9 * DAY, 'dispute.appeal', world.carol.vault, { dispute: 'd1', reason: 'x' }), outsider, { kind: 'NotAParty' });
    state = must(world, state, t + 9 * DAY, 'dispute.appeal', world.alice.vault, { dispute: 'd1', reason: 'The panel ignored my evidence.' });
    const appealed = state.disputes.get('d1')!;
    expect(appealed).toMatchObject({ stage: 'mediation', round: 2, appealed: true });
    // The new panel holds none of the first one's members, and is a new vault.
    expect(appealed.panel.some((did) => d.panel.includes(did))).toBe(false);
    expect(appealed.panelVault).not.toBe(d.panelVault);
    // The first panel can no longer propose.
    const second = remember(state);
    refused(does(world, second, t + 10 * DAY, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution: { kind: 'sharedLoss', loss: 0n, sharedBps: 0, note: 'x' } }, panelKeys(world, start, 'd1').slice(0, 2)), second, { kind: 'NotThePanel', panel: appealed.panelVault });
    // Reject again, vote, and the second appeal is refused.
    state = must(world, state, t + 10 * DAY, 'dispute.propose', appealed.panelVault, { dispute: 'd1', resolution: { kind: 'sharedLoss', loss: W(50_000), sharedBps: 0, note: 'y' } }, panelKeys(world, state, 'd1').slice(0, 2));
    state = must(world, state, t + 10 * DAY, 'dispute.reject', world.bob.vault, { dispute: 'd1', reason: 'Still no.' });
    state = remember(waitUntil(state, t + 17 * DAY));
    refused(does(world, state, t + 17 * DAY, 'dispute.appeal', world.bob.vault, { dispute: 'd1', reason: 'again' }), state, { kind: 'AppealUsed', dispute: 'd1' });
  });

  it('an appeal when too few members are left for a new panel is refused, in words, and nothing changes', () => {
    const { world, state: start, t } = opened();
    let state = waitUntil(start, t + 14 * DAY);
    expect(state.disputes.get('d1')?.stage).toBe('appeal');
    state = remember(state);
    refused(does(world, state, t + 14 * DAY, 'dispute.appeal', world.bob.vault, { dispute: 'd1', reason: 'x' }), state, { kind: 'PanelTooSmall', eligible: 1, needed: 3 });
  });

  it('an instalment paid by anyone but the debtor, or above what is owed, is refused', () => {
    const { world, state: start, t } = opened();
    const d = start.disputes.get('d1')!;
    let state = must(world, start, t + DAY, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution: { kind: 'repaymentSchedule', instalments: [{ dueAt: t + 30 * DAY, amount: W(50_000) }], note: 'x' } }, panelKeys(world, start, 'd1').slice(0, 2));
    state = must(world, state, t + DAY, 'dispute.accept', world.alice.vault, { dispute: 'd1' });
    state = remember(must(world, state, t + DAY, 'dispute.accept', world.bob.vault, { dispute: 'd1' }));
    refused(does(world, state, t + 2 * DAY, 'dispute.pay', world.carol.vault, { dispute: 'd1', amount: W(1) }), state, { kind: 'NotTheDebtor', vault: world.carol.vault, debtor: world.alice.vault });
    refused(does(world, state, t + 2 * DAY, 'dispute.pay', world.alice.vault, { dispute: 'd1', amount: W(50_001) }), state, { kind: 'PaymentAboveOwed', owed: W(50_000) });
    refused(does(world, state, t + 2 * DAY, 'dispute.pay', world.alice.vault, { dispute: 'd1', amount: W(5_001) }), state, { kind: 'InsufficientBalance' });
  });

  it('a dispute opened twice on one subject, or on an offer not yet accepted, or with too few eligible panelists, is refused', () => {
    const { world, state: start, t } = opened();
    const state = remember(start);
    refused(does(world, state, t, 'dispute.open', world.alice.vault, { ...claim, id: 'd2' }), state, { kind: 'SubjectAlreadyDisputed', dispute: 'd1' });
    refused(does(world, state, t, 'dispute.open', world.alice.vault, claim), state, { kind: 'DisputeExists' });
    const fresh = remember(must(world, state, t, 'offer.post', world.gita.vault, { quest: 'q', id: 'open-one', deliverable: 'x', reward: { conx: W(1), ppt: 0n, role: 0n } }));
    refused(does(world, fresh, t, 'dispute.open', world.gita.vault, { ...claim, id: 'd3', subject: { kind: 'offer', id: 'open-one' } }), fresh, { kind: 'SubjectNotDisputable', state: 'open' });
    // Four Syndicate members but one is a party: with the Syndicate a party's faction, nobody is left.
    const world2 = givenJudicial();
    let s2 = must(world2, world2.state, world2.state.time + DAY, 'offer.post', world2.carol.vault, { quest: 'q', id: 'c', deliverable: 'x', reward: { conx: W(1_000), ppt: 0n, role: 0n } });
    s2 = must(world2, s2, s2.time, 'offer.accept', world2.verifiers, { offer: 'c' });
    s2 = must(world2, s2, s2.time, 'stake.request', world2.carol.vault, { offer: 'c', amount: W(1_000) });
    s2 = remember(must(world2, s2, s2.time, 'stake.give', world2.bob.vault, { request: 'c/1', amount: W(1_000) }));
    refused(does(world2, s2, s2.time, 'dispute.open', world2.bob.vault, { ...claim, subject: { kind: 'offer', id: 'c' } }), s2, { kind: 'PanelTooSmall', eligible: 2, needed: 3 });
  });
});

describe('other subjects', () => {
  it('a dispute on a stake request freezes that request only; its parties are its holder and stakers', () => {
    const { world, state: staked } = stakedOffer();
    const t = staked.time + DAY;
    const state = must(world, staked, t, 'dispute.open', world.alice.vault, { id: 'ds', subject: { kind: 'stake', id: 'site/1' }, claim: 'Bob wants his stake back early.', amount: W(50_000) });
    const d = state.disputes.get('ds')!;
    expect(d.parties.map((p) => p.role)).toEqual(['holder', 'staker']);
    expect(state.stakeRequests.get('site/1')?.state).toBe('frozen');
    expect(state.offers.get('site')?.state).toBe('accepted');
    // While it is open, the offer is not disputed beside it; once an offer's dispute settled, its requests are not disputed again.
    const again = remember(state);
    refused(does(world, again, t, 'dispute.open', world.bob.vault, { ...claim, id: 'd2' }), again, { kind: 'SubjectAlreadyDisputed', subject: 'offer', dispute: 'ds' });
  });

  it('once a dispute on an offer settled it, a dispute on one of its stake requests is refused', () => {
    const { world, state: start, t } = opened();
    const d = start.disputes.get('d1')!;
    let state = must(world, start, t + DAY, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution: { kind: 'sharedLoss', loss: W(50_000), sharedBps: 0, note: 'x' } }, panelKeys(world, start, 'd1').slice(0, 2));
    state = must(world, state, t + DAY, 'dispute.accept', world.alice.vault, { dispute: 'd1' });
    state = remember(must(world, state, t + DAY, 'dispute.accept', world.bob.vault, { dispute: 'd1' }));
    expect(state.disputes.get('d1')?.stage).toBe('closed');
    refused(does(world, state, t + DAY, 'dispute.open', world.bob.vault, { ...claim, id: 'd2', subject: { kind: 'stake', id: 'site/1' } }), state, { kind: 'SubjectNotDisputable', subject: 'stake', state: 'on offer site, resolved' });
  });

  it('a collateral claim: the line’s member and the treasury are the parties; the member may open it, another member may not', () => {
    const world = givenJudicial();
    let state = must(world, world.state, world.state.time + DAY, 'token.burnToComm', world.alice.vault, { amount: W(100) });
    state = remember(must(world, state, state.time, 'credit.lock', world.alice.vault, { amount: W(100) }));
    refused(does(world, state, state.time, 'dispute.open', world.bob.vault, { id: 'dc', subject: { kind: 'collateral', id: world.alice.vault }, claim: 'x', amount: W(1) }), state, { kind: 'NotAPartyToSubject', subject: 'collateral' });
    state = must(world, state, state.time, 'dispute.open', world.alice.vault, { id: 'dc', subject: { kind: 'collateral', id: world.alice.vault }, claim: 'The treasury claimed too much.', amount: W(1) });
    const d = state.disputes.get('dc')!;
    expect(d.parties.map((p) => [p.role, p.vault])).toEqual([['member', world.alice.vault], ['treasury', state.treasury]]);
    // Alice is of the Union: the panel is drawn from the other factions, never Alice.
    for (const did of d.panel) expect(state.members.get(did)?.faction).not.toBe('Union');
    // Its collateral is frozen while the dispute is open: an unlock is refused, and nothing changes.
    state = remember(state);
    refused(does(world, state, state.time, 'credit.unlock', world.alice.vault, { amount: W(1) }), state, { kind: 'CollateralUnderDispute', vault: world.alice.vault, dispute: 'dc' });
  });
});

describe('what the views and the words show', () => {
  it('c3 state --json and the dashboard list disputes with their stage, panel, deadlines and resolution', () => {
    const { world, state: start, t } = opened();
    const d = start.disputes.get('d1')!;
    const state = must(world, start, t + DAY, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution: { kind: 'sharedLoss', loss: W(50_000), sharedBps: 5_000, note: 'Half shared.' } }, panelKeys(world, start, 'd1').slice(0, 2));
    const json = stateView(state) as { disputes: { id: string; stage: string; panel: string[]; deadline: number; resolution: unknown }[] };
    expect(json.disputes[0]).toMatchObject({ id: 'd1', stage: 'acceptance', panel: d.panel, deadline: t + 8 * DAY, resolution: { kind: 'sharedLoss', loss: W(50_000), sharedBps: 5_000 } });
    const view = toCommonsView(state, { demo: false, verifiedAt: null, emulated: () => false });
    expect(view.disputes[0]).toMatchObject({ id: 'd1', stage: 'acceptance', panelVault: d.panelVault, votes: { for: 0, against: 0, voters: [] }, params: { panelSize: 3, stepSeconds: 7 * DAY } });
    expect(view.lossReserve).toEqual({ balance: W(10_000), sharedLossDue: 0n });
    // The panel vault is a Commons vault of the panelists' own keys, 2 of 3.
    expect(view.vaults.find((v) => v.address === d.panelVault)).toMatchObject({ kind: 'commons', threshold: 2 });
  });

  it('the words a co-signer reads name the dispute, its subject and the resolution in full, amounts with their token', () => {
    const { world, state: start, t } = opened();
    const d = start.disputes.get('d1')!;
    const view = toCommonsView(start, { demo: false, verifiedAt: null, emulated: () => false });
    const { sigs: _s, ...propose } = by(world, start, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution: { kind: 'sharedLoss', loss: W(50_000), sharedBps: 5_000, note: 'Half shared.' } }, []);
    expect(describeAction(view, propose as never).text).toBe(
      `Propose for dispute d1 (on offer site (“Build the community site”, by Alice), claiming 50,000 CONX): a shared loss of 50,000 CONX met in the fixed loss order (the defaulter’s vault, then the loss reserve, then the creditors pro rata), 50 % of what remains moved into Commons loss sharing if the community vote upholds it (“Half shared.”), decided by Panel of dispute d1 (a Commons vault, ${d.panelVault})`,
    );
    const { sigs: _v, ...vote } = by(world, start, 'dispute.vote', world.carol.vault, { dispute: 'd1', support: 'for' }, []);
    expect(describeAction(view, vote as never).text).toContain('Vote for the resolution of dispute d1');
    void t;
  });
});

describe('the vote and the appeal window, closing early', () => {
  it('when every party accepts the ruling in the appeal window (waiving its appeal), it executes at once', () => {
    const { world, state: start, t } = opened();
    const d = start.disputes.get('d1')!;
    let state = must(world, start, t + DAY, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution: { kind: 'sharedLoss', loss: W(50_000), sharedBps: 5_000, note: 'x' } }, panelKeys(world, start, 'd1').slice(0, 2));
    state = must(world, state, t + DAY, 'dispute.accept', world.alice.vault, { dispute: 'd1' });
    state = must(world, state, t + DAY, 'dispute.accept', world.bob.vault, { dispute: 'd1' });
    for (const m of [world.carol, world.dave, world.erin]) state = must(world, state, t + 2 * DAY, 'dispute.vote', m.vault, { dispute: 'd1', support: 'for' });
    expect(state.disputes.get('d1')?.stage).toBe('appeal');
    state = remember(must(world, state, t + 2 * DAY, 'dispute.accept', world.bob.vault, { dispute: 'd1' }));
    refused(does(world, state, t + 2 * DAY, 'dispute.accept', world.bob.vault, { dispute: 'd1' }), state, { kind: 'AlreadyAnswered' });
    refused(does(world, state, t + 2 * DAY, 'dispute.appeal', world.bob.vault, { dispute: 'd1', reason: 'x' }), state, { kind: 'AlreadyAnswered' });
    state = must(world, state, t + 2 * DAY, 'dispute.accept', world.alice.vault, { dispute: 'd1' });
    expect(state.disputes.get('d1')).toMatchObject({ stage: 'closed', settlement: { kind: 'sharedLoss', shared: W(20_000) } });
    expect(state.lossReserve.sharedLossDue).toBe(W(20_000));
  });

  it('a member enrolled after the vote opened is not of its electorate', () => {
    const { world, state: start, t } = opened();
    const d = start.disputes.get('d1')!;
    let state = must(world, start, t + DAY, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution: { kind: 'sharedLoss', loss: W(50_000), sharedBps: 0, note: 'x' } }, panelKeys(world, start, 'd1').slice(0, 2));
    state = must(world, state, t + DAY, 'dispute.reject', world.alice.vault, { dispute: 'd1', reason: 'No.' });
    const late = member('Kofi', 'Guild', [testKey('kofi')], 1, state.commonsId);
    state = remember(stepped(stepAt(state, t + 2 * DAY, enrolAction(state, late))));
    refused(stepAt(state, t + 2 * DAY, act(state, 'dispute.vote', late.vault, { dispute: 'd1', support: 'for' }, late.keys)), state, { kind: 'NotInElectorate', member: late.did, voteOpenedAt: t + DAY });
  });
});
