/**
 * Stacked horizontal bars in plain SVG (stack-geometry.ts): each row a total split into parts,
 * all rows on one scale so that they compare (quests' budgets, stakes' repayments). A row may
 * stand against a `total` larger than its parts (a request's amount asked, of which only part is
 * staked): the rest is drawn as the bar's empty track. Figures are printed, already formatted,
 * beside the drawing, and every part is named in the legend.
 */
import { largest, stackSpans } from './stack-geometry';

export type PartTone = 'accent' | 'union' | 'guild' | 'syndicate' | 'warn' | 'muted';

export interface StackPart {
  readonly label: string;
  readonly value: bigint;
  readonly tone: PartTone;
}

export interface StackRow {
  readonly label: string;
  readonly parts: readonly StackPart[];
  /** What the row stands against (its track); the parts' sum when absent. */
  readonly total?: bigint;
  /** The figure printed after the bar, already formatted. */
  readonly display: string;
}

const WIDTH = 520;
const LABEL = 110;
const ROW = 30;
const MAX_BAR = WIDTH - LABEL - 190;
const LEGEND = 22;

const rowTotal = (row: StackRow) => row.total ?? row.parts.reduce((sum, p) => sum + (p.value > 0n ? p.value : 0n), 0n);

export function StackedBars({ title, rows, testId }: { title: string; rows: readonly StackRow[]; testId?: string }) {
  const scale = largest(rows.map(rowTotal));
  const legend = [...new Map(rows.flatMap((r) => r.parts).map((p) => [p.label, p.tone])).entries()];
  const height = rows.length * ROW + 8 + LEGEND;
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={title}>
        {rows.map((row, index) => {
          const y = index * ROW + 4;
          const track = stackSpans([rowTotal(row)], scale, MAX_BAR)[0]!;
          const spans = stackSpans(
            row.parts.map((p) => p.value),
            scale,
            MAX_BAR,
          );
          return (
            <g key={`${row.label}-${index}`}>
              <text x={LABEL - 8} y={y + 17} textAnchor="end" className="bar-label">
                {row.label}
              </text>
              <rect x={LABEL} y={y + 4} width={track.width} height={ROW - 10} rx={3} className="stack-track" />
              {row.parts.map((part, i) => (
                <rect key={part.label} x={LABEL + spans[i]!.x} y={y + 4} width={spans[i]!.width} height={ROW - 10} className={`stack-part stack-${part.tone}`}>
                  <title>{part.label}</title>
                </rect>
              ))}
              <text x={LABEL + track.width + 8} y={y + 17} className="bar-value">
                {row.display}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${LABEL}, ${rows.length * ROW + 10})`}>
          {legend.map(([label, tone], i) => (
            <g key={label} transform={`translate(${i * 120}, 0)`}>
              <rect width={10} height={10} y={1} className={`stack-part stack-${tone}`} />
              <text x={14} y={10} className="bar-value">
                {label}
              </text>
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}

/** One bar of progress towards a goal (staked of asked, repaid of owed), with its figure. */
export function ProgressBar({ label, value, of, display, tone = 'accent', testId }: { label: string; value: bigint; of: bigint; display: string; tone?: PartTone; testId?: string }) {
  const span = stackSpans([value], of, 100)[0]!;
  return (
    <div className="progress-bar" data-testid={testId}>
      <svg viewBox="0 0 100 8" preserveAspectRatio="none" width="100%" height="8" role="img" aria-label={`${label}: ${display}`}>
        <rect x={0} y={0} width={100} height={8} rx={2} className="stack-track" />
        <rect x={0} y={0} width={span.width} height={8} rx={2} className={`stack-part stack-${tone}`} />
      </svg>
      <span className="small muted">{display}</span>
    </div>
  );
}
