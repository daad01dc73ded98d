/**
 * Impact Quests and Offers (SPEC §6) with M2M staking (SPEC §5): the whitepaper's example, who may
 * act, and hostile payloads — each refusal typed, with its numbers, and nothing changed.
 */
import { describe, expect, it } from 'vitest';
import { COMMONS_TOKENS } from '../../money';
import { stateHash } from '../apply';
import { keys } from '../fixtures';
import { heldTotal } from '../tokens';
import { stateView, toCommonsView } from '../view';
import { describeAction } from '../../quorum/describe';
import { authorityOf } from '../../quorum/authority';
import { unwrap } from '../../result';
import { act } from '../fixtures';
import { fail } from '../errors';
import { type CommonsState } from '../state';
import { W, conxOf, does, givenWork, must, openQuestPayload, tokenOf, verifierKeys, type WorkWorld } from './testing';
import { executeEffect, passProposal, pid, questApproval } from '../governance/testing';

const reward = { conx: W(100_000), ppt: W(1_000), role: W(100) };

/** Alice's offer `site` in quest `q`, accepted by the verifiers. */
function acceptedOffer(world: WorkWorld = givenWork()) {
  let state = must(world, world.state, 'offer.post', world.alice.vault, { quest: 'q', id: 'site', deliverable: 'Build the community site', reward });
  state = must(world, state, 'offer.accept', world.verifiers, { offer: 'site' });
  return { world, state };
}

/** Expects a refusal of `kind` with these fields, and the state exactly as it was. */
function refused(result: { ok: boolean; error?: unknown }, state: CommonsState, before: string, error: Record<string, unknown>) {
  expect(result).toMatchObject({ ok: false, error });
  expect(stateHash(state)).toBe(before);
}

const suppliesHold = (state: CommonsState) => {
  for (const token of COMMONS_TOKENS) expect(heldTotal(state, token), token).toBe(state.supplies[token] ?? 0n);
};

describe('the whitepaper example (SPEC §5, §6)', () => {
  it('Alice needs 100,000 CONX with 50,000 of capacity, Bob stakes 50,000, the offer’s 100,000 CONX reward repays Bob first and credits him 1,000 PMT', () => {
    // Alice's 50,000 of capacity is stated here as 50,000 CONX of her own (the credit module's draw comes in its own branch).
    const world = givenWork({ conx: [W(50_000), W(50_000), 0n] });
    let { state } = acceptedOffer(world);
    const { alice, bob } = world;
    state = must(world, state, 'stake.request', alice.vault, { offer: 'site', amount: W(50_000) });
    state = must(world, state, 'stake.give', bob.vault, { request: 'site/1', amount: W(50_000) });
    // Fully staked: released to Alice as working capital, so she has the 100,000 CONX she needs.
    expect(conxOf(state, alice.vault)).toBe(W(100_000));
    expect(conxOf(state, bob.vault)).toBe(0n);
    expect(state.stakeRequests.get('site/1')).toMatchObject({ state: 'released', released: W(50_000) });

    state = must(world, state, 'offer.submit', alice.vault, { offer: 'site' });
    const aliceBefore = conxOf(state, alice.vault);
    state = must(world, state, 'offer.complete', world.verifiers, { offer: 'site' });

    // Bob repaid first, in full, and credited min(50,000, 1,000) = 1,000 PMT, minted as repayment arrived.
    expect(conxOf(state, bob.vault)).toBe(W(50_000));
    expect(tokenOf(state, bob.vault, 'PMT')).toBe(W(1_000));
    expect(state.stakes.get(`site/1:${bob.vault}`)).toMatchObject({ principal: W(50_000), repaid: W(50_000), pmtCredit: W(1_000), pmtMinted: W(1_000) });
    // The rest of the reward goes to Alice; she earns PPT and her faction's role token (Union: PDT).
    expect(conxOf(state, alice.vault) - aliceBefore).toBe(W(50_000));
    expect(tokenOf(state, alice.vault, 'PPT')).toBe(W(1_000) + reward.ppt);
    expect(tokenOf(state, alice.vault, 'PDT')).toBe(reward.role);
    expect(state.supplies.PCT ?? 0n).toBe(0n);
    expect(state.stakeRequests.get('site/1')).toMatchObject({ state: 'repaid', repaid: W(50_000) });
    expect(state.quests.get('q')).toMatchObject({ budget: W(150_000), paid: W(100_000), reserved: 0n });
    expect(state.escrows.get('quest:q')?.amount).toBe(W(50_000));
    // Reputations, patronage and the completion credential.
    expect(state.reputations.get(alice.did)).toMatchObject({ offersCompleted: 1, borrowedRepaid: W(50_000) });
    expect(state.reputations.get(bob.did)).toMatchObject({ lentRepaid: W(50_000) });
    expect(state.patronage.get(alice.did)?.offersCompleted).toBe(100n);
    expect(state.patronage.get(bob.did)?.stakesGiven).toBe(500n);
    expect(state.credentials.get('completion:site')).toEqual({ id: 'completion:site', member: alice.did, quest: 'q', offer: 'site', issuedAt: state.time });
    suppliesHold(state);
  });

  it('the views show quests, offers, requests, stakes with their expected PMT, and the verifiers’ queue', () => {
    const world = givenWork();
    let { state } = acceptedOffer(world);
    state = must(world, state, 'stake.request', world.alice.vault, { offer: 'site', amount: W(50_000) });
    state = must(world, state, 'stake.give', world.bob.vault, { request: 'site/1', amount: W(20_000) });
    state = must(world, state, 'offer.submit', world.alice.vault, { offer: 'site' });
    const view = toCommonsView(state, { demo: false, verifiedAt: null, emulated: () => false });
    expect(view.quests[0]).toMatchObject({ id: 'q', budget: W(150_000), reserved: W(100_000), paid: 0n, unreserved: W(50_000), escrowed: W(150_000), offers: ['site'] });
    expect(view.offers[0]).toMatchObject({ id: 'site', state: 'submitted', reward: { conx: W(100_000), roleToken: 'PDT' } });
    expect(view.stakeRequests[0]).toMatchObject({ id: 'site/1', amount: W(50_000), staked: W(20_000), escrowed: W(20_000), state: 'open' });
    expect(view.stakes[0]).toMatchObject({ staker: world.bob.vault, principal: W(20_000), pmtExpected: W(1_000), pmtMinted: 0n });
    expect(view.verifierQueue).toEqual([{ quest: 'q', verifiers: world.verifiers, submitted: ['site'], open: [] }]);
    const json = stateView(state);
    expect(json).toHaveProperty('quests');
    expect(json).toHaveProperty('stakeRequests.0.escrow', { id: 'stake:site/1', amount: W(20_000) });
  });
});

describe('the words a co-signer reads (SPEC §3)', () => {
  it('say what a completion pays and mints, and a stake what it lends, from the ledger, with amounts in full', () => {
    const world = givenWork();
    let { state } = acceptedOffer(world);
    state = must(world, state, 'stake.request', world.alice.vault, { offer: 'site', amount: W(50_000) });
    state = must(world, state, 'stake.give', world.bob.vault, { request: 'site/1', amount: W(50_000) });
    state = must(world, state, 'offer.submit', world.alice.vault, { offer: 'site' });
    const view = toCommonsView(state, { demo: false, verifiedAt: null, emulated: () => false });
    const { sigs: _sigs, ...complete } = act(state, 'offer.complete', world.verifiers, { offer: 'site' }, []);
    expect(describeAction(view, complete as never).text).toBe(
      `Mark offer site (“Build the community site”, by Alice) completed: its reward of 100,000 CONX repays its stakers first (50,000 CONX outstanding) and the rest goes to Alice's vault (member vault of Alice, ${world.alice.vault}); mints 1,000 PPT and 100 PDT, decided by Verifiers of q (a Commons vault, ${world.verifiers})`,
    );
    const { sigs: _s2, ...give } = act(state, 'stake.give', world.carol.vault, { request: 'site/1', amount: W(1_500) }, []);
    expect(describeAction(view, give as never).text).toContain('Stake 1,500 CONX from ');
    // An offer posted speaks for the member: their own key must sign the request.
    const { sigs: _s3, ...post } = act(state, 'offer.post', world.alice.vault, { quest: 'q', id: 'next', deliverable: 'x', reward }, []);
    expect(unwrap(authorityOf(view, post as never)).member?.did).toBe(world.alice.did);
  });
});

describe('who may act', () => {
  it('an offer completed by anyone but the quest’s verifiers quorum is refused', () => {
    const { world, state: accepted } = acceptedOffer();
    const state = must(world, accepted, 'offer.submit', world.alice.vault, { offer: 'site' });
    const before = stateHash(state);
    // The treasury, and the member herself, are not the verifiers.
    refused(does(world, state, 'offer.complete', state.treasury, { offer: 'site' }), state, before, { kind: 'NotTheQuestVerifiers', quest: 'q', vault: state.treasury, verifiers: world.verifiers });
    refused(does(world, state, 'offer.complete', world.alice.vault, { offer: 'site' }), state, before, { kind: 'NotTheQuestVerifiers', vault: world.alice.vault });
    // The verifiers' vault signed by one verifier and someone else.
    refused(does(world, state, 'offer.complete', world.verifiers, { offer: 'site' }, [verifierKeys[0]!, keys.mallory].sort((a, b) => (a.address < b.address ? -1 : 1))), state, before, { kind: 'NotASigner', signer: keys.mallory.address });
    refused(does(world, state, 'offer.complete', world.verifiers, { offer: 'site' }, [verifierKeys[0]!]), state, before, { kind: 'ThresholdNotMet', have: 1, need: 2 });
  });

  it('a stake request by someone other than the offer’s holder is refused', () => {
    const { world, state } = acceptedOffer();
    const before = stateHash(state);
    refused(does(world, state, 'stake.request', world.bob.vault, { offer: 'site', amount: W(1) }), state, before, { kind: 'NotTheOfferHolder', offer: 'site', vault: world.bob.vault, holder: world.alice.vault });
  });

  it('a quest opened by a vault that is not the treasury is refused', () => {
    const world = givenWork();
    const { state } = world;
    const before = stateHash(state);
    refused(does(world, state, 'quest.open', world.carol.vault, openQuestPayload(state, 'q2', W(1))), state, before, { kind: 'NotTreasury', vault: world.carol.vault });
  });

  it('an offer submitted by another member, or posted from a Commons vault, is refused', () => {
    const { world, state } = acceptedOffer();
    const before = stateHash(state);
    refused(does(world, state, 'offer.submit', world.bob.vault, { offer: 'site' }), state, before, { kind: 'NotTheOfferHolder', holder: world.alice.vault });
    refused(does(world, state, 'offer.post', state.treasury, { quest: 'q', id: 'x', deliverable: 'x', reward }), state, before, { kind: 'NotAMemberVault' });
  });

  it('a stake release by someone other than the holder is refused', () => {
    const { world, state: accepted } = acceptedOffer();
    let state = must(world, accepted, 'stake.request', world.alice.vault, { offer: 'site', amount: W(10) });
    state = must(world, state, 'stake.give', world.bob.vault, { request: 'site/1', amount: W(5) });
    const before = stateHash(state);
    refused(does(world, state, 'stake.release', world.bob.vault, { request: 'site/1' }), state, before, { kind: 'NotTheOfferHolder', vault: world.bob.vault });
  });
});

describe('hostile payloads', () => {
  it('a reward above the quest’s unreserved budget is refused, at posting and at acceptance', () => {
    const world = givenWork();
    const before = stateHash(world.state);
    const greedy = does(world, world.state, 'offer.post', world.alice.vault, { quest: 'q', id: 'big', deliverable: 'x', reward: { ...reward, conx: W(150_001) } });
    refused(greedy, world.state, before, { kind: 'RewardAboveBudget', quest: 'q', reward: W(150_001), unreserved: W(150_000), budget: W(150_000), reserved: 0n, paid: 0n });
    expect(greedy.ok ? '' : greedy.error.message).toBe(
      'This reward of 150,001 CONX exceeds the unreserved budget of quest q, 150,000 CONX (budget 150,000 CONX, reserved for accepted offers 0 CONX, paid 0 CONX).',
    );
    // Two offers that each fit, but not together: the second acceptance is refused.
    let state = must(world, world.state, 'offer.post', world.alice.vault, { quest: 'q', id: 'a', deliverable: 'x', reward: { ...reward, conx: W(100_000) } });
    state = must(world, state, 'offer.post', world.bob.vault, { quest: 'q', id: 'b', deliverable: 'y', reward: { ...reward, conx: W(100_000) } });
    state = must(world, state, 'offer.accept', world.verifiers, { offer: 'a' });
    refused(does(world, state, 'offer.accept', world.verifiers, { offer: 'b' }), state, stateHash(state), { kind: 'RewardAboveBudget', reward: W(100_000), unreserved: W(50_000), reserved: W(100_000) });
  });

  it('a stake above what the request still needs is refused, with the numbers', () => {
    const { world, state: accepted } = acceptedOffer();
    let state = must(world, accepted, 'stake.request', world.alice.vault, { offer: 'site', amount: W(50_000) });
    state = must(world, state, 'stake.give', world.carol.vault, { request: 'site/1', amount: W(30_000) });
    const before = stateHash(state);
    const over = does(world, state, 'stake.give', world.bob.vault, { request: 'site/1', amount: W(20_001) });
    refused(over, state, before, { kind: 'StakeAboveRequest', request: 'site/1', amount: W(20_001), requested: W(50_000), staked: W(30_000) });
    expect(over.ok ? '' : over.error.message).toBe('This stake of 20,001 CONX exceeds what request site/1 still needs, 20,000 CONX (asked 50,000 CONX, staked 30,000 CONX).');
  });

  it('stake requests above the offer’s reward (what repays them) are refused', () => {
    const { world, state: accepted } = acceptedOffer();
    const state = must(world, accepted, 'stake.request', world.alice.vault, { offer: 'site', amount: W(60_000) });
    refused(does(world, state, 'stake.request', world.alice.vault, { offer: 'site', amount: W(40_001) }), state, stateHash(state), {
      kind: 'StakeRequestsAboveReward',
      offer: 'site',
      reward: W(100_000),
      requested: W(60_000),
      amount: W(40_001),
    });
  });

  it('a stake to a failed or a completed offer is refused', () => {
    const { world, state: accepted } = acceptedOffer();
    const requested = must(world, accepted, 'stake.request', world.alice.vault, { offer: 'site', amount: W(10) });
    const failed = must(world, requested, 'offer.fail', world.verifiers, { offer: 'site', reason: 'abandoned' });
    refused(does(world, failed, 'stake.give', world.bob.vault, { request: 'site/1', amount: W(1) }), failed, stateHash(failed), { kind: 'OfferNotStakeable', offer: 'site', state: 'failed' });
    refused(does(world, failed, 'stake.request', world.alice.vault, { offer: 'site', amount: W(1) }), failed, stateHash(failed), { kind: 'OfferNotStakeable', state: 'failed' });
    let done = must(world, requested, 'offer.submit', world.alice.vault, { offer: 'site' });
    done = must(world, done, 'offer.complete', world.verifiers, { offer: 'site' });
    refused(does(world, done, 'stake.give', world.bob.vault, { request: 'site/1', amount: W(1) }), done, stateHash(done), { kind: 'OfferNotStakeable', offer: 'site', state: 'completed' });
  });

  it('a double completion is refused, and mints nothing twice', () => {
    const { world, state: accepted } = acceptedOffer();
    let state = must(world, accepted, 'offer.submit', world.alice.vault, { offer: 'site' });
    state = must(world, state, 'offer.complete', world.verifiers, { offer: 'site' });
    const again = does(world, state, 'offer.complete', world.verifiers, { offer: 'site' });
    refused(again, state, stateHash(state), { kind: 'OfferNotInState', offer: 'site', action: 'offer.complete', state: 'completed', needs: ['submitted'] });
    expect(again.ok ? '' : again.error.message).toBe('Offer site is completed; offer.complete needs it submitted (SPEC §6: open → accepted → submitted → completed, or failed).');
  });

  it('an offer completed before it was submitted, or a second offer under a used id, is refused', () => {
    const { world, state } = acceptedOffer();
    refused(does(world, state, 'offer.complete', world.verifiers, { offer: 'site' }), state, stateHash(state), { kind: 'OfferNotInState', state: 'accepted', needs: ['submitted'] });
    refused(does(world, state, 'offer.post', world.bob.vault, { quest: 'q', id: 'site', deliverable: 'mine now', reward }), state, stateHash(state), { kind: 'OfferExists', offer: 'site' });
  });

  it('in a version 2 Commons, a quest opened by the treasury without a passed questApproval proposal is refused', () => {
    const world = givenWork();
    const { state } = world;
    const before = stateHash(state);
    refused(does(world, state, 'quest.open', state.treasury, openQuestPayload(state, 'q2', W(1))), state, before, { kind: 'QuestOpensThroughProposal', quest: 'q2', version: 2 });
    expect(fail('QuestOpensThroughProposal', { quest: 'q2', version: 2 }).message).toMatch(/passed questApproval proposal .* quest\.openApproved/);
  });

  it('in a version 1 Commons (old logs, the v1 Demo Commons), the treasury still opens quests', () => {
    const world = givenWork({ version: 1 });
    expect(world.state.quests.get('q')).toMatchObject({ budget: W(150_000), sponsor: 'Union' });
    expect(world.state.proposals.size).toBe(0);
    const state = must(world, world.state, 'quest.open', world.state.treasury, openQuestPayload(world.state, 'q2', W(1_000)));
    expect(state.escrows.get('quest:q2')!.amount).toBe(W(1_000));
  });

  it('a passed quest approval whose budget the treasury does not hold, with a sponsor listed as its own co-sponsor, or a reused id is refused at execution', () => {
    const world = givenWork({ treasury: W(150_000) });
    const { alice, carol } = world;
    const approvals = [
      questApproval(pid(0x61), openQuestPayload(world.state, 'q2', W(1))),
      questApproval(pid(0x62), { ...openQuestPayload(world.state, 'q3', W(1)), coSponsors: ['Union'] }, ['Union']),
      questApproval(pid(0x63), openQuestPayload(world.state, 'q', W(1))),
    ];
    let state = world.state;
    let eta = 0;
    for (const approval of approvals) {
      const scope = approval.scope === 'all' ? [] : approval.scope;
      const voters = [alice, carol].filter((m) => scope.includes(m.faction));
      // All three are proposed at the same time: they share one timeline.
      ({ state, eta } = passProposal({ ...state, time: world.state.time }, alice, approval, voters.map((by) => ({ by, amount: W(100) }))));
    }
    const before = stateHash(state);
    refused(executeEffect(state, approvals[0]!, eta), state, before, { kind: 'QuestBudgetShort', quest: 'q2', budget: W(1), treasury: 0n });
    refused(executeEffect(state, approvals[1]!, eta), state, before, { kind: 'CoSponsorInvalid', sponsor: 'Union' });
    refused(executeEffect(state, approvals[2]!, eta), state, before, { kind: 'QuestExists', quest: 'q' });
    expect(state.proposals.get(pid(0x61))!.executedAt).toBeNull();
  });

  it('a member staking on their own offer is refused', () => {
    const { world, state: accepted } = acceptedOffer();
    const state = must(world, accepted, 'stake.request', world.alice.vault, { offer: 'site', amount: W(10) });
    refused(does(world, state, 'stake.give', world.alice.vault, { request: 'site/1', amount: W(1) }), state, stateHash(state), { kind: 'OwnStakeRequest', request: 'site/1', member: world.alice.did });
  });
});

describe('failure freezes the escrows (SPEC §5, §8)', () => {
  it('a failed offer freezes its stakes: the unreleased escrow stays, a released loan is recorded frozen, the reward stays reserved', () => {
    const { world, state: accepted } = acceptedOffer();
    let state = must(world, accepted, 'stake.request', world.alice.vault, { offer: 'site', amount: W(30_000) });
    state = must(world, state, 'stake.give', world.bob.vault, { request: 'site/1', amount: W(30_000) });
    state = must(world, state, 'stake.request', world.alice.vault, { offer: 'site', amount: W(10_000) });
    state = must(world, state, 'stake.give', world.carol.vault, { request: 'site/2', amount: W(4_000) });
    state = must(world, state, 'offer.fail', world.verifiers, { offer: 'site', reason: 'the site was never built' });
    expect(state.stakeRequests.get('site/1')?.state).toBe('frozen');
    expect(state.stakeRequests.get('site/2')?.state).toBe('frozen');
    expect(state.escrows.get('stake:site/2')?.amount).toBe(W(4_000));
    expect(state.quests.get('q')).toMatchObject({ reserved: W(100_000) });
    expect(state.reputations.get(world.alice.did)).toMatchObject({ offersFailed: 1, borrowedFrozen: W(30_000) });
    expect(state.reputations.get(world.bob.did)).toMatchObject({ lentFrozen: W(30_000) });
    expect(state.supplies.PMT ?? 0n).toBe(0n);
    // A frozen escrow is not released.
    refused(does(world, state, 'stake.release', world.alice.vault, { request: 'site/2' }), state, stateHash(state), { kind: 'StakeRequestClosed', state: 'frozen' });
    suppliesHold(state);
  });

  it('an offer failed with no stake releases its reservation to the quest', () => {
    const { world, state: accepted } = acceptedOffer();
    const state = must(world, accepted, 'offer.fail', world.verifiers, { offer: 'site', reason: 'withdrawn' });
    expect(state.quests.get('q')).toMatchObject({ reserved: 0n, paid: 0n });
    expect(state.offers.get('site')).toMatchObject({ state: 'failed', reserved: 0n, failReason: 'withdrawn' });
  });

  it('stakes still in escrow when the offer completes go back to their stakers, without PMT', () => {
    const { world, state: accepted } = acceptedOffer();
    let state = must(world, accepted, 'stake.request', world.alice.vault, { offer: 'site', amount: W(30_000) });
    state = must(world, state, 'stake.give', world.bob.vault, { request: 'site/1', amount: W(10_000) });
    state = must(world, state, 'offer.submit', world.alice.vault, { offer: 'site' });
    state = must(world, state, 'offer.complete', world.verifiers, { offer: 'site' });
    expect(conxOf(state, world.bob.vault)).toBe(W(50_000));
    expect(state.stakeRequests.get('site/1')?.state).toBe('returned');
    expect(state.escrows.has('stake:site/1')).toBe(false);
    expect(state.supplies.PMT ?? 0n).toBe(0n);
  });

  it('a partial release by the holder closes the request at what was staked', () => {
    const { world, state: accepted } = acceptedOffer();
    let state = must(world, accepted, 'stake.request', world.alice.vault, { offer: 'site', amount: W(30_000) });
    state = must(world, state, 'stake.give', world.bob.vault, { request: 'site/1', amount: W(500) });
    state = must(world, state, 'stake.release', world.alice.vault, { request: 'site/1' });
    expect(state.stakeRequests.get('site/1')).toMatchObject({ state: 'released', amount: W(500), released: W(500) });
    expect(state.stakes.get(`site/1:${world.bob.vault}`)).toMatchObject({ pmtCredit: W(500) });
    refused(does(world, state, 'stake.give', world.carol.vault, { request: 'site/1', amount: W(1) }), state, stateHash(state), { kind: 'StakeRequestClosed', state: 'released' });
  });
});

describe('every refusal says the rule and the numbers', () => {
  it('each impact and staking error names its amounts in full CONX and its ids', () => {
    const v = `0x${'ab'.repeat(20)}`;
    const messages = [
      fail('QuestBudgetShort', { quest: 'q', budget: W(150_000), treasury: W(120_000) + 5n }).message,
      fail('RewardAboveBudget', { quest: 'q', reward: W(7), unreserved: W(6), budget: W(10), reserved: W(3), paid: W(1) }).message,
      fail('StakeRequestsAboveReward', { offer: 'o', reward: W(100), requested: W(60), amount: W(41) }).message,
      fail('StakeAboveRequest', { request: 'o/1', amount: W(21), requested: W(50), staked: W(30) }).message,
      fail('EscrowShort', { escrow: 'quest:q', have: W(1), need: W(2) }).message,
      fail('NotTheQuestVerifiers', { quest: 'q', vault: v, verifiers: v }).message,
      fail('OfferNotStakeable', { offer: 'o', state: 'failed' }).message,
    ];
    expect(messages).toEqual([
      'Quest q needs a budget of 150,000 CONX escrowed from the treasury, which holds 120,000.000005 CONX.',
      'This reward of 7 CONX exceeds the unreserved budget of quest q, 6 CONX (budget 10 CONX, reserved for accepted offers 3 CONX, paid 1 CONX).',
      'This request of 41 CONX would bring the stakes asked for on offer o to 101 CONX, above its CONX reward of 100 CONX, which is what repays them (SPEC §5).',
      'This stake of 21 CONX exceeds what request o/1 still needs, 20 CONX (asked 50 CONX, staked 30 CONX).',
      'Escrow quest:q holds 1 CONX and would have to pay 2 CONX.',
      'Only the verifiers of quest q (vault 0xababab…abab) decide on its offers; 0xababab…abab is not that vault.',
      'Offer o is failed; stakes are asked for and given only while an offer is accepted or submitted (SPEC §5).',
    ]);
  });
});
