/**
 * A credit line at a glance: capacity, debt (principal + fees), room left, health as a gauge and
 * over time, frozen or in cure; then its collateral, one row per asset (credit/figures.ts).
 */
import { type CreditLineView, type CreditView } from '../../shared/commons/credit';
import { type CreditPoint } from '../../shared/contract/credit';
import { when } from '../../shared/commons/words';
import { Badge, Card, ErrorNotice, Loading } from '../ui/components';
import { HealthChart } from './charts/HealthChart';
import { HealthGauge } from './charts/HealthGauge';
import { healthText } from './charts/geometry';
import { collateralRows, conx, headroom } from './figures';
import { type CreditHistoryState } from './useCreditHistory';

export const healthNumber = (bps: bigint | null): number | null => (bps === null ? null : Number(bps > 10_000_000n ? 10_000_000n : bps));

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="stat">
      <div className="stat-value" data-testid={testId}>
        {value}
      </div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

export function LineSummary({ line }: { line: CreditLineView }) {
  return (
    <div className="stats credit-stats">
      <Stat label="Capacity (what the collateral lets you owe)" value={conx(line.capacity)} testId="credit-capacity" />
      <Stat label={`Debt: ${conx(line.principal)} principal + ${conx(line.fees)} fees`} value={conx(line.debt)} testId="credit-debt" />
      <Stat label="Room left to draw" value={conx(headroom(line))} testId="credit-room" />
      <Stat label="Health (liquidatable below 1.00)" value={healthText(healthNumber(line.healthBps))} testId="credit-health" />
    </div>
  );
}

export function LineStatus({ line }: { line: CreditLineView }) {
  if (line.liquidatable)
    return (
      <p className="notice notice-error" role="alert" data-testid="credit-status">
        This line may be liquidated now{line.fullLiquidation ? ', in full (health at or below the full-liquidation line)' : ' (its cure period is over)'}. Repay, set off COMM or add collateral.
      </p>
    );
  if (line.frozen)
    return (
      <p className="notice notice-warn" role="status" data-testid="credit-status">
        Frozen: health is below 1. No draws or withdrawals of collateral; until {line.cureUntil === null ? 'the cure period ends' : when(line.cureUntil)} you may repay, set off COMM or add collateral.
      </p>
    );
  return null;
}

export function HealthCard({ line, history }: { line: CreditLineView; history: CreditHistoryState }) {
  const points = history.status === 'ready' ? history.points.map((p: CreditPoint) => ({ time: p.time, healthBps: p.healthBps })) : [];
  return (
    <Card title="Health" aside={line.frozen ? <Badge tone="warn">frozen</Badge> : undefined}>
      <div className="grid-2">
        <HealthGauge healthBps={healthNumber(line.healthBps)} caption="Health now: weighted collateral ÷ debt" />
        <div>
          {history.status === 'loading' && <Loading label="Reading the line’s history from the verified ledger…" />}
          {history.status === 'failed' && <ErrorNotice error={history.error} />}
          {history.status === 'ready' && <HealthChart title="Health after each entry that changed the line or a price" points={points} />}
        </div>
      </div>
      {history.status === 'ready' && history.points.length > 0 && <HistoryTable points={history.points} earlier={history.earlier} />}
    </Card>
  );
}

const CAUSE = { line: 'the line', price: 'a price', 'line-and-price': 'the line and a price' } as const;

function HistoryTable({ points, earlier }: { points: readonly CreditPoint[]; earlier: number }) {
  const latest = points.slice(-6).reverse();
  return (
    <table className="table credit-figures small" data-testid="credit-history">
      <caption className="muted small">
        The latest {latest.length} of {points.length + earlier} points
      </caption>
      <thead>
        <tr>
          <th scope="col">Entry</th>
          <th scope="col">Time</th>
          <th scope="col">Changed</th>
          <th scope="col" className="num">
            Capacity
          </th>
          <th scope="col" className="num">
            Debt
          </th>
          <th scope="col" className="num">
            Health
          </th>
        </tr>
      </thead>
      <tbody>
        {latest.map((p) => (
          <tr key={`${p.seq}`} data-testid="credit-history-row">
            <td>{p.seq}</td>
            <td>{when(p.time)}</td>
            <td>{CAUSE[p.cause]}</td>
            <td className="num">{conx(p.capacity)}</td>
            <td className="num">{conx(p.debt)}</td>
            <td className="num">{healthText(p.healthBps)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CollateralTable({ credit, line }: { credit: CreditView; line: CreditLineView }) {
  const rows = collateralRows(credit, line);
  return (
    <Card title="Collateral" aside={<span className="muted">Tier: {line.tier}</span>}>
      <table className="table credit-figures" data-testid="collateral-table">
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col" className="num">
              Draw ratio
            </th>
            <th scope="col" className="num">
              Threshold
            </th>
            <th scope="col" className="num">
              Capacity
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.asset} data-testid="collateral-row" data-asset={row.asset}>
              <th scope="row">{row.asset}</th>
              <td className="num">{row.amount}</td>
              <td className="num">
                {row.price ?? <span className="muted">not attested</span>}
                {row.stale && (
                  <>
                    {' '}
                    <Badge tone="warn" title="Older than the price’s maximum age: it counts as 0 for new draws (SPEC §4).">
                      stale
                    </Badge>
                  </>
                )}
              </td>
              <td className="num">{row.value}</td>
              <td className="num" title={row.drawRatioWhy}>
                {row.drawRatio}
                <div className="muted small">{row.drawRatioWhy}</div>
              </td>
              <td className="num">{row.threshold}</td>
              <td className="num" data-testid="asset-capacity">
                {row.capacity}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
