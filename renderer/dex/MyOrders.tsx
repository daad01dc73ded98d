/** The vault's orders (SPEC §10): what filled, what rests, what waits in escrow; an open order can be cancelled (its escrow comes back). */
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { type SigningRequest } from '../../shared/quorum/request';
import { Card } from '../ui/components';
import { aWeekFromNow } from '../impact/time';
import { cancelRequest, conx, ordersOf } from './figures';

export function MyOrders({ commons, vault, onRequest }: { commons: CommonsView; vault: VaultView; onRequest?: (request: SigningRequest) => void }) {
  const orders = ordersOf(commons, vault);
  return (
    <Card title="My orders" aside={<span className="muted small">{vault.name}</span>}>
      {orders.length === 0 ? (
        <p className="muted">{vault.name} has placed no order.</p>
      ) : (
        <table className="table small">
          <thead>
            <tr>
              <th>Order</th>
              <th>Side</th>
              <th className="num">Price</th>
              <th className="num">Units</th>
              <th className="num">Filled</th>
              <th className="num">In escrow</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id} data-testid="my-order" data-state={o.state}>
                <td>
                  {o.id} <span className="muted">on {o.market}</span>
                </td>
                <td>{o.side}</td>
                <td className="num">{conx(o.price)}</td>
                <td className="num">{o.quantity.toString()}</td>
                <td className="num" data-testid="order-filled">
                  {o.filled.toString()}
                </td>
                <td className="num">{conx(o.escrowed)}</td>
                <td>{o.state}</td>
                <td>
                  {o.state === 'open' && onRequest && (
                    <button type="button" className="secondary" onClick={() => onRequest(cancelRequest(commons, vault, o.id, aWeekFromNow()))}>
                      Cancel {o.id}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
