/**
 * A horizontal bar chart in plain SVG, for numbers people compare (supplies, balances,
 * tallies). Values are bigint minor units: bars are scaled with bigint arithmetic so that
 * large supplies never lose precision on the way to a pixel width.
 */
export interface Bar {
  label: string;
  value: bigint;
  /** The figure printed at the bar's end, already formatted. */
  display: string;
  tone?: 'union' | 'guild' | 'syndicate' | 'neutral';
}

const WIDTH = 520;
const LABEL = 96;
const ROW = 30;
const MAX_BAR = WIDTH - LABEL - 120;

export function BarChart({ title, bars }: { title: string; bars: readonly Bar[] }) {
  const max = bars.reduce((m, bar) => (bar.value > m ? bar.value : m), 0n);
  const height = bars.length * ROW + 8;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={title}>
        {bars.map((bar, index) => {
          const width = max === 0n ? 0 : Number((bar.value * BigInt(MAX_BAR)) / max);
          const y = index * ROW + 4;
          return (
            <g key={bar.label} className={`bar bar-${bar.tone ?? 'neutral'}`}>
              <text x={LABEL - 8} y={y + 17} textAnchor="end" className="bar-label">
                {bar.label}
              </text>
              <rect x={LABEL} y={y + 4} width={Math.max(width, bar.value > 0n ? 2 : 0)} height={ROW - 10} rx={3} />
              <text x={LABEL + width + 8} y={y + 17} className="bar-value">
                {bar.display}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
