import { describe, expect, it } from 'vitest';
import { cumulative, depthGeometry, listingRequest, orderRequest, quantityOf } from './figures';

const C = (n: number) => BigInt(Math.round(n * 1_000_000));
const listing = {
  reference: C(20),
  low: C(19),
  high: C(21),
  bids: [{ price: C(20), quantity: 2n, orders: 1 }, { price: C(19), quantity: 3n, orders: 2 }],
  asks: [{ price: C(20.5), quantity: 4n, orders: 1 }],
};
const vault = { address: `0x${'ab'.repeat(20)}`, nonce: 7 } as Parameters<typeof orderRequest>[1];
const commons = { commonsId: `0x${'c3'.repeat(32)}`, dexOrders: [] };

describe('the DEX page’s figures', () => {
  it('depth sums each side from its best price', () => {
    expect(cumulative(listing.bids)).toEqual([{ price: C(20), cumulative: 2n }, { price: C(19), cumulative: 5n }]);
  });

  it('the depth chart draws the band inside its axis, the reference between its edges, and scales to the deepest side', () => {
    const box = { left: 40, top: 20, width: 400, height: 100 };
    const g = depthGeometry(listing, box);
    expect(g.maxDepth).toBe(5n);
    expect(g.minPrice).toBe(C(18.5));
    expect(g.maxPrice).toBe(C(21.5));
    expect(g.lowX).toBeCloseTo(40 + 400 / 6);
    expect(g.highX).toBeCloseTo(40 + (400 * 5) / 6);
    expect(g.referenceX).toBeCloseTo(240);
    // The bids' area reaches the full height at its deepest level; the asks' stops at 4 of 5.
    expect(g.bidPath).toContain(' 20.0');
    expect(g.askPath).toContain(' 40.0');
    expect(depthGeometry({ ...listing, bids: [], asks: [] }, box).bidPath).toBe('');
  });

  it('an order draft becomes a dex.order request with a fresh id; a fractional or empty quantity is said in words', () => {
    const made = orderRequest(commons, vault, { market: 'bikes', side: 'buy', price: '20.5', quantity: '2' }, 1_800_000_000);
    expect(made.ok && made.value.action).toEqual({ kind: 'dex.order', vault: vault.address, nonce: 7, validUntil: 1_800_000_000, payload: { id: 'bikes-buy-1', market: 'bikes', side: 'buy', price: C(20.5), quantity: 2n } });
    expect(quantityOf('1.5')).toMatchObject({ ok: false });
    expect(orderRequest(commons, vault, { market: 'bikes', side: 'buy', price: '20', quantity: '' }, 1)).toEqual({ ok: false, error: 'The quantity is a whole number of units, at least 1.' });
  });

  it('a listing draft needs an id the ledger accepts, a title, a unit and a price', () => {
    expect(listingRequest(commons, vault, { id: 'bike repair', title: 'x', unit: 'hour', price: '1' }, 1)).toMatchObject({ ok: false });
    const made = listingRequest(commons, vault, { id: 'bikes', title: ' Bike repair ', unit: 'hour', price: '20' }, 1);
    expect(made.ok && made.value.action.payload).toEqual({ id: 'bikes', title: 'Bike repair', unit: 'hour', price: C(20) });
  });
});
