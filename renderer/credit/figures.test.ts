/**
 * The credit page's figures are the ledger's: per-asset capacities that add up to the line's
 * capacity as the view computes it, draw ratios said with their tier bonus and cap, a stale price
 * counting 0 for new draws, requests in the asset's own units, and the words of the jump rule.
 */
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../shared/result';
import { type CreditView } from '../../shared/commons/credit';
import { CONX, COMM, HOUR, givenCredit, step, wait } from '../../shared/commons/credit/fixtures';
import { type CommonsState } from '../../shared/commons/state';
import { toCommonsView } from '../../shared/commons/view';
import { type CommonsView } from '../../shared/contract/commons-view';
import { creditRequest, hintFor } from './CreditActions';
import { collateralRows, headroom, lineOf, pricesOf, quorumText } from './figures';
import { jumpWords } from './PriceAttestForm';
import { verdict } from './WhatIf';
import { whatIfPriceDrop, currentPrices } from '../../shared/commons/credit';

const ETH = 10n ** 18n;
const viewOf = (state: CommonsState): CommonsView => toCommonsView(state, { demo: false, verifiedAt: null, emulated: () => false });

/** Alice: ETH at 3,000 CONX, 500 COMM locked, 1 ETH pledged, 1,000 CONX drawn. */
function aliceWithALine() {
  const given = givenCredit(1_000);
  const { alice, member, treasury } = given;
  let state = unwrap(step(given.state, treasury(given.state, 'price.attest', { asset: 'ETH', price: CONX(3_000) })));
  state = unwrap(step(state, member(state, alice, 'credit.lock', { amount: COMM(500) }), state.time + HOUR));
  state = unwrap(step(state, member(state, alice, 'credit.pledge', { asset: 'ETH', amount: ETH }), state.time + HOUR));
  state = unwrap(step(state, member(state, alice, 'credit.draw', { amount: CONX(1_000) }), state.time + HOUR));
  return { ...given, state };
}

describe('the collateral table', () => {
  it('gives each asset its capacity, and they add up to the line’s capacity as the ledger computes it', () => {
    const { state, alice } = aliceWithALine();
    const commons = viewOf(state);
    const vault = commons.vaults.find((v) => v.address === alice.vault)!;
    const line = lineOf(commons, vault);
    const rows = collateralRows(commons.credit, line);
    expect(rows.map((r) => [r.asset, r.amount, r.capacity])).toEqual([
      ['COMM', '500 COMM', '500 CONX'],
      ['ADA', '0 ADA', '0 CONX'],
      ['BTC', '0 BTC', '0 CONX'],
      ['ETH', '1 ETH', '1,200 CONX'],
    ]);
    expect(rows.reduce((sum, r) => sum + r.capacityMinor, 0n)).toBe(line.capacity);
    expect(rows.find((r) => r.asset === 'ETH')).toMatchObject({ price: '3,000 CONX', value: '3,000 CONX', drawRatio: '40 %', threshold: '70 %', stale: false });
    expect(rows[0]!.price).toBe('1 CONX (at par)');
    expect(headroom(line)).toBe(CONX(700));
  });

  it('says the draw ratio with the tier bonus and its cap', () => {
    const { state, alice } = aliceWithALine();
    const commons = viewOf(state);
    const line = { ...lineOf(commons, commons.vaults.find((v) => v.address === alice.vault)!), tier: 'Gold' as const };
    const rows = collateralRows(commons.credit, line);
    expect(rows.find((r) => r.asset === 'ETH')).toMatchObject({ drawRatio: '55 %', drawRatioWhy: '40 % + 15 % Gold bonus' });
    expect(rows.find((r) => r.asset === 'COMM')).toMatchObject({ drawRatio: '100 %', drawRatioWhy: '100 % + 15 % Gold bonus, capped at 100 %' });
    expect(rows.find((r) => r.asset === 'BTC')).toMatchObject({ drawRatio: '65 %', drawRatioWhy: '50 % + 15 % Gold bonus' });
  });

  it('counts a stale price as 0 for new draws, and still values the collateral with it', () => {
    const { state, alice } = aliceWithALine();
    const commons = viewOf(wait(state, 2 * 86_400));
    const line = lineOf(commons, commons.vaults.find((v) => v.address === alice.vault)!);
    const eth = collateralRows(commons.credit, line).find((r) => r.asset === 'ETH')!;
    expect(eth).toMatchObject({ stale: true, capacity: '0 CONX', value: '3,000 CONX' });
    expect(pricesOf(commons.credit)).toEqual({ health: { ADA: 0n, BTC: 0n, ETH: CONX(3_000) }, draw: { ADA: 0n, BTC: 0n, ETH: 0n } });
    expect(line.capacity).toBe(CONX(500));
  });

  it('gives a vault that never used credit an empty line with its member’s tier', () => {
    const { state, bob } = aliceWithALine();
    const commons = viewOf(state);
    const line = lineOf(commons, commons.vaults.find((v) => v.address === bob.vault)!);
    expect(line).toMatchObject({ capacity: 0n, debt: 0n, healthBps: null, tier: 'None' });
  });
});

describe('the actions on the line', () => {
  it('names who must sign: the vault’s signers and threshold', () => {
    const { state, alice, bob } = aliceWithALine();
    const commons = viewOf(state);
    expect(quorumText(commons.vaults.find((v) => v.address === alice.vault)!)).toBe('any 2 of its 2 signers: Alice, Alice');
    expect(quorumText(commons.vaults.find((v) => v.address === bob.vault)!)).toBe('its one signer: Bob');
  });

  it('makes requests in the asset’s own units, and says what is wrong with what was typed', () => {
    const { state, alice } = aliceWithALine();
    const commons = viewOf(state);
    const vault = commons.vaults.find((v) => v.address === alice.vault)!;
    const pledge = unwrap(creditRequest(commons, vault, 'credit.pledge', '1.5', 'ETH', 99));
    expect(pledge.action).toMatchObject({ kind: 'credit.pledge', vault: alice.vault, nonce: vault.nonce, validUntil: 99, payload: { asset: 'ETH', amount: 1_500_000_000_000_000_000n } });
    expect(unwrap(creditRequest(commons, vault, 'credit.draw', '60,000', 'ETH', 99)).action.payload).toEqual({ amount: CONX(60_000) });
    expect(creditRequest(commons, vault, 'credit.repay', '0', 'ETH', 99)).toEqual({ ok: false, error: 'The amount must be more than zero.' });
    expect(creditRequest(commons, vault, 'credit.lock', '1.0000001', 'ETH', 99)).toMatchObject({ ok: false, error: expect.stringContaining('at most 6 decimal places') });
  });

  it('tells the member how much they may draw before they ask', () => {
    const { state, alice } = aliceWithALine();
    const commons = viewOf(state);
    const vault = commons.vaults.find((v) => v.address === alice.vault)!;
    expect(hintFor('credit.draw', vault, lineOf(commons, vault), commons.credit.params.minDebt)).toBe(
      'Capacity 1,700 CONX, debt 1,000 CONX: you may draw up to 700 CONX. A line owes nothing or at least 100 CONX.',
    );
  });
});

describe('what a fall in prices would do', () => {
  it('says a line frozen below 1, liquidatable at once at or below the full line, healthy otherwise', () => {
    const { state, alice } = aliceWithALine();
    const commons = viewOf(state);
    const line = lineOf(commons, commons.vaults.find((v) => v.address === alice.vault)!);
    const prices = currentPrices(commons.credit.prices);
    // (500 + 3,000 × 70 % × (1 − drop)) ÷ 1,000: 2.39 at 10 %, 1.97 at 30 %, 1.55 at 50 %, 0.92 at 80 %, 0.96 at 78 %.
    expect(verdict(whatIfPriceDrop(line, prices, commons.credit.params, 5_000))).toBe('stays healthy');
    expect(verdict(whatIfPriceDrop(line, prices, commons.credit.params, 7_800))).toBe('frozen: health below 1, the cure period starts');
    expect(verdict(whatIfPriceDrop(line, prices, commons.credit.params, 8_000))).toBe('liquidatable at once, in full');
    expect(verdict(whatIfPriceDrop({ ...line, principal: 0n, fees: 0n }, prices, commons.credit.params, 8_000))).toBe('no debt: nothing to liquidate');
  });
});

describe('the price attestation', () => {
  const credit = (price: bigint | null, pending: bigint | null = null): CreditView => {
    const { state } = givenCredit(1);
    const view = viewOf(state).credit;
    return { ...view, prices: { ...view.prices, ETH: { price, attestedAt: price === null ? null : 1, stale: false, pending: pending === null ? null : { price: pending, attestedAt: 2, effectiveAt: 3_602 } } } };
  };

  it('says what the jump rule will do with the price typed', () => {
    expect(jumpWords(credit(null), 'ETH', CONX(3_000))).toBe('ETH has no price yet: the first attestation takes effect at once.');
    expect(jumpWords(credit(CONX(3_000)), 'ETH', CONX(2_400))).toBe('Within 30 % of the price in force (3,000 CONX): it takes effect at once.');
    expect(jumpWords(credit(CONX(3_000)), 'ETH', CONX(1_500))).toContain('More than 30 % away from 3,000 CONX: it is held as pending');
    expect(jumpWords(credit(CONX(3_000), CONX(1_500)), 'ETH', CONX(1_400))).toContain('within 30 % of the pending 1,500 CONX: it confirms it');
  });
});
