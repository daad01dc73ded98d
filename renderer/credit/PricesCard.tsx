/**
 * The prices the Commons values ADA, BTC and ETH at (SPEC §4): the one in force with when the
 * treasury quorum attested it, stale ones marked (they count as 0 for new draws), and a price that
 * jumped, held as pending with the time from which a confirming attestation can make it take effect.
 */
import { type CreditView, MARKET_ASSETS } from '../../shared/commons/credit';
import { when } from '../../shared/commons/words';
import { Badge, Card } from '../ui/components';
import { conx, percent } from './figures';

export function PricesCard({ credit }: { credit: CreditView }) {
  const { priceMaxAgeSeconds, priceJumpBps, priceConfirmDelaySeconds } = credit.params;
  return (
    <Card title="Prices" aside={<span className="muted">Attested by the treasury quorum</span>}>
      <table className="table credit-figures" data-testid="prices">
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col" className="num">
              Price in force (per whole unit)
            </th>
            <th scope="col">Attested</th>
            <th scope="col">Pending</th>
          </tr>
        </thead>
        <tbody>
          {MARKET_ASSETS.map((asset) => {
            const price = credit.prices[asset];
            return (
              <tr key={asset} data-testid="price-row" data-asset={asset}>
                <th scope="row">{asset}</th>
                <td className="num" data-testid="price-current">
                  {price.price === null ? <span className="muted">never attested</span> : conx(price.price)}
                </td>
                <td>
                  {price.attestedAt === null ? '—' : when(price.attestedAt)}{' '}
                  {price.stale && (
                    <Badge tone="warn" title="A stale price counts as 0 for new draws; health still uses it (SPEC §4).">
                      stale
                    </Badge>
                  )}
                </td>
                <td data-testid="price-pending">
                  {price.pending === null ? (
                    <span className="muted">none</span>
                  ) : (
                    <>
                      <strong>{conx(price.pending.price)}</strong>, attested {when(price.pending.attestedAt)}; takes effect when confirmed at or after{' '}
                      <strong>{when(price.pending.effectiveAt)}</strong>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small">
        A price older than {priceMaxAgeSeconds / 3600} h counts as 0 for new draws. A price that moves by more than {percent(priceJumpBps)} is held as pending, and takes effect
        when a second attestation within {percent(priceJumpBps)} of it comes at least {priceConfirmDelaySeconds / 60} minutes later. Until then, new draws use the lower of the two.
      </p>
    </Card>
  );
}
