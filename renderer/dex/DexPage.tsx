/**
 * The C3 DEX page (SPEC §10): the service listings paid in CONX; for the chosen one, its book, a
 * depth chart with the band drawn on it, its fills and the form to buy (or, for the lister, to
 * offer); the vault's own orders with cancel; and the form to list a service. Every action goes
 * through the signing-request flow (renderer/sign/), pre-flighted against the verified ledger
 * before any device is asked. Token swaps: none, as SPEC §2 lets only CONX pass between members.
 */
import { useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { useOpenedRequest } from '../sign/OpenedRequest';
import { Card } from '../ui/components';
import { VaultSelect } from '../ui/VaultSelect';
import { DepthChart } from './DepthChart';
import { Fills } from './Fills';
import { conx, isMine, openListings } from './figures';
import { ListService } from './ListService';
import { MyOrders } from './MyOrders';
import { OrderBook } from './OrderBook';
import { PlaceOrder } from './PlaceOrder';

export function DexPage({ commons, onSequenced }: { commons: CommonsView; onSequenced: () => void }) {
  const memberVaults = commons.vaults.filter((v) => v.kind === 'member');
  const [chosen, setChosen] = useState('');
  const [market, setMarket] = useState('');
  const vault = memberVaults.find((v) => v.address === chosen) ?? memberVaults[0];
  const listings = openListings(commons);
  const listing = listings.find((l) => l.id === market) ?? listings[0];
  const signing = useOpenedRequest(commons, onSequenced);
  if (!vault) return <p className="muted">This Commons has no member vault yet: only members trade on the DEX.</p>;
  const lister = (did: string) => commons.members.find((m) => m.did === did)?.label ?? did;
  return (
    <div className="stack dex">
      <div className="form-grid">
        <VaultSelect label="Your vault" vaults={memberVaults} value={vault.address} onChange={setChosen} />
      </div>
      {signing.panel}
      <Card title="Service listings" aside={<span className="muted small">Paid in CONX · the only token members pass to one another (SPEC §2), so no token swaps</span>}>
        {listings.length === 0 ? (
          <p className="muted">No service is listed yet.</p>
        ) : (
          <table className="table small">
            <thead>
              <tr>
                <th>Listing</th>
                <th>By</th>
                <th className="num">Reference</th>
                <th className="num">Band</th>
                <th className="num">Best bid</th>
                <th className="num">Best ask</th>
                <th className="num">Last</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {listings.map((l) => (
                <tr key={l.id} data-testid="listing" aria-selected={l.id === listing?.id}>
                  <td>
                    {l.id} — “{l.title}” per {l.unit}
                  </td>
                  <td>{lister(l.member)}</td>
                  <td className="num">{conx(l.reference)}</td>
                  <td className="num">
                    {conx(l.low)} – {conx(l.high)}
                  </td>
                  <td className="num">{l.bids[0] ? conx(l.bids[0].price) : '—'}</td>
                  <td className="num">{l.asks[0] ? conx(l.asks[0].price) : '—'}</td>
                  <td className="num" data-testid="listing-last">
                    {l.lastPrice === null ? '—' : conx(l.lastPrice)}
                  </td>
                  <td>
                    <button type="button" className="secondary" onClick={() => setMarket(l.id)} disabled={l.id === listing?.id}>
                      Show {l.id}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {listing && (
        <div className="grid-2">
          <Card title={`Book of ${listing.id}`} aside={<span className="muted small">{isMine(listing, vault) ? 'Your listing' : `Listed by ${lister(listing.member)}`}</span>}>
            <DepthChart listing={listing} bandBps={commons.dexBandBps} />
            <OrderBook listing={listing} />
            <h3 className="small">Fills</h3>
            <Fills commons={commons} market={listing.id} />
          </Card>
          {!signing.active && <PlaceOrder key={`${listing.id}:${vault.address}`} commons={commons} vault={vault} listing={listing} onRequest={signing.open} />}
        </div>
      )}
      <MyOrders commons={commons} vault={vault} onRequest={signing.active ? undefined : signing.open} />
      {!signing.active && <ListService commons={commons} vault={vault} onRequest={signing.open} />}
    </div>
  );
}
