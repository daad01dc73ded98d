/**
 * The rules of VELOC (SPEC §4) one by one: who may act, hostile payloads, prices (staleness, the
 * jump rule, pending prices), ceilings, the minimum debt, liquidation. Every refusal is typed,
 * says its rule with the numbers, and changes nothing (compared by `stateHash`).
 */
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../result';
import { stateHash } from '../apply';
import { keys, act } from '../fixtures';
import { Action } from '../log';
import { type CommonsState } from '../state';
import { stateView } from '../view';
import { ADA, BTC, COMM, CONX, DAY, HOUR, PRICE, givenCredit, step, wait } from './fixtures';
import { type CreditView } from './view';

const creditOf = (state: CommonsState) => stateView(state).credit as CreditView;
const lineOf = (state: CommonsState, vault: string) => creditOf(state).lines.find((l) => l.vault === vault)!;

/** Runs `action` and expects it refused with `kind`, the state unchanged; returns the error. */
function expectRefused(state: CommonsState, action: Parameters<typeof step>[1], kind: string, time = state.time) {
  const before = stateHash(state);
  const result = step(state, action, time);
  expect(result.ok, result.ok ? 'accepted' : result.error.message).toBe(false);
  if (result.ok) throw new Error('accepted');
  expect(result.error.kind, result.error.message).toBe(kind);
  expect(stateHash(state)).toBe(before);
  return result.error;
}

/** Alice has locked 50,000 COMM; BTC, ADA and ETH are priced. */
function withPrices() {
  const g = givenCredit();
  let state = g.state;
  for (const asset of ['ADA', 'BTC', 'ETH'] as const) state = unwrap(step(state, g.treasury(state, 'price.attest', { asset, price: PRICE[asset] })));
  state = unwrap(step(state, g.member(state, g.alice, 'credit.lock', { amount: COMM(50_000) })));
  return { ...g, state };
}

describe('every refusal says the rule and the numbers', () => {
  it('This draw of 60,000 CONX exceeds your capacity of 50,000 CONX', () => {
    const { state, alice, member } = withPrices();
    const e = expectRefused(state, member(state, alice, 'credit.draw', { amount: CONX(60_000) }), 'CapacityExceeded');
    expect(e).toMatchObject({ capacity: CONX(50_000), requested: CONX(60_000), debt: 0n });
    expect(e.message).toBe('This draw of 60,000 CONX exceeds your capacity of 50,000 CONX.');
  });

  it('with a debt, the sentence gives the debt it would reach', () => {
    const { state: s0, alice, member } = withPrices();
    const state = unwrap(step(s0, member(s0, alice, 'credit.draw', { amount: CONX(30_000) })));
    const e = expectRefused(state, member(state, alice, 'credit.draw', { amount: CONX(25_000) }), 'CapacityExceeded');
    expect(e.message).toBe('This draw of 25,000 CONX would bring your debt of 30,000 CONX to 55,000 CONX, above your capacity of 50,000 CONX.');
  });

  it('a draw below the minimum debt, a repayment leaving dust, a repayment above the debt', () => {
    const { state: s0, alice, member } = withPrices();
    expect(expectRefused(s0, member(s0, alice, 'credit.draw', { amount: CONX(99) }), 'BelowMinimumDebt').message).toBe(
      'This would leave a debt of 99 CONX; a line owes nothing or at least the minimum debt of 100 CONX (SPEC §4).',
    );
    const state = unwrap(step(s0, member(s0, alice, 'credit.draw', { amount: CONX(1_000) })));
    expect(expectRefused(state, member(state, alice, 'credit.repay', { amount: CONX(950) }), 'BelowMinimumDebt')).toMatchObject({ debt: CONX(50) });
    expect(expectRefused(state, member(state, alice, 'credit.repay', { amount: CONX(1_001) }), 'RepayExceedsDebt').message).toBe(
      'This repayment of 1,001 CONX is more than your debt of 1,000 CONX.',
    );
  });

  it('collateral may not leave while it is needed', () => {
    const { state: s0, alice, member } = withPrices();
    const state = unwrap(step(s0, member(s0, alice, 'credit.draw', { amount: CONX(40_000) })));
    expect(expectRefused(state, member(state, alice, 'credit.unlock', { amount: COMM(20_000) }), 'CollateralStillNeeded').message).toBe(
      'Withdrawing 20,000 COMM would leave a capacity of 30,000 CONX, below your debt of 40,000 CONX: collateral may leave only while the debt stays within capacity.',
    );
    expect(unwrap(step(state, member(state, alice, 'credit.unlock', { amount: COMM(10_000) }))).vaults.get(alice.vault)!.balances.COMM).toBe(COMM(60_000));
  });
});

describe('who may act', () => {
  it('another member’s keys on Alice’s vault are refused (NotASigner), and nothing changes', () => {
    const { state, alice } = withPrices();
    for (const kind of ['credit.draw', 'credit.repay', 'credit.setOff', 'credit.unlock', 'credit.lock'] as const) {
      expectRefused(state, act(state, kind, alice.vault, { amount: CONX(100) }, [keys.bob, keys.carol]), 'NotASigner');
      expectRefused(state, act(state, kind, alice.vault, { amount: CONX(100) }, [keys.alice1, keys.bob]), 'NotASigner');
    }
    expectRefused(state, act(state, 'credit.pledge', alice.vault, { asset: 'BTC', amount: BTC(1) }, [keys.alice1, keys.mallory]), 'NotASigner');
  });

  it('the treasury may not borrow: a member-only action on a Commons vault is refused (NotAMemberVault)', () => {
    const { state, treasury } = withPrices();
    expectRefused(state, treasury(state, 'credit.draw', { amount: CONX(100) }), 'NotAMemberVault');
    expectRefused(state, treasury(state, 'credit.pledge', { asset: 'BTC', amount: BTC(1) }), 'NotAMemberVault');
    expectRefused(state, treasury(state, 'credit.lock', { amount: COMM(1) }), 'NotAMemberVault');
  });

  it('a member may not attest a price, set off another’s COMM, or liquidate (NotTreasury)', () => {
    const { state, alice, bob, member } = withPrices();
    expectRefused(state, member(state, bob, 'price.attest', { asset: 'BTC', price: CONX(1) }), 'NotTreasury');
    expectRefused(state, member(state, bob, 'credit.setOffByTreasury', { vault: alice.vault, amount: COMM(1) }), 'NotTreasury');
    expectRefused(state, member(state, bob, 'credit.liquidate', { vault: alice.vault }), 'NotTreasury');
  });

  it('one steward alone cannot attest a price (ThresholdNotMet)', () => {
    const { state } = withPrices();
    expectRefused(state, act(state, 'price.attest', state.treasury, { asset: 'BTC', price: CONX(1) }, [keys.steward1]), 'ThresholdNotMet');
  });
});

describe('hostile payloads', () => {
  it('zero, huge and unpriced amounts are refused with their rule', () => {
    const { state, alice, member, treasury } = withPrices();
    expect(expectRefused(state, member(state, alice, 'credit.draw', { amount: 0n }), 'InvalidAmount')).toMatchObject({ amount: 0n });
    for (const kind of ['credit.lock', 'credit.unlock', 'credit.repay', 'credit.setOff'] as const) expectRefused(state, member(state, alice, kind, { amount: 0n }), 'InvalidAmount');
    expectRefused(state, member(state, alice, 'credit.pledge', { asset: 'BTC', amount: 2n ** 200n }), 'AmountTooLarge');
    expectRefused(state, member(state, alice, 'credit.draw', { amount: 2n ** 200n }), 'AmountTooLarge');
    expectRefused(state, treasury(state, 'price.attest', { asset: 'ETH', price: 0n }), 'PriceNotPositive');
    expectRefused(state, treasury(state, 'price.attest', { asset: 'ETH', price: 2n ** 100n }), 'AmountTooLarge');
    // More COMM than the vault holds, more than is locked.
    expectRefused(state, member(state, alice, 'credit.lock', { amount: COMM(50_001) }), 'InsufficientBalance');
    expectRefused(state, member(state, alice, 'credit.unlock', { amount: COMM(50_001) }), 'InsufficientCollateral');
  });

  it('negative amounts and unknown assets are not even actions (the schema refuses them)', () => {
    const { state, alice, member } = withPrices();
    void state;
    void member;
    const wire = (kind: string, payload: object) => ({ kind, vault: alice.vault, nonce: 0, validUntil: 2_000_000_000, payload, sigs: [] });
    expect(Action.safeParse(wire('credit.draw', { amount: '-1' })).success).toBe(false);
    expect(Action.safeParse(wire('credit.pledge', { asset: 'DOGE', amount: '1' })).success).toBe(false);
    expect(Action.safeParse(wire('credit.pledge', { asset: 'COMM', amount: '1' })).success).toBe(false);
    expect(Action.safeParse(wire('credit.draw', { amount: '1', extra: 1 })).success).toBe(false);
    expect(Action.safeParse(wire('credit.draw', { amount: '1' })).success).toBe(true);
  });

  it('an asset never priced cannot be pledged (NoPrice)', () => {
    const { state: s0, alice, member } = givenCredit();
    expect(expectRefused(s0, member(s0, alice, 'credit.pledge', { asset: 'ETH', amount: 10n ** 18n }), 'NoPrice').message).toContain('ETH has no attested price yet');
  });

  it('a draw that needs a stale price is refused (PriceStale); the stale price still counts for health', () => {
    const { state: s0, bob, member } = withPrices();
    let state = unwrap(step(s0, member(s0, bob, 'credit.pledge', { asset: 'BTC', amount: BTC(1) })));
    state = wait(state, DAY + 1);
    const e = expectRefused(state, member(state, bob, 'credit.draw', { amount: CONX(1_000) }), 'PriceStale');
    expect(e).toMatchObject({ asset: 'BTC', maxAgeSeconds: DAY });
    expect(lineOf(state, bob.vault)).toMatchObject({ capacity: 0n, weighted: CONX(48_000) });
  });

  it('a pending price is never used for a draw: a jump up attested and drawn against at once is refused', () => {
    const { state: s0, bob, member, treasury } = withPrices();
    let state = unwrap(step(s0, member(s0, bob, 'credit.pledge', { asset: 'BTC', amount: BTC(1) })));
    state = unwrap(step(state, treasury(state, 'price.attest', { asset: 'BTC', price: CONX(600_000) })));
    expect(creditOf(state).prices.BTC).toMatchObject({ price: CONX(60_000), pending: { price: CONX(600_000), effectiveAt: state.time + HOUR } });
    expect(expectRefused(state, member(state, bob, 'credit.draw', { amount: CONX(30_001) }), 'CapacityExceeded')).toMatchObject({ capacity: CONX(30_000) });
  });

  it('a pending fall already lowers what may be drawn (the lower of current and pending)', () => {
    const { state: s0, bob, member, treasury } = withPrices();
    let state = unwrap(step(s0, member(s0, bob, 'credit.pledge', { asset: 'BTC', amount: BTC(1) })));
    state = unwrap(step(state, treasury(state, 'price.attest', { asset: 'BTC', price: CONX(30_000) })));
    expect(lineOf(state, bob.vault)).toMatchObject({ capacity: CONX(15_000), weighted: CONX(48_000) });
  });
});

describe('price attestations (the jump rule)', () => {
  it('a jump is held as pending; a second attestation an hour later near it confirms it; an early one replaces it', () => {
    const { state: s0, treasury } = withPrices();
    let state = unwrap(step(s0, treasury(s0, 'price.attest', { asset: 'ADA', price: CONX(2) })));
    const first = state.time;
    expect(creditOf(state).prices.ADA).toMatchObject({ price: CONX(1), pending: { price: CONX(2), attestedAt: first, effectiveAt: first + HOUR } });
    // Too early: replaces the pending price, whose delay starts again.
    state = unwrap(step(state, treasury(state, 'price.attest', { asset: 'ADA', price: 2_100_000n }), first + 60));
    expect(creditOf(state).prices.ADA.pending).toEqual({ price: 2_100_000n, attestedAt: first + 60, effectiveAt: first + 60 + HOUR });
    state = unwrap(step(state, treasury(state, 'price.attest', { asset: 'ADA', price: 2_050_000n }), first + 60 + HOUR));
    expect(creditOf(state).prices.ADA).toMatchObject({ price: 2_050_000n, attestedAt: first + 60 + HOUR, pending: null });
  });

  it('a price within the band takes effect at once and drops a pending jump', () => {
    const { state: s0, treasury } = withPrices();
    let state = unwrap(step(s0, treasury(s0, 'price.attest', { asset: 'ETH', price: CONX(1_000) })));
    state = unwrap(step(state, treasury(state, 'price.attest', { asset: 'ETH', price: CONX(3_900) }), state.time + 2 * HOUR));
    expect(creditOf(state).prices.ETH).toMatchObject({ price: CONX(3_900), pending: null });
  });

  it('a confirmed fall freezes the lines it takes below 1, with their cure period', () => {
    const { state: s0, bob, member, treasury } = withPrices();
    let state = unwrap(step(s0, member(s0, bob, 'credit.pledge', { asset: 'BTC', amount: BTC(1) })));
    state = unwrap(step(state, member(state, bob, 'credit.draw', { amount: CONX(30_000) })));
    state = unwrap(step(state, treasury(state, 'price.attest', { asset: 'BTC', price: CONX(36_000) })));
    expect(lineOf(state, bob.vault).frozen).toBe(false);
    const t = state.time + HOUR;
    state = unwrap(step(state, treasury(state, 'price.attest', { asset: 'BTC', price: CONX(36_000) }), t));
    expect(lineOf(state, bob.vault)).toMatchObject({ frozen: true, frozenAt: t, cureUntil: t + 72 * HOUR, healthBps: 9_599n, liquidatable: false });
    expect(expectRefused(state, member(state, bob, 'credit.draw', { amount: CONX(100) }), 'LineFrozen').message).toContain('its health is 0.9599, below 1');
  });
});

describe('debt ceilings', () => {
  it('a draw that would attribute more to an asset than its ceiling is refused, with the numbers', () => {
    const { state: s0, alice, member } = withPrices();
    const low = { ...s0, params: { ...s0.params, debtCeiling: { ...s0.params.debtCeiling, COMM: CONX(30_000) } } };
    let state = unwrap(step(low, member(low, alice, 'credit.draw', { amount: CONX(20_000) })));
    const e = expectRefused(state, member(state, alice, 'credit.draw', { amount: CONX(10_001) }), 'DebtCeilingExceeded');
    expect(e).toMatchObject({ asset: 'COMM', ceiling: CONX(30_000), outstanding: CONX(20_000), requested: CONX(10_001) });
    state = unwrap(step(state, member(state, alice, 'credit.draw', { amount: CONX(10_000) })));
    expect(creditOf(state).totals.attributed.COMM).toBe(CONX(30_000));
  });

  it('a line’s principal is attributed to its assets in proportion to their capacity', () => {
    const { state: s0, alice, member } = withPrices();
    let state = unwrap(step(s0, member(s0, alice, 'credit.pledge', { asset: 'ADA', amount: ADA(100_000) })));
    // Capacity: COMM 50,000, ADA 90,000 → a 14,000 draw attributes 5,000 and 9,000.
    state = unwrap(step(state, member(state, alice, 'credit.draw', { amount: CONX(14_000) })));
    expect(state.credit.lines.get(alice.vault)!.attribution).toEqual({ COMM: CONX(5_000), ADA: CONX(9_000), BTC: 0n, ETH: 0n });
  });
});

describe('liquidation', () => {
  /** Bob pledged 1 BTC at 60,000 and drew 45,000 (Bronze-less: 50 % of 60,000 = 30,000 … so a Gold tier). */
  function bobDrawn(draw: bigint) {
    const g = withPrices();
    let state = unwrap(step(g.state, g.member(g.state, g.bob, 'credit.pledge', { asset: 'BTC', amount: BTC(1) })));
    state = unwrap(step(state, g.member(state, g.bob, 'credit.draw', { amount: draw })));
    return { ...g, state };
  }
  const fallTo = (g: ReturnType<typeof bobDrawn>, price: bigint) => {
    let state = unwrap(step(g.state, g.treasury(g.state, 'price.attest', { asset: 'BTC', price })));
    state = unwrap(step(state, g.treasury(state, 'price.attest', { asset: 'BTC', price }), state.time + HOUR));
    return state;
  };

  it('a healthy line is never liquidated (LineHealthy), and a line in its cure period above 0.95 waits', () => {
    const g = bobDrawn(CONX(30_000));
    expect(expectRefused(g.state, g.treasury(g.state, 'credit.liquidate', { vault: g.bob.vault }), 'LineHealthy').message).toContain('health of 1.60');
    const state = fallTo(g, CONX(36_000)); // health 0.96
    const e = expectRefused(state, g.treasury(state, 'credit.liquidate', { vault: g.bob.vault }), 'LiquidationInCure');
    expect(e.message).toContain('its health of 0.9599 is above 0.95');
    const after = wait(state, 72 * HOUR);
    expect(unwrap(step(after, g.treasury(after, 'credit.liquidate', { vault: g.bob.vault }))).credit.lines.get(g.bob.vault)!.liquidations).toHaveLength(1);
  });

  it('after the cure period, repays half the debt by claiming BTC worth 105 % of it, rounding against the liquidator', () => {
    const g = bobDrawn(CONX(30_000));
    const state = wait(fallTo(g, CONX(36_000)), 72 * HOUR);
    const debt = lineOf(state, g.bob.vault).debt;
    const done = unwrap(step(state, g.treasury(state, 'credit.liquidate', { vault: g.bob.vault })));
    const record = lineOf(done, g.bob.vault).liquidations[0]!;
    const repaid = debt / 2n;
    expect(record).toMatchObject({ full: false, commSetOff: 0n, repaid, badDebt: 0n });
    // claim = floor(repaid × 1.05 / 36,000 BTC) in satoshi
    expect(record.claims).toEqual([{ asset: 'BTC', amount: (repaid * 10_500n * 100_000_000n) / (10_000n * CONX(36_000)), repaid }]);
    expect(lineOf(done, g.bob.vault).debt).toBe(debt - repaid);
    expect(creditOf(done).totals.claimed.BTC).toBe(record.claims[0]!.amount);
    // The member keeps the CONX drawn: no CONX is burned by a liquidation.
    expect(done.supplies.CONX).toBe(state.supplies.CONX);
  });

  it('at or below 0.95, at once and in full; what the collateral cannot cover is bad debt only once none is left', () => {
    const g = bobDrawn(CONX(30_000));
    const state = fallTo(g, CONX(20_000)); // collateral worth 20,000 against 30,000: health 0.53
    const done = unwrap(step(state, g.treasury(state, 'credit.liquidate', { vault: g.bob.vault })));
    const line = lineOf(done, g.bob.vault);
    const record = line.liquidations[0]!;
    expect(record.full).toBe(true);
    expect(record.claims[0]).toMatchObject({ asset: 'BTC', amount: BTC(1) });
    expect(line.collateral.BTC).toBe(0n);
    expect(record.badDebt).toBeGreaterThan(0n);
    expect(record.repaid + record.badDebt).toBe(lineOf(state, g.bob.vault).debt);
    expect(line).toMatchObject({ debt: 0n, frozen: false, badDebt: record.badDebt });
    // Charged to the loss reserve: none is funded before a period close, so all of it is carried.
    expect(done.lossReserve).toEqual({ ...state.lossReserve, balance: 0n, charged: state.lossReserve.charged + record.badDebt, uncovered: state.lossReserve.uncovered + record.badDebt });
  });

  it('a partial liquidation leaves no dust: it repays down to exactly the minimum debt', () => {
    const g = bobDrawn(CONX(150));
    let state = fallTo(g, CONX(180)); // 1 BTC at 180: weighted 144 < 150, health 0.96
    state = wait(state, 72 * HOUR);
    const debt = lineOf(state, g.bob.vault).debt;
    const done = unwrap(step(state, g.treasury(state, 'credit.liquidate', { vault: g.bob.vault })));
    expect(lineOf(done, g.bob.vault).debt).toBe(CONX(100));
    expect(lineOf(done, g.bob.vault).liquidations[0]!.repaid).toBe(debt - CONX(100));
  });
});
