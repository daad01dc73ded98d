/**
 * The Judicial Loop (SPEC §8): a dispute on a staked offer through mediation to loss sharing, the
 * other resolutions, default rulings in the time step, and who may act — each refusal typed, with
 * its numbers, and nothing changed.
 */
import { describe, expect, it } from 'vitest';
import { COMMONS_TOKENS } from '../../money';
import { stateHash } from '../apply';
import { keys, testKey } from '../fixtures';
import { heldTotal } from '../tokens';
import { stateView, toCommonsView } from '../view';
import { describeAction } from '../../quorum/describe';
import { type CommonsState } from '../state';
import { DAY, W, by, conxOf, does, givenJudicial, must, panelKeys, stakedOffer, waitUntil, withLossReserve } from './testing';

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
function opened() {
  const { world, state: failed } = stakedOffer(undefined, { fail: true });
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
    for (const m of [world.carol, world.dave, world.gita]) state = must(world, state, t + 3 * DAY, 'dispute.vote', m.vault, { dispute: 'd1', support: 'for' });
    state = must(world, state, t + 3 * DAY, 'dispute.vote', world.erin.vault, { dispute: 'd1', support: 'against' });

    // The vote closes at its deadline (the time step), then the appeal window of 7 days.
    state = waitUntil(state, t + 9 * DAY);
    expect(state.disputes.get('d1')).toMatchObject({ stage: 'appeal', deadline: t + 16 * DAY, ruling: { outcome: 'upheld', by: 'vote' } });
    const before = { alice: conxOf(state, alice.vault), bob: conxOf(state, bob.vault), treasury: conxOf(state, state.treasury) };
    expect(before.alice).toBe(W(5_000));
    state = waitUntil(state, t + 16 * DAY);

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
