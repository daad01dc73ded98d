/**
 * A listing's depth (SPEC §10): the bids' cumulative units to the left, the asks' to the right,
 * the band (±dexBandBps around the reference price, where every order must lie) shaded between
 * its two dashed edges, and the reference price marked.
 */
import { type DepthBox, type ListingView, bandWords, conx, depthGeometry } from './figures';

const WIDTH = 520;
const HEIGHT = 220;
const BOX: DepthBox = { left: 40, top: 24, width: WIDTH - 80, height: HEIGHT - 64 };

export function DepthChart({ listing, bandBps }: { listing: ListingView; bandBps: number }) {
  const g = depthGeometry(listing, BOX);
  const bottom = BOX.top + BOX.height;
  const label = `Depth of ${listing.id}: bids ${listing.bids.map((l) => `${l.quantity.toString()} at ${conx(l.price)}`).join(', ') || 'none'}; asks ${
    listing.asks.map((l) => `${l.quantity.toString()} at ${conx(l.price)}`).join(', ') || 'none'
  }; band ${conx(listing.low)} to ${conx(listing.high)}`;
  return (
    <figure className="chart depth-chart" data-testid="depth-chart" data-low={listing.low.toString()} data-high={listing.high.toString()}>
      <figcaption>
        Depth, with the band of {bandWords(bandBps)} around the reference price {conx(listing.reference)}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={label}>
        <rect x={g.lowX} y={BOX.top} width={Math.max(0, g.highX - g.lowX)} height={BOX.height} style={{ fill: 'var(--accent)', opacity: 0.08 }} data-testid="depth-band" />
        <line x1={BOX.left} x2={BOX.left + BOX.width} y1={bottom} y2={bottom} style={{ stroke: 'var(--line)' }} />
        {g.bidPath && <path d={g.bidPath} style={{ fill: 'var(--accent)', fillOpacity: 0.45, stroke: 'var(--accent)' }} data-testid="depth-bids" />}
        {g.askPath && <path d={g.askPath} style={{ fill: 'var(--warn)', fillOpacity: 0.45, stroke: 'var(--warn)' }} data-testid="depth-asks" />}
        <line x1={g.lowX} x2={g.lowX} y1={BOX.top} y2={bottom} className="chart-threshold" data-testid="band-low" />
        <line x1={g.highX} x2={g.highX} y1={BOX.top} y2={bottom} className="chart-threshold" data-testid="band-high" />
        <line x1={g.referenceX} x2={g.referenceX} y1={BOX.top} y2={bottom} style={{ stroke: 'var(--muted)', strokeDasharray: '1 3' }} />
        <text x={g.lowX} y={BOX.top - 8} textAnchor="middle" className="chart-axis">
          {conx(listing.low)}
        </text>
        <text x={g.highX} y={BOX.top - 8} textAnchor="middle" className="chart-axis">
          {conx(listing.high)}
        </text>
        <text x={g.referenceX} y={bottom + 16} textAnchor="middle" className="chart-axis">
          ref {conx(listing.reference)}
        </text>
        <text x={BOX.left - 6} y={BOX.top + 4} textAnchor="end" className="chart-axis">
          {g.maxDepth.toString()}
        </text>
        <text x={BOX.left} y={HEIGHT - 8} className="chart-axis">
          bids (units at that price or better)
        </text>
        <text x={BOX.left + BOX.width} y={HEIGHT - 8} textAnchor="end" className="chart-axis">
          asks
        </text>
      </svg>
    </figure>
  );
}
