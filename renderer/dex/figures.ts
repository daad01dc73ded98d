/**
 * What the DEX page computes from the verified ledger's view (SPEC §10): a listing's depth as
 * cumulative steps with the band around its reference, a member's orders, and the signing
 * requests its forms draft. Pure, so that it is tested without a screen.
 */
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { formatAsset } from '../../shared/money';
import { type SigningRequest, unsignedRequest } from '../../shared/quorum/request';
import { type Result, err, ok } from '../../shared/result';
import { amountOf } from '../impact/requests';

export type ListingView = CommonsView['dexListings'][number];
export type DexOrderView = CommonsView['dexOrders'][number];
export type FillView = CommonsView['dexFills'][number];
export type Level = ListingView['bids'][number];

export const conx = (amount: bigint) => formatAsset(amount, 'CONX');
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** "±5 %". */
export const bandWords = (bps: number) => `±${(bps / 100).toString()} %`;

export const openListings = (commons: Pick<CommonsView, 'dexListings'>) => commons.dexListings.filter((l) => l.closedAt === null);
export const ordersOf = (commons: Pick<CommonsView, 'dexOrders'>, vault: VaultView) => commons.dexOrders.filter((o) => same(o.vault, vault.address));
export const fillsOn = (commons: Pick<CommonsView, 'dexFills'>, market: string) => commons.dexFills.filter((f) => f.market === market);
export const isMine = (listing: ListingView, vault: VaultView) => listing.member === vault.owner;

/** A depth step: at `price`, the units that would trade at that price or better, summed from the best. */
export interface DepthStep {
  readonly price: bigint;
  readonly cumulative: bigint;
}

/** Cumulative depth of a side, best price first (bids falling, asks rising). */
export function cumulative(levels: readonly Level[]): DepthStep[] {
  let sum = 0n;
  return levels.map((l) => ((sum += l.quantity), { price: l.price, cumulative: sum }));
}

export interface DepthBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** The chart's geometry: the bids' and asks' step areas, and where the band and the reference lie. */
export interface DepthGeometry {
  readonly bidPath: string;
  readonly askPath: string;
  readonly lowX: number;
  readonly highX: number;
  readonly referenceX: number;
  /** The price range shown: the band, widened a little so that its edges are visible. */
  readonly minPrice: bigint;
  readonly maxPrice: bigint;
  readonly maxDepth: bigint;
}

/** The price axis spans the band and a margin of a quarter of it on each side: every order lies inside the band. */
export function depthGeometry(listing: Pick<ListingView, 'bids' | 'asks' | 'low' | 'high' | 'reference'>, box: DepthBox): DepthGeometry {
  const span = listing.high - listing.low;
  const margin = span > 0n ? span / 4n : listing.reference / 20n + 1n;
  const minPrice = listing.low - margin > 0n ? listing.low - margin : 0n;
  const maxPrice = listing.high + margin;
  const bids = cumulative(listing.bids);
  const asks = cumulative(listing.asks);
  const deepest = [...bids, ...asks].reduce((m, s) => (s.cumulative > m ? s.cumulative : m), 0n);
  const maxDepth = deepest > 0n ? deepest : 1n;
  const x = (price: bigint) => box.left + (Number(price - minPrice) / Number(maxPrice - minPrice)) * box.width;
  const y = (depth: bigint) => box.top + box.height - (Number(depth) / Number(maxDepth)) * box.height;
  const base = box.top + box.height;
  // Bids: from the best bid leftwards, the depth rising at each lower level; asks rightwards likewise.
  const area = (steps: readonly DepthStep[], edge: number) => {
    if (steps.length === 0) return '';
    const parts = [`M ${x(steps[0]!.price).toFixed(1)} ${base}`];
    steps.forEach((s, i) => {
      parts.push(`L ${x(s.price).toFixed(1)} ${y(s.cumulative).toFixed(1)}`);
      const next = steps[i + 1];
      parts.push(`L ${(next ? x(next.price) : edge).toFixed(1)} ${y(s.cumulative).toFixed(1)}`);
    });
    parts.push(`L ${edge.toFixed(1)} ${base} Z`);
    return parts.join(' ');
  };
  return {
    bidPath: area(bids, box.left),
    askPath: area(asks, box.left + box.width),
    lowX: x(listing.low),
    highX: x(listing.high),
    referenceX: x(listing.reference),
    minPrice,
    maxPrice,
    maxDepth,
  };
}

/** A fresh order id: the listing, the side and the next number of the DEX's orders ("bikes-buy-3"). */
export const nextOrderId = (commons: Pick<CommonsView, 'dexOrders'>, market: string, side: 'buy' | 'sell') => `${market}-${side}-${commons.dexOrders.length + 1}`;

/** Whole units, above zero. */
export function quantityOf(text: string): Result<bigint, string> {
  const trimmed = text.trim();
  if (!/^[1-9][0-9]{0,17}$/.test(trimmed)) return err('The quantity is a whole number of units, at least 1.');
  return ok(BigInt(trimmed));
}

export interface OrderDraft {
  readonly market: string;
  readonly side: 'buy' | 'sell';
  readonly price: string;
  readonly quantity: string;
}

/** A limit order from the vault: the ledger checks the band, the balance and who may sell (the pre-flight says so in words). */
export function orderRequest(commons: Pick<CommonsView, 'commonsId' | 'dexOrders'>, vault: VaultView, draft: OrderDraft, validUntil: number): Result<SigningRequest, string> {
  if (!draft.market) return err('Choose a service listing.');
  const price = amountOf(draft.price, 'price per unit');
  if (!price.ok) return price;
  const quantity = quantityOf(draft.quantity);
  if (!quantity.ok) return quantity;
  const id = nextOrderId(commons, draft.market, draft.side);
  return ok(unsignedRequest(commons, vault, 'dex.order', { id, market: draft.market, side: draft.side, price: price.value, quantity: quantity.value }, validUntil));
}

export interface ListingDraft {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly price: string;
}

const LISTING_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function listingRequest(commons: Pick<CommonsView, 'commonsId'>, vault: VaultView, draft: ListingDraft, validUntil: number): Result<SigningRequest, string> {
  const id = draft.id.trim();
  if (!LISTING_ID.test(id)) return err('The listing id is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.');
  if (!draft.title.trim()) return err('Give the service a title.');
  if (!draft.unit.trim()) return err('Say what one unit is (an hour, a meal, a repair).');
  const price = amountOf(draft.price, 'price per unit');
  if (!price.ok) return price;
  return ok(unsignedRequest(commons, vault, 'dex.list', { id, title: draft.title.trim(), unit: draft.unit.trim(), price: price.value }, validUntil));
}

export const cancelRequest = (commons: Pick<CommonsView, 'commonsId'>, vault: VaultView, order: string, validUntil: number): SigningRequest =>
  unsignedRequest(commons, vault, 'dex.cancel', { order }, validUntil);
