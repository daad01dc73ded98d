/**
 * A line's health as a gauge: a half circle from 0 to 3.0, red below 1.0 (liquidatable, SPEC §4),
 * amber to 1.2, green above, and a needle at the line's health; the figure is printed under it.
 * Plain SVG, like the dashboard's bar chart (renderer/ui/BarChart.tsx).
 */
import { HEALTH_COMFORT_BPS, HEALTH_ONE_BPS, type GaugeBox, gaugeArc, gaugePoint, healthText, healthTone } from './geometry';

const BOX: GaugeBox = { cx: 110, cy: 100, r: 80, maxBps: 30_000 };

export function HealthGauge({ healthBps, caption }: { healthBps: number | null; caption: string }) {
  const tone = healthTone(healthBps);
  const needle = healthBps === null ? null : gaugePoint(healthBps, BOX, BOX.r - 12);
  const label = healthBps === null ? 'Health: no debt' : `Health ${healthText(healthBps)}${healthBps > BOX.maxBps ? ' (above the gauge’s 3.00)' : ''}`;
  return (
    <figure className="chart gauge" data-testid="health-gauge" data-health-bps={healthBps ?? 'none'} data-tone={tone}>
      <figcaption>{caption}</figcaption>
      <svg viewBox="0 0 220 130" width="220" role="img" aria-label={label}>
        <path d={gaugeArc(0, HEALTH_ONE_BPS, BOX)} className="gauge-zone gauge-danger" />
        <path d={gaugeArc(HEALTH_ONE_BPS, HEALTH_COMFORT_BPS, BOX)} className="gauge-zone gauge-warn" />
        <path d={gaugeArc(HEALTH_COMFORT_BPS, BOX.maxBps, BOX)} className="gauge-zone gauge-ok" />
        {needle && <line x1={BOX.cx} y1={BOX.cy} x2={needle.x} y2={needle.y} className={`gauge-needle gauge-needle-${tone}`} />}
        <circle cx={BOX.cx} cy={BOX.cy} r={4} className="gauge-hub" />
        <text x={BOX.cx} y={BOX.cy + 24} textAnchor="middle" className={`gauge-figure gauge-figure-${tone}`} data-testid="health-figure">
          {healthText(healthBps)}
        </text>
      </svg>
    </figure>
  );
}
