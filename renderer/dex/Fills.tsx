/** A listing's fills (SPEC §10): who bought from whom, how many units, at what price, when. */
import { type CommonsView } from '../../shared/contract/commons-view';
import { partyOf } from '../../shared/quorum/describe';
import { when } from '../../shared/commons/words';
import { conx, fillsOn } from './figures';

const vaultName = (commons: CommonsView, address: string) => {
  const party = partyOf(commons, address);
  return party.known ? party.vaultName : address;
};

export function Fills({ commons, market }: { commons: CommonsView; market: string }) {
  const fills = fillsOn(commons, market);
  if (fills.length === 0) return <p className="muted small">No fill yet on {market}.</p>;
  return (
    <table className="table small" data-testid="fills">
      <thead>
        <tr>
          <th>#</th>
          <th>Buyer</th>
          <th>Seller</th>
          <th className="num">Units</th>
          <th className="num">Price</th>
          <th className="num">Paid</th>
          <th>At</th>
        </tr>
      </thead>
      <tbody>
        {[...fills].reverse().map((f) => (
          <tr key={f.id} data-testid="fill">
            <td>{f.id}</td>
            <td>{vaultName(commons, f.buyer)}</td>
            <td>{vaultName(commons, f.seller)}</td>
            <td className="num">{f.quantity.toString()}</td>
            <td className="num">{conx(f.price)}</td>
            <td className="num" data-testid="fill-value">
              {conx(f.value)}
            </td>
            <td>{when(f.at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
