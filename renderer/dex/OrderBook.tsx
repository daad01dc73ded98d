/** A listing's book (SPEC §10): asks above, highest first, bids below, best first; price levels with their units and orders. */
import { type ListingView, conx } from './figures';

export function OrderBook({ listing }: { listing: ListingView }) {
  const asks = [...listing.asks].reverse();
  return (
    <table className="table small" data-testid="order-book">
      <thead>
        <tr>
          <th>Side</th>
          <th className="num">Price per {listing.unit}</th>
          <th className="num">Units</th>
          <th className="num">Orders</th>
        </tr>
      </thead>
      <tbody>
        {asks.map((l) => (
          <tr key={`a${l.price.toString()}`} data-testid="book-ask">
            <td>Ask</td>
            <td className="num">{conx(l.price)}</td>
            <td className="num">{l.quantity.toString()}</td>
            <td className="num">{l.orders}</td>
          </tr>
        ))}
        {listing.bids.map((l) => (
          <tr key={`b${l.price.toString()}`} data-testid="book-bid">
            <td>Bid</td>
            <td className="num">{conx(l.price)}</td>
            <td className="num">{l.quantity.toString()}</td>
            <td className="num">{l.orders}</td>
          </tr>
        ))}
        {asks.length + listing.bids.length === 0 && (
          <tr>
            <td colSpan={4} className="muted">
              Nothing rests in the book.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
