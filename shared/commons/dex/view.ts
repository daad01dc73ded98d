/**
 * What the views show of the DEX (SPEC §10). Field names are stable (screens build on them):
 *
 * CommonsView (`view.commons`):
 * - `dexBandBps`: the band, ±bps of a market's reference price.
 * - `dexListings[]`: `id, title, unit, vault, member, reference` (CONX minor units per unit, the
 *   listing's price), `low, high` (the band's bounds, inclusive), `listedAt, closedAt`,
 *   `bids[], asks[]` (price levels best first: `price, quantity, orders`), `lastPrice` (or null).
 * - `dexOrders[]`: `id, market, side, price, quantity, filled, remaining, value` (CONX paid or
 *   received so far), `escrowed` (CONX held in `dex:<id>`), `vault, member, seq, placedAt, state,
 *   closedAt`.
 * - `dexFills[]`: `id, market, buyOrder, sellOrder, buyer, seller, price, quantity, value, taker, at`.
 *
 * `c3 state --json` (`view.state`): `dex {bandBps, listings, orders, fills}`, the same fields
 * (amounts as bigint, written as decimal strings).
 */
import { z } from 'zod';
import { Amount } from '../../money';
import { type ModuleView } from '../module';
import { type CommonsState } from '../state';
import { Address } from '../view-schema';
import { bandAround } from './band';
import { EMPTY_BOOK, levels } from './engine';
import { type DexSlice, type Fill, type Listing, ORDER_STATES, type Order, dexEscrowId } from './state';

const Time = z.number().int().nonnegative();
export const LevelView = z.object({ price: Amount, quantity: Amount, orders: z.number().int().positive() });

export const ListingView = z.object({
  id: z.string(),
  title: z.string(),
  unit: z.string(),
  vault: Address,
  member: z.string(),
  reference: Amount,
  low: Amount,
  high: Amount,
  listedAt: Time,
  closedAt: Time.nullable(),
  bids: z.array(LevelView),
  asks: z.array(LevelView),
  lastPrice: Amount.nullable(),
});
export type ListingView = z.infer<typeof ListingView>;

export const DexOrderView = z.object({
  id: z.string(),
  market: z.string(),
  side: z.enum(['buy', 'sell']),
  price: Amount,
  quantity: Amount,
  filled: Amount,
  remaining: Amount,
  value: Amount,
  escrowed: Amount,
  vault: Address,
  member: z.string(),
  seq: z.number().int().positive(),
  placedAt: Time,
  state: z.enum(ORDER_STATES),
  closedAt: Time.nullable(),
});
export type DexOrderView = z.infer<typeof DexOrderView>;

export const FillView = z.object({
  id: z.number().int().positive(),
  market: z.string(),
  buyOrder: z.string(),
  sellOrder: z.string(),
  buyer: Address,
  seller: Address,
  price: Amount,
  quantity: Amount,
  value: Amount,
  taker: z.enum(['buy', 'sell']),
  at: Time,
});
export type FillView = z.infer<typeof FillView>;

function listingView(state: CommonsState, listing: Listing): ListingView {
  const book = state.dex.books.get(listing.id) ?? EMPTY_BOOK;
  const band = bandAround(listing.reference, state.params.dexBandBps);
  let lastPrice: bigint | null = null;
  for (const fill of state.dex.fills.reverse()) {
    if (fill.market === listing.id) {
      lastPrice = fill.price;
      break;
    }
  }
  return { ...listing, low: band.low, high: band.high, bids: levels(book.bids), asks: levels(book.asks), lastPrice };
}

const orderView = (state: CommonsState, order: Order): DexOrderView => ({
  ...order,
  remaining: order.state === 'open' ? order.quantity - order.filled : 0n,
  escrowed: state.escrows.get(dexEscrowId(order.id))?.amount ?? 0n,
});

const fillView = (fill: Fill): FillView => ({ ...fill });

const shape = {
  dexBandBps: z.number().int().nonnegative(),
  dexListings: z.array(ListingView),
  dexOrders: z.array(DexOrderView),
  dexFills: z.array(FillView),
};

export const dexView: ModuleView<DexSlice, typeof shape> = {
  state: (state) => ({
    dex: {
      bandBps: state.params.dexBandBps,
      listings: [...state.dex.listings.values()].map((l) => listingView(state, l)),
      orders: [...state.dex.orders.values()].map((o) => orderView(state, o)),
      fills: [...state.dex.fills].map(fillView),
    },
  }),
  commons: {
    shape,
    of: (state) => ({
      dexBandBps: state.params.dexBandBps,
      dexListings: [...state.dex.listings.values()].map((l) => listingView(state, l)),
      dexOrders: [...state.dex.orders.values()].map((o) => orderView(state, o)),
      dexFills: [...state.dex.fills].map(fillView),
    }),
  },
};
