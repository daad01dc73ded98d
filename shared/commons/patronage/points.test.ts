import { describe, expect, it } from 'vitest';
import { givenCommons } from '../fixtures';
import { chargeLossReserve, pointsFor, queueSharedLoss, recordPatronage, totalPoints } from '.';

describe('patronage points (SPEC §9)', () => {
  it('weighs fees by value and offers by count, rounding down, with the parameters of the Commons', () => {
    const { state } = givenCommons();
    // Defaults: one point per CONX of fees, 100 points per completed offer.
    expect(pointsFor(state.params, 'feesPaid', 2_500_000n)).toBe(2n);
    expect(pointsFor(state.params, 'stakesGiven', 50_000_000_000n)).toBe(500n);
    expect(pointsFor(state.params, 'offersCompleted', 1n)).toBe(100n);
  });

  it('charges bad debt to the loss reserve: met from its balance as far as it goes, the rest carried', () => {
    const { state } = givenCommons();
    const funded = { ...state, lossReserve: { ...state.lossReserve, balance: 300n } };
    expect(chargeLossReserve(funded, 500n).lossReserve).toEqual({ balance: 0n, charged: 500n, uncovered: 200n, sharedLossDue: 0n });
    expect(chargeLossReserve(funded, 100n).lossReserve).toEqual({ balance: 200n, charged: 100n, uncovered: 0n, sharedLossDue: 0n });
    expect(chargeLossReserve(funded, 0n)).toBe(funded);
  });

  it('adds to the member who used the Commons and to no one else; nothing for a use worth less than a point', () => {
    const { state, alice, bob } = givenCommons();
    const after = recordPatronage(recordPatronage(state, alice.did, 'offersCompleted', 1n), alice.did, 'feesPaid', 3_000_000n);
    expect(after.patronage.get(alice.did)).toMatchObject({ offersCompleted: 100n, feesPaid: 3n });
    expect(totalPoints(after, alice.did)).toBe(103n);
    expect(totalPoints(after, bob.did)).toBe(0n);
    expect(recordPatronage(state, bob.did, 'feesPaid', 999_999n)).toBe(state);
  });

  it('queues a shared loss for the next close without taking anything now; nothing for a zero loss', () => {
    const { state } = givenCommons();
    const queued = queueSharedLoss(queueSharedLoss(state, 700n), 300n);
    expect(queued.lossReserve).toEqual({ ...state.lossReserve, sharedLossDue: 1_000n });
    expect(queued.supplies).toBe(state.supplies);
    expect(queued.vaults).toBe(state.vaults);
    expect(queueSharedLoss(state, 0n)).toBe(state);
  });
});
