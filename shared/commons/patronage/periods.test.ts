import { describe, expect, it } from 'vitest';
import { unwrap } from '../../result';
import { balanceOf } from '../balances';
import { act, keys } from '../fixtures';
import { stateHash } from '../apply';
import { toCommonsView } from '../view';
import { type CommonsState } from '../state';
import { credentialLeaves } from '../../zk/presentation';
import { queueSharedLoss } from './points';
import { CONX, givenLines, lastPeriod, refused, step, suppliesHold } from './fixtures';

const conxOf = (state: CommonsState, vault: string) => balanceOf(state.vaults.get(vault)!, 'CONX');

describe('patronage periods (SPEC §9)', () => {
  it('revenue is what the ledger recorded: the fee part of repayments, received by the treasury', () => {
    const g = givenLines();
    const before = conxOf(g.state, g.state.treasury);
    const used = g.use(g.state, [[g.alice, CONX(700)], [g.bob, CONX(333)]]);
    expect(used.patronageBook.revenue).toEqual({ creditFees: CONX(1_033), dexFees: 0n });
    expect(conxOf(used, used.treasury) - before).toBe(CONX(1_033));
    expect(used.patronage.get(g.alice.did)?.feesPaid).toBe(700n);
  });

  it('a surplus period: refunds pro rata to points, rounded down, the remainder and the reserve kept by the Commons', () => {
    const g = givenLines();
    const used = g.use(g.state, [[g.alice, CONX(700)], [g.bob, CONX(333)]]);
    const closed = unwrap(g.close(used, CONX(33)));
    const p = lastPeriod(closed);
    // reserve = ⌈1,033 × 10 %⌉ = 103.3, half to the loss reserve; surplus = 1,033 − 33 − 103.3 = 896.7 CONX.
    expect(p).toMatchObject({ period: 1, revenue: CONX(1_033), costs: CONX(33), reserve: 103_300_000n, toLossReserve: 51_650_000n, toGeneralReserve: 51_650_000n, surplus: 896_700_000n });
    // 896.7 × 700 / 1,033 and 896.7 × 333 / 1,033, rounded down; the one minor unit left goes to the reserve.
    expect(p.members.get(g.alice.did)?.refund).toBe(607_637_947n);
    expect(p.members.get(g.bob.did)?.refund).toBe(289_062_052n);
    expect(p.members.has(g.carol.did)).toBe(false);
    expect(p.refundRemainder).toBe(1n);
    expect(p.refunded + p.refundRemainder).toBe(p.surplus);
    expect(closed.patronageBook).toMatchObject({ period: 2, generalReserve: 51_650_001n, carriedDeficit: 0n, refundsOwed: 607_637_947n + 289_062_052n });
    expect(closed.lossReserve.balance).toBe(51_650_000n);
    expect(closed.patronage.size).toBe(0);
    expect(closed.patronageBook.revenue).toEqual({ creditFees: 0n, dexFees: 0n });

    // The refund is owed until claimed: Alice claims hers into her vault, from the treasury.
    const aliceBefore = conxOf(closed, g.alice.vault);
    const claimed = unwrap(g.claim(closed, g.alice, 607_637_947n));
    expect(conxOf(claimed, g.alice.vault) - aliceBefore).toBe(607_637_947n);
    expect(conxOf(closed, closed.treasury) - conxOf(claimed, claimed.treasury)).toBe(607_637_947n);
    expect(claimed.patronageAccounts.get(g.alice.did)).toMatchObject({ owed: 0n, claimed: 607_637_947n, refunded: 607_637_947n });
    expect(suppliesHold(claimed)).toBe(true);
    expect(claimed.supplies.CONX).toBe(used.supplies.CONX);
  });

  it('a refund claimed twice is refused, and nothing changes', () => {
    const g = givenLines();
    const closed = unwrap(g.close(g.use(g.state, [[g.alice, CONX(700)], [g.bob, CONX(300)]]), 0n));
    const claimed = unwrap(g.claim(closed, g.alice, CONX(630)));
    const again = g.claim(claimed, g.alice, 1n);
    expect(refused(claimed, again, 'ClaimAboveOwed')).toMatchObject({ amount: 1n, owed: 0n });
    expect(stateHash(claimed)).toBe(stateHash(unwrap(g.claim(closed, g.alice, CONX(630)))));
    // Carol had no patronage: she is owed nothing.
    expect(refused(closed, g.claim(closed, g.carol, 1n), 'ClaimAboveOwed').message).toBe('This claim of 0.000001 CONX exceeds the refunds the Commons owes you, 0 CONX.');
  });

  it('a deficit period met by the reserve: no member is billed, nothing is carried', () => {
    const g = givenLines();
    const first = unwrap(g.close(g.use(g.state, [[g.alice, CONX(700)], [g.bob, CONX(300)]]), 0n));
    expect(first.patronageBook.generalReserve).toBe(CONX(50));
    // Revenue 200, reserve 20 (10 to the general reserve: 60), costs 230: a deficit of 50, met from the 60.
    const second = unwrap(g.close(g.use(first, [[g.alice, CONX(100)], [g.bob, CONX(100)]]), CONX(230)));
    const p = lastPeriod(second);
    expect(p).toMatchObject({ deficit: CONX(50), deficitFromReserve: CONX(50), carriedOut: 0n, surplus: 0n, refunded: 0n, billed: 0n, generalReserve: CONX(10) });
    expect(second.patronageBook.carriedDeficit).toBe(0n);
    expect(second.patronageAccounts.get(g.alice.did)).toMatchObject({ owed: CONX(630), due: 0n, billed: 0n });
    expect(second.patronageAccounts.get(g.bob.did)).toMatchObject({ owed: CONX(270), due: 0n, billed: 0n });
  });

  it('a deficit billed with set-off: met from the reserve, carried forward, and only then billed, set off against refunds owed', () => {
    const g = givenLines();
    const first = unwrap(g.close(g.use(g.state, [[g.alice, CONX(700)], [g.bob, CONX(300)]]), 0n));
    // Bob claims 200 of his 270; Alice leaves her 630 owed.
    const claimed = unwrap(g.claim(first, g.bob, CONX(200)));
    // Period 2: revenue 200, reserve 20, costs 500: a deficit of 320, 60 met from the reserve, 260 carried. Nobody billed yet.
    const second = unwrap(g.close(g.use(claimed, [[g.alice, CONX(100)], [g.bob, CONX(100)]]), CONX(500)));
    expect(lastPeriod(second)).toMatchObject({ deficit: CONX(320), deficitFromReserve: CONX(60), carriedOut: CONX(260), billed: 0n, generalReserve: 0n });
    expect(second.patronageAccounts.get(g.bob.did)).toMatchObject({ owed: CONX(70), due: 0n });
    // Period 3: revenue 400, reserve 40 (20 general), costs 380: no surplus to meet the carried 260; the reserve meets 20; 240 is billed
    // 100 : 300 (Alice 60, Bob 180); this period's own deficit of 20 is carried, not billed.
    const third = unwrap(g.close(g.use(second, [[g.alice, CONX(100)], [g.bob, CONX(300)]]), CONX(380)));
    const p = lastPeriod(third);
    expect(p).toMatchObject({ carriedIn: CONX(260), carriedFromSurplus: 0n, carriedFromReserve: CONX(20), deficitBilled: CONX(240), deficit: CONX(20), carriedOut: CONX(20), billExcess: 0n });
    expect(p.members.get(g.alice.did)).toMatchObject({ deficitBill: CONX(60), setOff: CONX(60), owed: CONX(570), due: 0n });
    expect(p.members.get(g.bob.did)).toMatchObject({ deficitBill: CONX(180), setOff: CONX(70), owed: 0n, due: CONX(110) });
    expect(third.patronageBook).toMatchObject({ refundsOwed: CONX(570), billsDue: CONX(110), carriedDeficit: CONX(20) });

    // Bob pays his bill from his vault into the treasury; a payment above it is refused and changes nothing.
    expect(refused(third, g.pay(third, g.bob, CONX(111)), 'PaymentAboveBill').message).toBe('This payment of 111 CONX exceeds your patronage bill, 110 CONX.');
    const bobBefore = conxOf(third, g.bob.vault);
    const paid = unwrap(g.pay(third, g.bob, CONX(110)));
    expect(bobBefore - conxOf(paid, g.bob.vault)).toBe(CONX(110));
    expect(conxOf(paid, paid.treasury) - conxOf(third, third.treasury)).toBe(CONX(110));
    expect(paid.patronageAccounts.get(g.bob.did)).toMatchObject({ due: 0n, paid: CONX(110), billed: CONX(180), setOff: CONX(70), refunded: CONX(270), claimed: CONX(200) });
    expect(paid.patronageBook.billsDue).toBe(0n);
    expect(refused(paid, g.pay(paid, g.bob, 1n), 'PaymentAboveBill')).toMatchObject({ due: 0n });
    // Alice owes nothing: the set-off paid her bill, once; she may claim what stays owed, not more.
    expect(refused(paid, g.claim(paid, g.alice, CONX(570) + 1n), 'ClaimAboveOwed')).toMatchObject({ owed: CONX(570) });
    expect(suppliesHold(paid)).toBe(true);
  });

  it('a shared loss billed: pro rata to points, rounded up, the excess to the reserve, set off against the same close’s refunds', () => {
    const g = givenLines();
    const used = g.use(g.state, [[g.alice, CONX(700)], [g.bob, CONX(300)]]);
    // What judicial's loss order (SPEC §8) or a passed loss-sharing proposal queues.
    const queued = queueSharedLoss(used, 100_000_001n);
    const closed = unwrap(g.close(queued, 0n));
    const p = lastPeriod(closed);
    expect(p).toMatchObject({ lossBilled: 100_000_001n, billed: 100_000_002n, billExcess: 1n, refunded: CONX(900) });
    expect(p.members.get(g.alice.did)).toMatchObject({ refund: CONX(630), lossBill: 70_000_001n, setOff: 70_000_001n, owed: CONX(630) - 70_000_001n, due: 0n });
    expect(p.members.get(g.bob.did)).toMatchObject({ refund: CONX(270), lossBill: 30_000_001n, setOff: 30_000_001n, owed: CONX(270) - 30_000_001n, due: 0n });
    expect(closed.lossReserve.sharedLossDue).toBe(0n);
    expect(closed.patronageBook.generalReserve).toBe(CONX(50) + 1n);
  });

  it('a shared loss with no patronage in the period stays due for the next close', () => {
    const g = givenLines();
    const closed = unwrap(g.close(queueSharedLoss(g.state, CONX(10)), 0n));
    expect(lastPeriod(closed)).toMatchObject({ lossBilled: 0n, billed: 0n, points: 0n });
    expect(closed.lossReserve.sharedLossDue).toBe(CONX(10));
  });

  it('a member reaching Bronze after two periods, which a credential proof can then claim', () => {
    const g = givenLines();
    const first = unwrap(g.close(g.use(g.state, [[g.alice, CONX(10)]]), 0n));
    expect(first.members.get(g.alice.did)?.tier).toBe('None');
    const second = unwrap(g.close(g.use(first, [[g.alice, CONX(10)], [g.carol, CONX(10)]]), 0n));
    expect(second.members.get(g.alice.did)?.tier).toBe('Bronze');
    expect(second.members.get(g.carol.did)?.tier).toBe('None');
    expect(second.members.get(g.bob.did)?.tier).toBe('None');
    expect(second.patronageAccounts.get(g.alice.did)).toMatchObject({ periods: 2, points: 20n });
    expect(lastPeriod(second).members.get(g.alice.did)?.tier).toBe('Bronze');
    // "tier ≥ Bronze" is provable: the credential tree's leaf for Alice carries tier 1 (circuits/credential.circom).
    const view = toCommonsView(second, { demo: false, verifiedAt: null, emulated: () => false });
    const commitment = second.members.get(g.alice.did)!.commitment;
    expect(credentialLeaves(view).find((l) => l.commitment === commitment)?.tier).toBe(1);
  });

  it('a close of any period but the open one is refused (a close replayed, a period skipped), and nothing changes', () => {
    const g = givenLines();
    const closed = unwrap(g.close(g.use(g.state, [[g.alice, CONX(10)]]), 0n));
    expect(refused(closed, g.close(closed, 0n, 1), 'NotTheOpenPeriod').message).toBe('Period 1 is not the open period; the open period is 2, and periods close in order, once each.');
    refused(closed, g.close(closed, 0n, 3), 'NotTheOpenPeriod');
  });

  it('a close whose refunds the treasury could not pay is refused', () => {
    const g = givenLines();
    const used = g.use(g.state, [[g.alice, CONX(700)], [g.bob, CONX(300)]]);
    // The treasury sends away all but 100 CONX of the 1,000 it received; refunds of 900 would be owed.
    const treasuryConx = conxOf(used, used.treasury);
    const spent = unwrap(step(used, act(used, 'token.transfer', used.treasury, { token: 'CONX', to: g.carol.vault, amount: treasuryConx - CONX(100) }, [keys.steward1, keys.steward2])));
    expect(refused(spent, g.close(spent, 0n), 'RefundsAboveTreasury')).toMatchObject({ owed: CONX(900), treasury: CONX(100) });
  });

  it('a close signed by a member instead of the treasury quorum is refused', () => {
    const g = givenLines();
    const used = g.use(g.state, [[g.alice, CONX(10)]]);
    const forged = act(used, 'patronage.close', g.alice.vault, { period: 1, costs: 0n, note: '' }, g.sign(g.alice));
    refused(used, step(used, forged), 'NotTreasury');
    expect(used.patronagePeriods.size).toBe(0);
  });

  it('a bill paid from a Commons vault is refused: bills are the member’s own', () => {
    const g = givenLines();
    const action = act(g.state, 'patronage.payBill', g.state.treasury, { amount: 1n }, [keys.steward1, keys.steward2]);
    refused(g.state, step(g.state, action), 'NotAMemberVault');
  });
});
