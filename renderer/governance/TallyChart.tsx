/**
 * A burn vote's tallies, per faction in scope (SPEC §7: each tallies on its own and must pass):
 * the weight cast (yes, no, abstain) against the faction's quorum, drawn as a marker on the bar;
 * and the share of yes among yes and no against the threshold. The same figures follow in a
 * table, so that nothing is read off a drawing alone.
 */
import { largest, stackSpans } from '../ui/stack-geometry';
import { type TallyFigures, percent, tokens } from './figures';

const WIDTH = 560;
const LABEL = 90;
const BAR = WIDTH - LABEL - 150;
const ROW = 56;

const verdict = (t: TallyFigures) =>
  t.quorumReached && t.thresholdReached ? 'passes' : !t.quorumReached ? 'quorum not reached' : 'threshold not reached';

export function TallyChart({ rows, unit }: { rows: readonly TallyFigures[]; unit: string }) {
  // One scale for every faction's weight, wide enough that each quorum marker stays inside the frame.
  const scale = largest(rows.flatMap((t) => [t.cast, t.quorum + t.quorum / 4n, 1n]));
  const height = rows.length * ROW + 30;
  return (
    <div className="tally" data-testid="tally-chart">
      <figure className="chart">
        <figcaption>Weight burned per faction against its quorum (dashed), and the share of yes against the threshold</figcaption>
        <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label="Tallies against quorum and threshold">
          {rows.map((t, index) => {
            const y = index * ROW + 6;
            const spans = stackSpans([t.yes, t.no, t.abstain], scale, BAR);
            const quorumX = LABEL + stackSpans([t.quorum], scale, BAR)[0]!.width;
            const share = t.yesShareBps ?? 0n;
            const shareWidth = stackSpans([share], 10_000n, BAR)[0]!.width;
            const thresholdX = LABEL + stackSpans([BigInt(t.thresholdBps)], 10_000n, BAR)[0]!.width;
            return (
              <g key={t.faction} data-faction={t.faction}>
                <text x={LABEL - 8} y={y + 14} textAnchor="end" className="bar-label">
                  {t.faction}
                </text>
                <rect x={LABEL} y={y + 2} width={BAR} height={16} rx={3} className="stack-track" />
                {(['yes', 'no', 'abstain'] as const).map((part, i) => (
                  <rect key={part} x={LABEL + spans[i]!.x} y={y + 2} width={spans[i]!.width} height={16} className={`stack-part stack-${part === 'yes' ? 'accent' : part === 'no' ? 'warn' : 'muted'}`}>
                    <title>{part}</title>
                  </rect>
                ))}
                <line x1={quorumX} x2={quorumX} y1={y - 2} y2={y + 22} className="chart-threshold" />
                <text x={LABEL + BAR + 8} y={y + 14} className="bar-value">
                  {t.quorumReached ? '✓ quorum' : '✗ quorum'}
                </text>
                <rect x={LABEL} y={y + 26} width={BAR} height={8} rx={2} className="stack-track" />
                <rect x={LABEL} y={y + 26} width={shareWidth} height={8} rx={2} className="stack-part stack-accent" />
                <line x1={thresholdX} x2={thresholdX} y1={y + 22} y2={y + 38} className="chart-threshold" />
                <text x={LABEL + BAR + 8} y={y + 34} className="bar-value">
                  {t.yesShareBps === null ? 'no yes or no yet' : `${percent(t.yesShareBps)} yes ${t.thresholdReached ? '✓' : '✗'}`}
                </text>
              </g>
            );
          })}
          <g transform={`translate(${LABEL}, ${rows.length * ROW + 12})`}>
            {(
              [
                ['yes', 'accent'],
                ['no', 'warn'],
                ['abstain', 'muted'],
              ] as const
            ).map(([label, tone], i) => (
              <g key={label} transform={`translate(${i * 90}, 0)`}>
                <rect width={10} height={10} y={1} className={`stack-part stack-${tone}`} />
                <text x={14} y={10} className="bar-value">
                  {label}
                </text>
              </g>
            ))}
            <g transform="translate(270, 0)">
              <line x1={0} x2={14} y1={6} y2={6} className="chart-threshold" />
              <text x={18} y={10} className="bar-value">
                quorum, threshold
              </text>
            </g>
          </g>
        </svg>
      </figure>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Faction</th>
            <th scope="col" className="num">
              Yes
            </th>
            <th scope="col" className="num">
              No
            </th>
            <th scope="col" className="num">
              Abstain
            </th>
            <th scope="col" className="num">
              Quorum
            </th>
            <th scope="col" className="num">
              Yes share / threshold
            </th>
            <th scope="col">So far</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.faction} data-testid="tally-row" data-faction={t.faction} data-passes={t.quorumReached && t.thresholdReached}>
              <td>{t.faction}</td>
              <td className="num" data-testid="tally-yes">
                {tokens(t.yes, unit)}
              </td>
              <td className="num">{tokens(t.no, unit)}</td>
              <td className="num">{tokens(t.abstain, unit)}</td>
              <td className="num" data-testid="tally-quorum" title={`${tokens(t.supply, unit)} at the snapshot`}>
                {tokens(t.cast, unit)} of {tokens(t.quorum, unit)} needed
              </td>
              <td className="num">
                {t.yesShareBps === null ? '—' : percent(t.yesShareBps)} / {percent(t.thresholdBps)}
              </td>
              <td data-testid="tally-verdict">{verdict(t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
