/**
 * A member's refunds and bills across closed periods, in the plain SVG the credit page's charts
 * use: a bar per period, up for a refund, down for a bill, about a zero line; the figures are in
 * the statement table beside it.
 */
import { type PeriodBar } from './figures';

const WIDTH = 520;
const HEIGHT = 200;
const HALF = 70;
const TOP = 20;
const LEFT = 40;

export function PeriodsChart({ title, bars }: { title: string; bars: readonly PeriodBar[] }) {
  const zero = TOP + HALF;
  const step = bars.length === 0 ? 0 : Math.min(80, (WIDTH - LEFT - 16) / bars.length);
  const label = bars.length === 0 ? `${title}: no closed period yet` : `${title}: ${bars.map((b) => `period ${b.period}, ${b.label}`).join('; ')}`;
  return (
    <figure className="chart patronage-chart" data-testid="patronage-chart" data-bars={bars.length}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={label}>
        <g className="chart-tick">
          <line x1={LEFT} x2={WIDTH - 8} y1={zero} y2={zero} />
          <text x={LEFT - 6} y={zero + 4} textAnchor="end">
            0
          </text>
        </g>
        {bars.map((b, i) => {
          const x = LEFT + i * step + step * 0.2;
          const w = step * 0.6;
          return (
            <g key={b.period} className={`bar ${b.up ? 'bar-refund' : 'bar-bill'}`} data-testid="period-bar" data-period={b.period} data-net={b.net.toString()}>
              <rect x={x} y={b.up ? zero - b.height : zero} width={w} height={b.height} rx={2} className={b.up ? 'chart-dot' : 'chart-threshold'} />
              <text x={x + w / 2} y={HEIGHT - 8} textAnchor="middle" className="chart-axis">
                {`P${b.period}`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
