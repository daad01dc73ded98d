/**
 * The matching engine against the textbook scenarios of price-time (FIFO) priority, as the
 * exchanges publish them (e.g. the CME Globex "FIFO" matching algorithm: best price first, at the
 * same price the earliest order first, each fill at the resting order's price), and replay.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type Book, type BookOrder, EMPTY_BOOK, type JournalEvent, type Side, cancel, isCrossed, levels, place, replay } from './engine';

let seq = 0;
const order = (id: string, side: Side, price: number, quantity: number): BookOrder => ({ id, side, price: BigInt(price), remaining: BigInt(quantity), seq: ++seq });
const book = (...orders: BookOrder[]): Book => orders.reduce((b, o) => place(b, o).book, EMPTY_BOOK);
const fills = (placed: ReturnType<typeof place>) => placed.matches.map((m) => [m.maker, Number(m.price), Number(m.quantity)]);

describe('price-time priority (published FIFO scenarios)', () => {
  it('a buy of 10 at 101 against asks 5@100 (first), 3@100 (second), 10@101: 5 and 3 at 100 in time order, then 2 at 101', () => {
    const b = book(order('s1', 'sell', 100, 5), order('s2', 'sell', 100, 3), order('s3', 'sell', 101, 10));
    const placed = place(b, order('b1', 'buy', 101, 10));
    expect(fills(placed)).toEqual([['s1', 100, 5], ['s2', 100, 3], ['s3', 101, 2]]);
    expect(placed.rested).toBe(0n);
    expect(placed.book.asks.map((o) => [o.id, Number(o.remaining)])).toEqual([['s3', 8]]);
    expect(placed.book.bids).toEqual([]);
  });

  it('a better price beats an earlier time: a sell at 99 takes the later bid at 100 before the earlier at 99, each at its own price', () => {
    const b = book(order('b-early', 'buy', 99, 1), order('b-late', 'buy', 100, 1));
    expect(fills(place(b, order('s', 'sell', 99, 2)))).toEqual([['b-late', 100, 1], ['b-early', 99, 1]]);
  });

  it('a partial fill: a bid of 10 meets an ask of 4, fills 4 and rests 6 at its own price', () => {
    const placed = place(book(order('s', 'sell', 100, 4)), order('b', 'buy', 100, 10));
    expect(fills(placed)).toEqual([['s', 100, 4]]);
    expect(placed.rested).toBe(6n);
    expect(placed.book.bids.map((o) => [o.id, Number(o.price), Number(o.remaining)])).toEqual([['b', 100, 6]]);
    expect(placed.book.asks).toEqual([]);
  });

  it('a resting order partly taken keeps its place in time', () => {
    let b = book(order('s1', 'sell', 100, 5), order('s2', 'sell', 100, 5));
    b = place(b, order('b1', 'buy', 100, 2)).book;
    expect(fills(place(b, order('b2', 'buy', 100, 4)))).toEqual([['s1', 100, 3], ['s2', 100, 1]]);
  });

  it('prices that do not cross both rest, and the book is not crossed', () => {
    const b = book(order('b', 'buy', 99, 1), order('s', 'sell', 100, 1));
    expect(b.bids).toHaveLength(1);
    expect(b.asks).toHaveLength(1);
    expect(isCrossed(b)).toBe(false);
  });

  it('a cancelled order no longer matches; cancelling what does not rest gives null', () => {
    let b = book(order('s1', 'sell', 100, 1), order('s2', 'sell', 101, 1));
    b = cancel(b, 's1')!;
    expect(fills(place(b, order('b', 'buy', 101, 1)))).toEqual([['s2', 101, 1]]);
    expect(cancel(b, 'nothing')).toBeNull();
  });

  it('depth: levels add up the orders resting at each price, best first', () => {
    const b = book(order('b1', 'buy', 99, 2), order('b2', 'buy', 100, 1), order('b3', 'buy', 99, 3));
    expect(levels(b.bids)).toEqual([{ price: 100n, quantity: 1n, orders: 1 }, { price: 99n, quantity: 5n, orders: 2 }]);
  });

  it('replaying the journal gives the same book and the same matches as placing as it went', () => {
    const journal: JournalEvent[] = [
      { kind: 'place', order: order('s1', 'sell', 100, 5) },
      { kind: 'place', order: order('b1', 'buy', 98, 4) },
      { kind: 'place', order: order('s2', 'sell', 99, 2) },
      { kind: 'cancel', id: 'b1' },
      { kind: 'place', order: order('b2', 'buy', 100, 6) },
    ];
    let b = EMPTY_BOOK;
    const seen = [];
    for (const e of journal) {
      if (e.kind === 'place') {
        const placed = place(b, e.order);
        b = placed.book;
        seen.push(...placed.matches);
      } else b = cancel(b, e.id) ?? b;
    }
    const replayed = replay(journal);
    expect(replayed.book).toEqual(b);
    expect(replayed.matches).toEqual(seen);
    expect(replayed.matches.map((m) => [m.maker, Number(m.price), Number(m.quantity)])).toEqual([['s2', 99, 2], ['s1', 100, 4]]);
  });
});

/** The oracle: every resting order in one list; an incoming order takes the best crossing one again and again. */
function naive(resting: BookOrder[], incoming: BookOrder) {
  const matches: [string, bigint, bigint][] = [];
  let left = incoming.remaining;
  let pool = [...resting];
  for (;;) {
    const crossing = pool.filter((o) => o.side !== incoming.side && (incoming.side === 'buy' ? o.price <= incoming.price : o.price >= incoming.price));
    if (left === 0n || crossing.length === 0) break;
    crossing.sort((a, b) => (a.price === b.price ? a.seq - b.seq : incoming.side === 'buy' ? Number(a.price - b.price) : Number(b.price - a.price)));
    const best = crossing[0]!;
    const q = left < best.remaining ? left : best.remaining;
    matches.push([best.id, best.price, q]);
    left -= q;
    pool = pool.map((o) => (o.id === best.id ? { ...o, remaining: o.remaining - q } : o)).filter((o) => o.remaining > 0n);
  }
  if (left > 0n) pool.push({ ...incoming, remaining: left });
  return { matches, pool };
}

describe('engine properties', () => {
  const event = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('place' as const), side: fc.constantFrom('buy' as const, 'sell' as const), price: fc.integer({ min: 95, max: 105 }), quantity: fc.integer({ min: 1, max: 6 }) }), weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant('cancel' as const), index: fc.nat(30) }), weight: 1 },
  );

  it('after every placement the book is not crossed, fills follow price then time at the maker’s price, and it agrees with the naive oracle', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        let b = EMPTY_BOOK;
        let pool: BookOrder[] = [];
        events.forEach((e, i) => {
          if (e.kind === 'cancel') {
            const id = `o${e.index}`;
            b = cancel(b, id) ?? b;
            pool = pool.filter((o) => o.id !== id);
            return;
          }
          const incoming: BookOrder = { id: `o${i}`, side: e.side, price: BigInt(e.price), remaining: BigInt(e.quantity), seq: i };
          const placed = place(b, incoming);
          const oracle = naive(pool, incoming);
          expect(placed.matches.map((m) => [m.maker, m.price, m.quantity])).toEqual(oracle.matches);
          for (const m of placed.matches) expect(e.side === 'buy' ? m.price <= incoming.price : m.price >= incoming.price).toBe(true);
          const total = placed.matches.reduce((s, m) => s + m.quantity, 0n) + placed.rested;
          expect(total).toBe(incoming.remaining);
          b = placed.book;
          pool = oracle.pool;
          expect(isCrossed(b)).toBe(false);
          expect([...b.bids, ...b.asks].map((o) => o.id).sort()).toEqual(pool.map((o) => o.id).sort());
        });
      }),
      { numRuns: 300 },
    );
  });
});
