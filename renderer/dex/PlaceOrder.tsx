/**
 * Placing an order on a listing (SPEC §10): the lister sells units of their service, other members
 * buy them. The band is shown before anything is typed; the draft is pre-flighted against the
 * verified ledger, so a price outside the band (or a bid the vault cannot pay) is refused in words
 * with its numbers before any device is asked.
 */
import { useState } from 'react';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { type SigningRequest } from '../../shared/quorum/request';
import { DraftNotices } from '../sign/DraftNotices';
import { quorumWords } from '../sign/quorum-words';
import { usePreflightedDraft } from '../sign/usePreflightedDraft';
import { Card } from '../ui/components';
import { aWeekFromNow } from '../impact/time';
import { type ListingView, bandWords, conx, isMine, orderRequest } from './figures';

export function PlaceOrder({ commons, vault, listing, onRequest }: { commons: CommonsView; vault: VaultView; listing: ListingView; onRequest: (request: SigningRequest) => void }) {
  const mine = isMine(listing, vault);
  const side = mine ? 'sell' : 'buy';
  const [price, setPrice] = useState('');
  const [quantity, setQuantity] = useState('1');
  const draft = usePreflightedDraft(commons, onRequest);
  const create = () => void draft.create(orderRequest(commons, vault, { market: listing.id, side, price, quantity }, aWeekFromNow()));
  return (
    <Card title={mine ? `Offer ${listing.unit}s of your service` : `Buy ${listing.unit}s of “${listing.title}”`} aside={<span className="muted small">Limit order, matched by price then time</span>}>
      <p className="small" data-testid="order-band">
        Orders on {listing.id} must lie between {conx(listing.low)} and {conx(listing.high)} per {listing.unit} ({bandWords(commons.dexBandBps)} of the reference price {conx(listing.reference)}).
      </p>
      <div className="form-grid">
        <label>
          Price per {listing.unit} (CONX)
          <input value={price} onChange={(e) => setPrice(e.target.value)} inputMode="decimal" aria-label="Order price" placeholder={listing.reference.toString() === '0' ? '0' : conx(listing.reference).replace(' CONX', '')} />
        </label>
        <label>
          Units
          <input value={quantity} onChange={(e) => setQuantity(e.target.value)} inputMode="numeric" aria-label="Order units" />
        </label>
      </div>
      <p className="small muted" data-testid="order-quorum">
        {quorumWords(commons, vault, true)}{' '}
        {mine ? 'Buyers’ CONX is paid into this vault as your offer fills.' : 'The most it may cost waits in escrow until it fills or you cancel it; a fill at a lower price returns the difference.'}
      </p>
      <div className="actions">
        <button type="button" disabled={draft.checking} onClick={create}>
          {draft.checking ? 'Checking against the ledger…' : mine ? 'Place the offer' : 'Place the bid'}
        </button>
      </div>
      <DraftNotices draft={draft} />
    </Card>
  );
}
