/** The whitepaper's VELOC examples (SPEC §4), as named tests. */
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../result';
import { stateHash } from '../apply';
import { stateView } from '../view';
import { DEFAULT_PARAMS_V2 } from '../params';
import { COMM, CONX, DAY, givenCredit, step, wait } from './fixtures';
import { capacityOf, effectiveDrawRatioBps } from './figures';
import { type CreditView } from './view';

const creditOf = (state: Parameters<typeof stateView>[0]) => stateView(state).credit as CreditView;

describe('the whitepaper’s examples (SPEC §4)', () => {
  it('Alice locks 100,000 COMM and has 100,000 CONX of capacity', () => {
    const { state, alice, member } = givenCredit();
    const locked = unwrap(step(state, member(state, alice, 'credit.lock', { amount: COMM(100_000) })));
    const line = creditOf(locked).lines.find((l) => l.vault === alice.vault)!;
    expect(line.collateral.COMM).toBe(COMM(100_000));
    expect(line.capacity).toBe(CONX(100_000));
    expect(locked.escrows.get(`credit:${alice.vault}:COMM`)!.amount).toBe(COMM(100_000));
    expect(locked.vaults.get(alice.vault)!.balances.COMM).toBe(0n);
    expect(locked.supplies.COMM).toBe(COMM(300_000));
  });

  it('drawn in full, the line is frozen as fees accrue, and the fees are set off against her COMM, never liquidated with a penalty', () => {
    const { state: s0, alice, member, treasury } = givenCredit();
    let state = unwrap(step(s0, member(s0, alice, 'credit.lock', { amount: COMM(100_000) })));
    state = unwrap(step(state, member(state, alice, 'credit.draw', { amount: CONX(100_000) })));
    expect(state.vaults.get(alice.vault)!.balances.CONX).toBe(CONX(100_000));
    const drawnAt = state.time;
    // One second later 0.000064 CONX of fees has accrued (2 % a year, rounded up): health below 1, frozen, the cure period starts.
    state = wait(state, 1);
    let line = creditOf(state).lines[0]!;
    expect(line.fees).toBe(64n);
    expect(line.frozen).toBe(true);
    expect(line.frozenAt).toBe(drawnAt + 1);
    expect(line.cureUntil).toBe(drawnAt + 1 + DEFAULT_PARAMS_V2.curePeriodSeconds);
    // A year on: 2 % of 100,000 CONX in fees. Alice sets off the fees with her own COMM: burned 1:1.
    state = wait(state, 365 * DAY - 1);
    line = creditOf(state).lines[0]!;
    expect(line.fees).toBe(CONX(2_000));
    const setOff = unwrap(step(state, member(state, alice, 'credit.setOff', { amount: COMM(2_000) })));
    line = creditOf(setOff).lines[0]!;
    expect(line).toMatchObject({ fees: 0n, principal: CONX(100_000), collateral: { COMM: COMM(98_000) } });
    expect(setOff.supplies.COMM).toBe(COMM(298_000));
    expect(creditOf(setOff).totals).toMatchObject({ feesSetOff: CONX(2_000), principalSetOff: 0n });
    // After the cure period the treasury liquidates: the COMM is set off at par, no penalty, no claim.
    const later = wait(setOff, 3 * DAY);
    const liquidated = unwrap(step(later, treasury(later, 'credit.liquidate', { vault: alice.vault })));
    line = creditOf(liquidated).lines[0]!;
    const record = line.liquidations[0]!;
    expect(record.claims).toEqual([]);
    const feesThen = creditOf(later).lines[0]!.fees;
    // Every unit of COMM burned met one unit of debt: debt before − debt written off = COMM burned.
    expect(record.commSetOff).toBe(COMM(98_000));
    expect(record.badDebt).toBe(CONX(100_000) + feesThen - COMM(98_000));
    expect(line).toMatchObject({ principal: 0n, fees: 0n, collateral: { COMM: 0n }, frozen: false });
    expect(liquidated.supplies.COMM).toBe(COMM(200_000));
    // Alice keeps the CONX she drew; nothing of hers is sold.
    expect(liquidated.vaults.get(alice.vault)!.balances.CONX).toBe(CONX(100_000));
    expect(stateHash(liquidated)).not.toBe(stateHash(later));
  });

  it('the draw ratios are 100 / 90 / 50 / 40 % for COMM, ADA, BTC and ETH', () => {
    const p = DEFAULT_PARAMS_V2;
    expect(['COMM', 'ADA', 'BTC', 'ETH'].map((a) => effectiveDrawRatioBps(p, a as 'COMM', 'None'))).toEqual([10_000, 9_000, 5_000, 4_000]);
    // 3,000 CONX worth of each asset: 3,000 ADA at 1 CONX, 0.05 BTC at 60,000, 1 ETH at 3,000.
    const prices = { ADA: CONX(1), BTC: CONX(60_000), ETH: CONX(3_000) };
    const worth = { COMM: COMM(3_000), ADA: 3_000n * 1_000_000n, BTC: 5_000_000n, ETH: 10n ** 18n };
    const only = (a: keyof typeof worth) => ({ COMM: 0n, ADA: 0n, BTC: 0n, ETH: 0n, [a]: worth[a] });
    expect(capacityOf(only('COMM'), prices, p, 'None')).toBe(CONX(3_000));
    expect(capacityOf(only('ADA'), prices, p, 'None')).toBe(CONX(2_700));
    expect(capacityOf(only('BTC'), prices, p, 'None')).toBe(CONX(1_500));
    expect(capacityOf(only('ETH'), prices, p, 'None')).toBe(CONX(1_200));
  });

  it('the tier bonuses (+5 / +10 / +15 %) are added to the draw ratio and capped per asset (COMM 100, ADA 90, BTC 65, ETH 55 %)', () => {
    const p = DEFAULT_PARAMS_V2;
    const table = (['None', 'Bronze', 'Silver', 'Gold'] as const).map((tier) => (['COMM', 'ADA', 'BTC', 'ETH'] as const).map((a) => effectiveDrawRatioBps(p, a, tier)));
    expect(table).toEqual([
      [10_000, 9_000, 5_000, 4_000],
      [10_000, 9_000, 5_500, 4_500],
      [10_000, 9_000, 6_000, 5_000],
      [10_000, 9_000, 6_500, 5_500],
    ]);
  });
});
