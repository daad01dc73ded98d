import { describe, expect, it } from 'vitest';
import { unwrap } from '../../result';
import { apply, fold, stateHash } from '../apply';
import { type Action } from '../log';
import { encodeLog, verifyLog } from '../verify';
import { LogBuilder } from '../build';
import { act, DAY, enrolAction, genesisPayload, keys, member, run, T0, testRecoverer, testVerifier } from '../fixtures';
import { COMMONS_TOKENS } from '../../money';
import { stateView } from '../view';
import { heldTotal } from '../tokens';
import { type CommonsState } from '../state';
import { replay, type JournalEvent } from './engine';
import { CONX, conxOf, givenMarket } from './testing';

const supplies = (state: CommonsState) => COMMONS_TOKENS.map((t) => [t, state.supplies[t] ?? 0n, heldTotal(state, t)]);

describe('trading a service listing (SPEC §10)', () => {
  it('Alice offers 5 hours of bike repair at 20 CONX, Bob buys 2: 40 CONX move from Bob’s escrow to Alice, and the fill is recorded', () => {
    const { state, alice, bob, order } = givenMarket();
    const asked = unwrap(order(state, alice, 'alice-1', 'sell', CONX(20), 5n));
    const bought = unwrap(order(asked, bob, 'bob-1', 'buy', CONX(20), 2n));
    expect(conxOf(bought, bob.vault)).toBe(CONX(460));
    expect(conxOf(bought, alice.vault)).toBe(CONX(540));
    expect(bought.escrows.get('dex:bob-1')).toBeUndefined();
    expect([...bought.dex.fills]).toEqual([
      { id: 1, market: 'bikes', buyOrder: 'bob-1', sellOrder: 'alice-1', buyer: bob.vault, seller: alice.vault, price: CONX(20), quantity: 2n, value: CONX(40), taker: 'buy', at: bought.time },
    ]);
    expect(bought.dex.orders.get('alice-1')).toMatchObject({ filled: 2n, state: 'open' });
    expect(bought.dex.orders.get('bob-1')).toMatchObject({ filled: 2n, state: 'filled', value: CONX(40) });
    expect(bought.dex.books.get('bikes')).toEqual({ bids: [], asks: [{ id: 'alice-1', side: 'sell', price: CONX(20), remaining: 3n, seq: 1 }] });
    expect(supplies(bought)).toEqual(supplies(state));
  });

  it('each party’s CONX volume counts for patronage (dexVolume)', () => {
    const { state, alice, bob, order } = givenMarket();
    // 40 CONX at the default weight of 100 bps of a point per CONX: 0.4, rounded down to 0; 500 CONX make 5 points.
    const big = unwrap(order(unwrap(order(state, alice, 'a', 'sell', CONX(20), 25n)), bob, 'b', 'buy', CONX(20), 25n));
    expect(big.patronage.get(bob.did)?.dexVolume).toBe(5n);
    expect(big.patronage.get(alice.did)?.dexVolume).toBe(5n);
  });

  it('a bid above the ask pays the ask’s price, and what it does not spend comes back', () => {
    const { state, alice, bob, order } = givenMarket();
    const asked = unwrap(order(state, alice, 'a', 'sell', CONX(19.5), 3n));
    const bought = unwrap(order(asked, bob, 'b', 'buy', CONX(21), 2n));
    expect(conxOf(bought, bob.vault)).toBe(CONX(500 - 39));
    expect(bought.dex.fills.get(0)).toMatchObject({ price: CONX(19.5), quantity: 2n, value: CONX(39) });
  });

  it('an ask that meets resting bids takes them best price first, then in time order, each at its own price', () => {
    const { state, alice, bob, carol, order } = givenMarket();
    let s = unwrap(order(state, bob, 'bob-low', 'buy', CONX(19), 2n));
    s = unwrap(order(s, carol, 'carol-high', 'buy', CONX(21), 1n));
    s = unwrap(order(s, bob, 'bob-high', 'buy', CONX(21), 2n));
    s = unwrap(order(s, alice, 'ask', 'sell', CONX(19), 4n));
    expect([...s.dex.fills].map((f) => [f.buyOrder, f.price, f.quantity])).toEqual([
      ['carol-high', CONX(21), 1n],
      ['bob-high', CONX(21), 2n],
      ['bob-low', CONX(19), 1n],
    ]);
    expect(conxOf(s, alice.vault)).toBe(CONX(500 + 21 + 42 + 19));
    // Bob's low bid rests with one hour left, its escrow exactly what that hour may cost.
    expect(s.escrows.get('dex:bob-low')?.amount).toBe(CONX(19));
    expect(s.dex.books.get('bikes')!.asks).toEqual([]);
  });

  it('an order outside the band is refused with the band in its message, and nothing changes', () => {
    const { state, bob, order } = givenMarket();
    const before = stateHash(state);
    const refused = order(state, bob, 'b', 'buy', CONX(25), 1n);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'OutsideBand', market: 'bikes', price: CONX(25), reference: CONX(20), low: CONX(19), high: CONX(21), bandBps: 500 } });
    expect(!refused.ok && refused.error.message).toBe(
      'A price of 25 CONX per unit is outside the band of ±5 % around the reference price of 20 CONX on bikes: orders must lie between 19 CONX and 21 CONX (SPEC §10: orders outside the band are refused, not queued).',
    );
    expect(stateHash(state)).toBe(before);
  });

  it('the band’s bounds are inside it, one minor unit beyond them is not', () => {
    const { state, alice, bob, order } = givenMarket();
    expect(order(state, bob, 'b', 'buy', CONX(21), 1n).ok).toBe(true);
    expect(order(state, alice, 'a', 'sell', CONX(19), 1n).ok).toBe(true);
    expect(order(state, bob, 'b', 'buy', CONX(21) + 1n, 1n)).toMatchObject({ ok: false, error: { kind: 'OutsideBand' } });
    expect(order(state, alice, 'a', 'sell', CONX(19) - 1n, 1n)).toMatchObject({ ok: false, error: { kind: 'OutsideBand' } });
  });

  it('the band follows the dexBandBps parameter', () => {
    const given = givenMarket();
    const state = { ...given.state, params: { ...given.state.params, dexBandBps: 1_000 } };
    expect(given.order(state, given.bob, 'b', 'buy', CONX(22), 1n).ok).toBe(true);
    expect(given.order(state, given.bob, 'b', 'buy', CONX(22.5), 1n)).toMatchObject({ ok: false, error: { kind: 'OutsideBand', low: CONX(18), high: CONX(22), bandBps: 1_000 } });
  });

  it('cancel returns what is left in escrow, and the filled part stays paid', () => {
    const { state, alice, bob, order, by } = givenMarket();
    let s = unwrap(order(state, alice, 'a', 'sell', CONX(20), 1n));
    s = unwrap(order(s, bob, 'b', 'buy', CONX(20), 3n));
    expect(s.escrows.get('dex:b')?.amount).toBe(CONX(40));
    s = unwrap(run(s, by(s, bob, 'dex.cancel', { order: 'b' })));
    expect(conxOf(s, bob.vault)).toBe(CONX(480));
    expect(s.escrows.get('dex:b')).toBeUndefined();
    expect(s.dex.orders.get('b')).toMatchObject({ state: 'cancelled', filled: 1n });
    expect(s.dex.books.get('bikes')).toEqual({ bids: [], asks: [] });
    expect(run(s, by(s, bob, 'dex.cancel', { order: 'b' }))).toMatchObject({ ok: false, error: { kind: 'DexOrderClosed', order: 'b', state: 'cancelled' } });
  });

  it('closing a listing cancels its open orders and returns every buyer’s escrow', () => {
    const { state, alice, bob, carol, order, by } = givenMarket();
    let s = unwrap(order(state, bob, 'b', 'buy', CONX(20), 2n));
    s = unwrap(order(s, carol, 'c', 'buy', CONX(19), 1n));
    s = unwrap(run(s, by(s, alice, 'dex.delist', { listing: 'bikes' })));
    expect([conxOf(s, bob.vault), conxOf(s, carol.vault)]).toEqual([CONX(500), CONX(500)]);
    expect(s.escrows.size).toBe(0);
    expect(s.dex.listings.get('bikes')?.closedAt).toBe(s.time);
    expect(order(s, bob, 'b2', 'buy', CONX(20), 1n)).toMatchObject({ ok: false, error: { kind: 'ListingClosed', listing: 'bikes' } });
  });
});

describe('who may act on the DEX', () => {
  it('only the order’s owner cancels: Carol cancelling Bob’s bid is refused, and nothing changes', () => {
    const { state, bob, carol, order, by } = givenMarket();
    const s = unwrap(order(state, bob, 'b', 'buy', CONX(20), 2n));
    const before = stateHash(s);
    expect(run(s, by(s, carol, 'dex.cancel', { order: 'b' }))).toMatchObject({ ok: false, error: { kind: 'NotTheOrderOwner', order: 'b', vault: carol.vault, owner: bob.vault } });
    expect(stateHash(s)).toBe(before);
  });

  it('a non-member vault (the treasury) placing an order is refused, and nothing changes', () => {
    const { state, quorum } = givenMarket();
    const before = stateHash(state);
    const bid = act(state, 'dex.order', state.treasury, { id: 't', market: 'bikes', side: 'buy', price: CONX(20), quantity: 1n }, quorum);
    expect(run(state, bid)).toMatchObject({ ok: false, error: { kind: 'NotAMemberVault', vault: state.treasury } });
    const listing = act(state, 'dex.list', state.treasury, { id: 'treasury-shop', title: 'Shop', unit: 'item', price: CONX(1) }, quorum);
    expect(run(state, listing)).toMatchObject({ ok: false, error: { kind: 'NotAMemberVault' } });
    expect(stateHash(state)).toBe(before);
  });

  it('an order signed by keys that are not the vault’s is refused, and nothing changes', () => {
    const { state, bob } = givenMarket();
    const before = stateHash(state);
    const forged = act(state, 'dex.order', bob.vault, { id: 'm', market: 'bikes', side: 'buy', price: CONX(20), quantity: 1n }, [keys.mallory]);
    expect(run(state, forged).ok).toBe(false);
    expect(stateHash(state)).toBe(before);
  });

  it('only the lister sells a listing, and the lister does not buy it', () => {
    const { state, bob, alice, order } = givenMarket();
    expect(order(state, bob, 'b', 'sell', CONX(20), 1n)).toMatchObject({ ok: false, error: { kind: 'NotTheLister', listing: 'bikes', member: bob.did, lister: alice.did } });
    expect(order(state, alice, 'a', 'buy', CONX(20), 1n)).toMatchObject({ ok: false, error: { kind: 'OwnListing', listing: 'bikes' } });
  });

  it('only the lister closes a listing', () => {
    const { state, bob, by } = givenMarket();
    expect(run(state, by(state, bob, 'dex.delist', { listing: 'bikes' }))).toMatchObject({ ok: false, error: { kind: 'NotTheLister' } });
  });
});

describe('what the DEX refuses', () => {
  it('a swap of COMM, PPT or a role token for CONX is refused: only CONX passes between members (SPEC §2)', () => {
    const { state, bob, order } = givenMarket();
    for (const base of ['COMM', 'PPT', 'PCT'] as const) {
      const refused = order(state, bob, 's', 'sell', CONX(1), 1n, `${base}/CONX`);
      expect(refused).toMatchObject({ ok: false, error: { kind: 'SwapNotAllowed', base, quote: 'CONX' } });
    }
    expect(order(state, bob, 's', 'buy', CONX(1), 1n, 'CONX/CONX')).toMatchObject({ ok: false, error: { kind: 'SwapNotAllowed', base: 'CONX', quote: 'CONX' } });
  });

  it('a bid Bob cannot pay for is refused whole: InsufficientBalance, nothing escrowed', () => {
    const { state, bob, order } = givenMarket();
    const before = stateHash(state);
    expect(order(state, bob, 'b', 'buy', CONX(20), 26n)).toMatchObject({ ok: false, error: { kind: 'InsufficientBalance', have: CONX(500), need: CONX(520) } });
    expect(stateHash(state)).toBe(before);
  });

  it('an order id used twice, an unknown listing, a zero quantity, a listing id used twice, a listing at price zero', () => {
    const { state, alice, bob, order, by } = givenMarket();
    const s = unwrap(order(state, bob, 'b', 'buy', CONX(20), 1n));
    expect(order(s, bob, 'b', 'buy', CONX(20), 1n)).toMatchObject({ ok: false, error: { kind: 'DexOrderExists', order: 'b' } });
    expect(order(s, bob, 'x', 'buy', CONX(20), 1n, 'nowhere')).toMatchObject({ ok: false, error: { kind: 'UnknownListing', listing: 'nowhere' } });
    expect(order(s, bob, 'x', 'buy', CONX(20), 0n)).toMatchObject({ ok: false, error: { kind: 'InvalidDexOrder', quantity: 0n } });
    expect(run(s, by(s, alice, 'dex.list', { id: 'bikes', title: 'Again', unit: 'hour', price: CONX(1) }))).toMatchObject({ ok: false, error: { kind: 'ListingExists' } });
    expect(run(s, by(s, bob, 'dex.cancel', { order: 'nothing' }))).toMatchObject({ ok: false, error: { kind: 'UnknownDexOrder' } });
    expect(run(s, by(s, bob, 'dex.list', { id: 'free', title: 'Free', unit: 'hour', price: 0n }))).toMatchObject({ ok: false, error: { kind: 'InvalidListingPrice', price: 0n } });
  });
});

describe('the journal and the views', () => {
  it('replaying the orders and cancels as the engine’s journal gives the book the ledger holds', () => {
    const { state, alice, bob, carol, order, by } = givenMarket();
    let s = unwrap(order(state, bob, 'b1', 'buy', CONX(19), 3n));
    s = unwrap(order(s, carol, 'c1', 'buy', CONX(20), 2n));
    s = unwrap(order(s, alice, 'a1', 'sell', CONX(20), 1n));
    s = unwrap(run(s, by(s, carol, 'dex.cancel', { order: 'c1' })));
    s = unwrap(order(s, alice, 'a2', 'sell', CONX(21), 4n));
    s = unwrap(order(s, carol, 'c2', 'buy', CONX(21), 1n));
    const journal: JournalEvent[] = [
      ...['b1', 'c1', 'a1'].map((id) => place(s, id)),
      { kind: 'cancel', id: 'c1' },
      ...['a2', 'c2'].map((id) => place(s, id)),
    ];
    const replayed = replay(journal);
    expect(replayed.book).toEqual(s.dex.books.get('bikes'));
    expect(replayed.matches.map((m) => [m.maker, m.taker, m.price, m.quantity])).toEqual([...s.dex.fills].map((f) => [f.taker === 'buy' ? f.sellOrder : f.buyOrder, f.taker === 'buy' ? f.buyOrder : f.sellOrder, f.price, f.quantity]));
  });

  it('the log of a trading day, written as JSON Lines and read back, verifies and folds to the same state, book and fills', () => {
    const log = new LogBuilder(genesisPayload(), T0, [keys.steward1, keys.steward2]);
    const ctx = { verifier: testVerifier, recoverer: testRecoverer };
    let s = unwrap(fold(log.entries, ctx));
    const alice = member('Alice', 'Union', [keys.alice1, keys.alice2], 2, s.commonsId);
    const bob = member('Bob', 'Guild', [keys.bob], 1, s.commonsId);
    const steps: ((x: CommonsState) => Action[])[] = [
      (x) => [enrolAction(x, alice), enrolAction(x, bob)],
      (x) => [act(x, 'token.mint', x.treasury, { token: 'PPT', to: bob.vault, amount: CONX(100) }, [keys.steward1, keys.steward2])],
      (x) => [act(x, 'token.burnToConx', bob.vault, { amount: CONX(100) }, [keys.bob])],
      (x) => [act(x, 'dex.list', alice.vault, { id: 'bikes', title: 'Bike repair', unit: 'hour', price: CONX(20) }, [keys.alice1, keys.alice2])],
      (x) => [act(x, 'dex.order', alice.vault, { id: 'a', market: 'bikes', side: 'sell', price: CONX(20), quantity: 3n }, [keys.alice1, keys.alice2])],
      (x) => [act(x, 'dex.order', bob.vault, { id: 'b', market: 'bikes', side: 'buy', price: CONX(21), quantity: 4n }, [keys.bob])],
      (x) => [act(x, 'dex.cancel', bob.vault, { order: 'b' }, [keys.bob])],
    ];
    for (const make of steps) s = unwrap(apply(s, log.append(s.time + DAY, make(s)), ctx));
    const read = unwrap(verifyLog(encodeLog(log.entries), ctx));
    expect(stateHash(read.state)).toBe(stateHash(s));
    expect(read.state.dex.fills.size).toBe(1);
    expect([conxOf(read.state, bob.vault), conxOf(read.state, alice.vault)]).toEqual([CONX(40), CONX(60)]);
    expect(read.state.dex.books.get('bikes')).toEqual({ bids: [], asks: [] });
    expect(read.state.dex.orders.get('b')).toMatchObject({ filled: 3n, state: 'cancelled', value: CONX(60) });
  });

  it('c3 state --json lists the book: listings with reference and band, orders, fills', () => {
    const { state, alice, bob, order } = givenMarket();
    const s = unwrap(order(unwrap(order(state, alice, 'a', 'sell', CONX(20), 5n)), bob, 'b', 'buy', CONX(20), 2n));
    const view = stateView(s) as { dex: { bandBps: number; listings: { id: string; reference: bigint; low: bigint; high: bigint; asks: unknown[] }[]; orders: unknown[]; fills: unknown[] } };
    expect(view.dex.bandBps).toBe(500);
    expect(view.dex.listings[0]).toMatchObject({ id: 'bikes', reference: CONX(20), low: CONX(19), high: CONX(21), asks: [{ price: CONX(20), quantity: 3n, orders: 1 }], lastPrice: CONX(20) });
    expect(view.dex.orders).toHaveLength(2);
    expect(view.dex.fills).toHaveLength(1);
  });
});

/** An order of the ledger as the engine's journal places it. */
function place(state: CommonsState, id: string): JournalEvent {
  const o = state.dex.orders.get(id)!;
  return { kind: 'place', order: { id, side: o.side, price: o.price, remaining: o.quantity, seq: o.seq } };
}
