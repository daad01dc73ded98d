/**
 * The order book's matching engine (SPEC §10): a pure function of integer prices and quantities,
 * with no ledger in it, so that it can be tested against the textbook scenarios of price-time
 * (FIFO) matching and replayed from its journal.
 *
 * - Bids rest best first: highest price, then earliest sequence number; asks lowest price first.
 * - An incoming order matches the best resting order on the other side while the prices cross
 *   (a buy at or above the ask, a sell at or below the bid), at the resting (maker) order's price,
 *   for the smaller of the two quantities; what is left of it then rests.
 * - So the book is never crossed after a placement: every resting bid is below every resting ask.
 *
 * No library was used: the maintained JavaScript matching engines work in floating point or
 * strings of decimals and keep their own mutable books; ours are bigint units inside a persistent
 * ledger state.
 */

export type Side = 'buy' | 'sell';

/** An order as the book holds it: what is left of it, and its place in time. */
export interface BookOrder {
  readonly id: string;
  readonly side: Side;
  /** Minor units of the quote per unit. */
  readonly price: bigint;
  /** Units still to trade, above zero while it rests. */
  readonly remaining: bigint;
  /** Arrival order in the market: earlier first at the same price. */
  readonly seq: number;
}

export interface Book {
  readonly bids: readonly BookOrder[];
  readonly asks: readonly BookOrder[];
}

/** One execution: the resting order (maker) against the incoming one (taker), at the maker's price. */
export interface Match {
  readonly maker: string;
  readonly taker: string;
  readonly takerSide: Side;
  readonly price: bigint;
  readonly quantity: bigint;
}

export const EMPTY_BOOK: Book = { bids: [], asks: [] };

/** Whether `a` comes before `b` on its side of the book (price, then time). */
function ahead(a: BookOrder, b: BookOrder): boolean {
  if (a.price !== b.price) return a.side === 'buy' ? a.price > b.price : a.price < b.price;
  return a.seq < b.seq;
}

function insert(side: readonly BookOrder[], order: BookOrder): BookOrder[] {
  const at = side.findIndex((resting) => ahead(order, resting));
  return at === -1 ? [...side, order] : [...side.slice(0, at), order, ...side.slice(at)];
}

const crosses = (incoming: BookOrder, resting: BookOrder): boolean => (incoming.side === 'buy' ? incoming.price >= resting.price : incoming.price <= resting.price);

export interface Placed {
  readonly book: Book;
  readonly matches: readonly Match[];
  /** What of the incoming order rests in the book (0 when it filled). */
  readonly rested: bigint;
}

/** Places an order (its `remaining` is its whole quantity): matches, then rests what is left. */
export function place(book: Book, order: BookOrder): Placed {
  if (order.remaining <= 0n || order.price <= 0n) throw new RangeError('engine.place: price and quantity must be above zero');
  const opposite = order.side === 'buy' ? book.asks : book.bids;
  const matches: Match[] = [];
  let left = order.remaining;
  let consumed = 0;
  const kept: BookOrder[] = [];
  for (const resting of opposite) {
    if (left === 0n || !crosses(order, resting)) break;
    const quantity = left < resting.remaining ? left : resting.remaining;
    matches.push({ maker: resting.id, taker: order.id, takerSide: order.side, price: resting.price, quantity });
    left -= quantity;
    consumed += 1;
    if (quantity < resting.remaining) kept.push({ ...resting, remaining: resting.remaining - quantity });
  }
  const rest = [...kept, ...opposite.slice(consumed)];
  const own = order.side === 'buy' ? book.bids : book.asks;
  const ownAfter = left > 0n ? insert(own, { ...order, remaining: left }) : [...own];
  return { book: order.side === 'buy' ? { bids: ownAfter, asks: rest } : { bids: rest, asks: ownAfter }, matches, rested: left };
}

/** Takes an order out of the book; null when it does not rest there. */
export function cancel(book: Book, id: string): Book | null {
  const inBids = book.bids.some((o) => o.id === id);
  const inAsks = !inBids && book.asks.some((o) => o.id === id);
  if (!inBids && !inAsks) return null;
  return inBids ? { bids: book.bids.filter((o) => o.id !== id), asks: book.asks } : { bids: book.bids, asks: book.asks.filter((o) => o.id !== id) };
}

export const bestBid = (book: Book): bigint | null => book.bids[0]?.price ?? null;
export const bestAsk = (book: Book): bigint | null => book.asks[0]?.price ?? null;

/** Whether some bid is at or above some ask (what matching never leaves). */
export function isCrossed(book: Book): boolean {
  const bid = bestBid(book);
  const ask = bestAsk(book);
  return bid !== null && ask !== null && bid >= ask;
}

/** One price level of a side: the units resting there and how many orders. */
export interface Level {
  readonly price: bigint;
  readonly quantity: bigint;
  readonly orders: number;
}

export function levels(side: readonly BookOrder[]): Level[] {
  const out: Level[] = [];
  for (const order of side) {
    const last = out[out.length - 1];
    if (last && last.price === order.price) out[out.length - 1] = { price: last.price, quantity: last.quantity + order.remaining, orders: last.orders + 1 };
    else out.push({ price: order.price, quantity: order.remaining, orders: 1 });
  }
  return out;
}

/** The engine's journal: what was placed and cancelled, in order. */
export type JournalEvent = { readonly kind: 'place'; readonly order: BookOrder } | { readonly kind: 'cancel'; readonly id: string };

/** The book a journal leaves (a cancel of an order not resting does nothing), with every match. */
export function replay(journal: readonly JournalEvent[]): { book: Book; matches: Match[] } {
  let book = EMPTY_BOOK;
  const matches: Match[] = [];
  for (const event of journal) {
    if (event.kind === 'place') {
      const placed = place(book, event.order);
      book = placed.book;
      matches.push(...placed.matches);
    } else {
      book = cancel(book, event.id) ?? book;
    }
  }
  return { book, matches };
}
