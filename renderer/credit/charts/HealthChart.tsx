/**
 * A line's health over time: one step per ledger entry that changed the line or a price (served
 * by main's `credit.history`, computed from the verified log), a dashed line at 1.0 below which the
 * line can be liquidated, and gaps where it had no debt. The figures are listed beside it.
 */
import { type ChartBox, type HealthPoint, HEALTH_ONE_BPS, healthPath, healthScale, healthText, healthTicks, xOf, yOf } from './geometry';

const WIDTH = 520;
const HEIGHT = 200;
const BOX: ChartBox = { left: 40, top: 10, width: WIDTH - 56, height: HEIGHT - 40 };

/** An axis end: the day, with the time of day when the chart spans less than two days. */
export const axisLabel = (seconds: number, spanSeconds: number) => {
  const iso = new Date(seconds * 1000).toISOString();
  return spanSeconds < 2 * 86_400 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)} UTC` : iso.slice(0, 10);
};

export function HealthChart({ title, points }: { title: string; points: readonly HealthPoint[] }) {
  const scale = healthScale(points);
  const one = yOf(HEALTH_ONE_BPS, scale, BOX);
  const label = points.length === 0 ? `${title}: no history yet` : `${title}: ${points.map((p) => healthText(p.healthBps)).join(', ')}`;
  return (
    <figure className="chart health-chart" data-testid="health-chart" data-points={points.length}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={label}>
        {healthTicks(scale).map((tick) => (
          <g key={tick} className="chart-tick">
            <line x1={BOX.left} x2={BOX.left + BOX.width} y1={yOf(tick, scale, BOX)} y2={yOf(tick, scale, BOX)} />
            <text x={BOX.left - 6} y={yOf(tick, scale, BOX) + 4} textAnchor="end">
              {healthText(tick)}
            </text>
          </g>
        ))}
        <line x1={BOX.left} x2={BOX.left + BOX.width} y1={one} y2={one} className="chart-threshold" />
        <path d={healthPath(points, scale, BOX)} className="chart-line" data-testid="health-path" />
        {points.map((p, i) =>
          p.healthBps === null ? null : <circle key={i} cx={xOf(p.time, scale, BOX)} cy={yOf(p.healthBps, scale, BOX)} r={3} className="chart-dot" />,
        )}
        {points.length > 0 && (
          <>
            <text x={BOX.left} y={HEIGHT - 8} className="chart-axis">
              {axisLabel(scale.minTime, scale.maxTime - scale.minTime)}
            </text>
            <text x={BOX.left + BOX.width} y={HEIGHT - 8} textAnchor="end" className="chart-axis">
              {axisLabel(scale.maxTime, scale.maxTime - scale.minTime)}
            </text>
          </>
        )}
      </svg>
    </figure>
  );
}
