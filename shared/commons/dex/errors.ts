/** The DEX's errors (SPEC §10), each with its sentence and the numbers that explain it. */
import { type E, type Sentences, failWith } from '../module';
import { short } from '../words';
import { conx } from '../impact/errors';

/** Basis points as a percentage in words: 500 → "5 %", 250 → "2.5 %". */
export const percent = (bps: number) => `${(bps / 100).toString()} %`;

export type DexError =
  | E<'UnknownListing', { listing: string }>
  | E<'ListingExists', { listing: string }>
  | E<'ListingClosed', { listing: string }>
  | E<'NotTheLister', { listing: string; member: string; lister: string }>
  | E<'OwnListing', { listing: string }>
  | E<'DexOrderExists', { order: string }>
  | E<'UnknownDexOrder', { order: string }>
  | E<'NotTheOrderOwner', { order: string; vault: string; owner: string }>
  | E<'DexOrderClosed', { order: string; state: string }>
  | E<'InvalidDexOrder', { price: bigint; quantity: bigint }>
  | E<'InvalidListingPrice', { price: bigint }>
  | E<'OutsideBand', { market: string; price: bigint; reference: bigint; low: bigint; high: bigint; bandBps: number }>
  | E<'SwapNotAllowed', { base: string; quote: string }>;

export const dexSentences: Sentences<DexError> = {
  UnknownListing: (e) => `No service listing ${e.listing} exists in this Commons.`,
  ListingExists: (e) => `A service listing ${e.listing} already exists; a listing's id is chosen once.`,
  ListingClosed: (e) => `Service listing ${e.listing} is closed; it takes no more orders.`,
  NotTheLister: (e) => `Service listing ${e.listing} is ${short(e.lister)}'s: only the member who offers the service sells it or closes the listing, and ${short(e.member)} is not that member.`,
  OwnListing: (e) => `Service listing ${e.listing} is your own: a member does not buy their own service.`,
  DexOrderExists: (e) => `An order ${e.order} already exists; an order's id is chosen once.`,
  UnknownDexOrder: (e) => `No order ${e.order} exists on the DEX.`,
  NotTheOrderOwner: (e) => `Order ${e.order} was placed by vault ${short(e.owner)}; only that vault cancels it, not ${short(e.vault)}.`,
  DexOrderClosed: (e) => `Order ${e.order} is ${e.state}; only an open order is cancelled.`,
  InvalidDexOrder: (e) => `An order needs a price and a quantity above zero (whole units, CONX minor units per unit); this one has price ${e.price.toString()} and quantity ${e.quantity.toString()}.`,
  InvalidListingPrice: (e) => `A listing's price is its reference price and must be above zero (CONX minor units per unit); this one is ${e.price.toString()}.`,
  OutsideBand: (e) =>
    `A price of ${conx(e.price)} per unit is outside the band of ±${percent(e.bandBps)} around the reference price of ${conx(e.reference)} on ${e.market}: orders must lie between ${conx(e.low)} and ${conx(e.high)} (SPEC §10: orders outside the band are refused, not queued).`,
  SwapNotAllowed: (e) =>
    e.base === e.quote
      ? `${e.base} for ${e.quote} is no swap: the DEX trades service listings paid in CONX.`
      : `${e.base} cannot be swapped for ${e.quote} between members: only CONX passes freely from member to member (SPEC §2: COMM moves only between a member's own vaults, PPT and role tokens never move), so the DEX trades service listings paid in CONX.`,
};

export const fail = failWith<DexError>(dexSentences);
