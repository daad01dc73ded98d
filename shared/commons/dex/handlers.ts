/** The DEX's actions (SPEC §10): list and close a service, place and cancel orders. */
import { type Result, err, ok } from '../../result';
import { type Handler, type ModuleError } from '../module';
import { type ActionWith } from '../schema';
import { type CommonsState } from '../state';
import { fail as failCore } from '../core-errors';
import { intoEscrow, outOfEscrow } from '../staking/escrow';
import { fail as failVaults } from '../vaults/errors';
import { vaultAt } from '../vaults/vault';
import { termsOf, withinBand } from './band';
import { EMPTY_BOOK, cancel as cancelInBook, place } from './engine';
import { settle } from './settle';
import { fail } from './errors';
import { type DexCancelPayload, type DexDelistPayload, type DexListPayload, type DexOrderPayload } from './payloads';
import { type Order, dexEscrowId } from './state';

/** SPEC §10 "only members trade": the acting vault is a member's, and its owner is enrolled. */
function memberOf(state: CommonsState, address: string): Result<string, ModuleError> {
  const vault = vaultAt(state, address);
  if (!vault) return err(failCore('UnknownVault', { vault: address }));
  if (vault.kind !== 'member' || vault.owner === null || !state.members.has(vault.owner)) return err(failVaults('NotAMemberVault', { vault: address }));
  return ok(vault.owner);
}

export const list: Handler<ActionWith<'dex.list', typeof DexListPayload>> = (state, action, ctx) => {
  const { id, title, unit, price } = action.payload;
  const member = memberOf(state, action.vault);
  if (!member.ok) return member;
  if (price <= 0n) return err(fail('InvalidListingPrice', { price }));
  if (state.dex.listings.has(id)) return err(fail('ListingExists', { listing: id }));
  const listing = { id, title, unit, reference: price, vault: action.vault, member: member.value, listedAt: ctx.time, closedAt: null };
  return ok({ ...state, dex: { ...state.dex, listings: state.dex.listings.set(id, listing) } });
};

/** Takes an open order out: its book entry, its open escrow back to its vault; filled units stay filled. */
function closeOrder(state: CommonsState, order: Order, time: number): Result<CommonsState, ModuleError> {
  const book = state.dex.books.get(order.market) ?? EMPTY_BOOK;
  const taken = cancelInBook(book, order.id) ?? book;
  const open = order.quantity - order.filled;
  const returned = order.side === 'buy' ? outOfEscrow(state, dexEscrowId(order.id), order.vault, order.price * open) : ok(state);
  if (!returned.ok) return returned;
  const dex = returned.value.dex;
  return ok({
    ...returned.value,
    dex: { ...dex, books: dex.books.set(order.market, taken), orders: dex.orders.set(order.id, { ...order, state: 'cancelled', closedAt: time }) },
  });
}

export const delist: Handler<ActionWith<'dex.delist', typeof DexDelistPayload>> = (state, action, ctx) => {
  const { listing: id } = action.payload;
  const member = memberOf(state, action.vault);
  if (!member.ok) return member;
  const listing = state.dex.listings.get(id);
  if (!listing) return err(fail('UnknownListing', { listing: id }));
  if (listing.member !== member.value) return err(fail('NotTheLister', { listing: id, member: member.value, lister: listing.member }));
  if (listing.closedAt !== null) return err(fail('ListingClosed', { listing: id }));
  let next: CommonsState = state;
  for (const order of state.dex.orders.values()) {
    if (order.market !== id || order.state !== 'open') continue;
    const closed = closeOrder(next, order, ctx.time);
    if (!closed.ok) return closed;
    next = closed.value;
  }
  return ok({ ...next, dex: { ...next.dex, listings: next.dex.listings.set(id, { ...listing, closedAt: ctx.time }), books: next.dex.books.delete(id) } });
};

export const placeOrder: Handler<ActionWith<'dex.order', typeof DexOrderPayload>> = (state, action, ctx) => {
  const { id, market, side, price, quantity } = action.payload;
  const member = memberOf(state, action.vault);
  if (!member.ok) return member;
  if (market.includes('/')) {
    const [base = '', quote = ''] = market.split('/');
    return err(fail('SwapNotAllowed', { base, quote }));
  }
  if (price <= 0n || quantity <= 0n) return err(fail('InvalidDexOrder', { price, quantity }));
  if (state.dex.orders.has(id)) return err(fail('DexOrderExists', { order: id }));
  const listing = state.dex.listings.get(market);
  if (!listing) return err(fail('UnknownListing', { listing: market }));
  if (listing.closedAt !== null) return err(fail('ListingClosed', { listing: market }));
  // The lister sells their service; everyone else buys it.
  if (side === 'sell' && listing.member !== member.value) return err(fail('NotTheLister', { listing: market, member: member.value, lister: listing.member }));
  if (side === 'buy' && listing.member === member.value) return err(fail('OwnListing', { listing: market }));
  const terms = termsOf(listing.reference, state.params.dexBandBps);
  if (!withinBand(price, terms.band)) return err(fail('OutsideBand', { market, price, reference: terms.reference, ...terms.band, bandBps: terms.bandBps }));
  // A bid escrows all it may pay; an ask offers the lister's service and escrows nothing.
  const escrowed = side === 'buy' ? intoEscrow(state, action.vault, dexEscrowId(id), price * quantity) : ok(state);
  if (!escrowed.ok) return escrowed;
  const seq = state.dex.seq + 1;
  const order: Order = { id, market, side, price, quantity, filled: 0n, value: 0n, vault: action.vault, member: member.value, seq, placedAt: ctx.time, state: 'open', closedAt: null };
  const placed = place(state.dex.books.get(market) ?? EMPTY_BOOK, { id, side, price, remaining: quantity, seq });
  const withOrder = { ...escrowed.value, dex: { ...escrowed.value.dex, seq } };
  const settled = settle(withOrder, placed.matches, order, terms, ctx.time);
  if (!settled.ok) return settled;
  const dex = settled.value.state.dex;
  return ok({ ...settled.value.state, dex: { ...dex, orders: dex.orders.set(id, settled.value.taker), books: dex.books.set(market, placed.book) } });
};

export const cancelOrder: Handler<ActionWith<'dex.cancel', typeof DexCancelPayload>> = (state, action, ctx) => {
  const { order: id } = action.payload;
  const member = memberOf(state, action.vault);
  if (!member.ok) return member;
  const order = state.dex.orders.get(id);
  if (!order) return err(fail('UnknownDexOrder', { order: id }));
  if (order.vault !== action.vault) return err(fail('NotTheOrderOwner', { order: id, vault: action.vault, owner: order.vault }));
  if (order.state !== 'open') return err(fail('DexOrderClosed', { order: id, state: order.state }));
  return closeOrder(state, order, ctx.time);
};
