/**
 * Properties of the DEX in the ledger over random sequences of orders and cancels (SPEC §0, §2,
 * §10): after every action the book is not crossed, the fills of a placement follow price then
 * time, nothing settles outside the band, only members' vaults trade, each open bid's escrow is
 * exactly its price × what is left of it, and every supply equals balances + escrows unchanged.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COMMONS_TOKENS } from '../../money';
import { act, run } from '../fixtures';
import { heldTotal } from '../tokens';
import { type CommonsState } from '../state';
import { bandAround, withinBand } from './band';
import { EMPTY_BOOK, isCrossed } from './engine';
import { CONX, givenMarket } from './testing';

const given = givenMarket();
const MEMBERS = [given.alice, given.bob, given.carol];
const REFERENCE = CONX(20);

const step = fc.oneof(
  {
    // Prices from −8 % to +8 % of the reference, so that some fall outside the ±5 % band.
    arbitrary: fc.record({ t: fc.constant('order' as const), who: fc.nat(3), side: fc.constantFrom('buy' as const, 'sell' as const), bps: fc.integer({ min: -800, max: 800 }), quantity: fc.bigInt({ min: 0n, max: 12n }) }),
    weight: 5,
  },
  { arbitrary: fc.record({ t: fc.constant('cancel' as const), who: fc.nat(3), order: fc.nat(20) }), weight: 2 },
);

/** Who 3 is the treasury: a Commons vault, never a member's. */
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function actionFor(state: CommonsState, s: Step, i: number) {
  const vault = s.who === 3 ? state.treasury : MEMBERS[s.who]!.vault;
  const signers = s.who === 3 ? given.quorum : given.sign(MEMBERS[s.who]!);
  if (s.t === 'order') {
    const price = (REFERENCE * BigInt(10_000 + s.bps)) / 10_000n;
    return act(state, 'dex.order', vault, { id: `o${i}`, market: 'bikes', side: s.side, price, quantity: s.quantity }, signers);
  }
  // Mostly one of the canceller's own open orders (so that cancels do happen in most runs), now
  // and then an order of someone else or of no one (which must be refused).
  const own = [...state.dex.orders.values()].filter((o) => o.vault === vault && o.state === 'open');
  const order = own.length > 0 && s.order % 4 !== 0 ? own[s.order % own.length]!.id : `o${s.order}`;
  return act(state, 'dex.cancel', vault, { order }, signers);
}

function check(before: CommonsState, s: Step, after: CommonsState) {
  const book = after.dex.books.get('bikes') ?? EMPTY_BOOK;
  expect(isCrossed(book)).toBe(false);
  for (const token of COMMONS_TOKENS) {
    expect(heldTotal(after, token)).toBe(after.supplies[token] ?? 0n);
    expect(after.supplies[token] ?? 0n).toBe(before.supplies[token] ?? 0n);
  }
  const band = bandAround(REFERENCE, after.params.dexBandBps);
  const fresh = [...after.dex.fills].slice(before.dex.fills.size);
  for (const fill of fresh) expect(withinBand(fill.price, band)).toBe(true);
  // Price then time: a buy takes asks in rising price, a sell bids in falling price; at one price, earlier orders first.
  for (let k = 1; k < fresh.length; k += 1) {
    const [a, b] = [fresh[k - 1]!, fresh[k]!];
    const makerOf = (f: typeof a) => after.dex.orders.get(f.taker === 'buy' ? f.sellOrder : f.buyOrder)!;
    if (a.price === b.price) expect(makerOf(a).seq).toBeLessThan(makerOf(b).seq);
    else expect(a.taker === 'buy' ? a.price < b.price : a.price > b.price).toBe(true);
  }
  for (const order of after.dex.orders.values()) {
    const owner = after.vaults.get(order.vault);
    expect(owner?.kind).toBe('member');
    expect(after.members.has(order.member)).toBe(true);
    const escrowed = after.escrows.get(`dex:${order.id}`)?.amount ?? 0n;
    expect(escrowed).toBe(order.state === 'open' && order.side === 'buy' ? order.price * (order.quantity - order.filled) : 0n);
  }
  if (s.t === 'order' && s.who === 3) expect(after).toBe(before);
}

describe('DEX properties', () => {
  it('never crossed, price then time, nothing outside the band, only members, supplies conserved', () => {
    const seen = { fills: 0, outsideBand: 0, cancels: 0, notMember: 0 };
    fc.assert(
      fc.property(fc.array(step, { maxLength: 14 }), (steps) => {
        let state = given.state;
        steps.forEach((s, i) => {
          const result = run(state, actionFor(state, s, i));
          const after = result.ok ? result.value : state;
          seen.fills += after.dex.fills.size - state.dex.fills.size;
          if (!result.ok && result.error.kind === 'OutsideBand') seen.outsideBand += 1;
          if (!result.ok && result.error.kind === 'NotAMemberVault') seen.notMember += 1;
          if (result.ok && s.t === 'cancel') seen.cancels += 1;
          if (s.who === 3) expect(result.ok).toBe(false);
          check(state, s, after);
          state = after;
        });
      }),
      // 300 runs: fills need a lister's ask and a crossing bid in one run; at 100 runs a run of bad
      // luck now and then saw none, and the coverage check below failed.
      { numRuns: 300 },
    );
    // The runs did reach what they are about: fills, refusals outside the band, cancels, a Commons vault refused.
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(0);
  });
});
