/**
 * The patronage statement (SPEC §9, §1): for the member whose vault is chosen, one period at a
 * time — their use of the Commons by kind, their refund or bill, the Commons' revenue, costs and
 * reserves — a chart of their refunds and bills across periods, their progress to the next tier,
 * and their account (refunds to claim, a bill to pay). The stewards close the open period here.
 * Every action goes through the signing-request flow (renderer/sign/).
 */
import { useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { useOpenedRequest } from '../sign/OpenedRequest';
import { BarChart } from '../ui/BarChart';
import { Badge, Card } from '../ui/components';
import { VaultSelect } from '../ui/VaultSelect';
import { CloseForm } from './CloseForm';
import { PatronageActions } from './PatronageActions';
import { PeriodsChart } from './PeriodsChart';
import { type StatementRow, USES, conx, periodBars, points, statement, tierProgress, tierText } from './figures';

const NO_ACCOUNT = { owed: 0n, due: 0n, refunded: 0n, billed: 0n, claimed: 0n, paid: 0n, setOff: 0n, periods: 0, points: 0n, tier: 'None' as const };

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="stat">
      <div className="stat-value" data-testid={testId}>
        {value}
      </div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

function Statement({ row }: { row: StatementRow }) {
  const share = row.periodPoints === 0n ? '0 %' : `${((Number(row.total) * 100) / Number(row.periodPoints)).toFixed(2)} %`;
  return (
    <Card title={`Period ${row.period}${row.closed ? '' : ' (open)'}`} aside={row.closed ? <Badge tone="ok">closed</Badge> : <Badge tone="warn">open</Badge>}>
      <div className="stats">
        <Figure label={row.closed ? 'Your refund (in CONX, pro rata to your points)' : 'Refunds come at the close'} value={conx(row.refund)} testId="my-refund" />
        <Figure label="Your bill (deficit and shared losses)" value={conx(row.bill)} testId="my-bill" />
        <Figure label={`Your points (${share} of the period’s ${points(row.periodPoints)})`} value={points(row.total)} testId="my-points" />
      </div>
      <table className="table small" data-testid="my-use">
        <caption className="muted small">Your use of the Commons by kind, as points</caption>
        <tbody>
          {USES.map((u) => (
            <tr key={u.key} data-testid="use-row" data-use={u.key}>
              <th scope="row">{u.label}</th>
              <td>{points(row.points[u.key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {row.setOff > 0n && <p className="small" data-testid="my-set-off">{conx(row.setOff)} of your bill and refunds were set off against each other at this close.</p>}
      <div className="stats">
        <Figure label={row.closed ? 'The Commons’ revenue in the period' : 'Revenue recorded so far'} value={conx(row.revenue)} testId="period-revenue" />
        <Figure label="Costs stated at the close" value={row.costs === null ? '—' : conx(row.costs)} testId="period-costs" />
        <Figure label="General reserve after it" value={conx(row.generalReserve)} testId="period-general-reserve" />
        <Figure label="Loss reserve after it" value={conx(row.lossReserve)} testId="period-loss-reserve" />
      </div>
    </Card>
  );
}

export function PatronagePage({ commons, onSequenced }: { commons: CommonsView; onSequenced: () => void }) {
  const memberVaults = commons.vaults.filter((v) => v.kind === 'member' && v.owner !== null);
  const [chosen, setChosen] = useState('');
  const [periodChoice, setPeriodChoice] = useState<number | null>(null);
  const signing = useOpenedRequest(commons, onSequenced);
  const vault = memberVaults.find((v) => v.address === chosen) ?? memberVaults[0];
  const treasury = commons.vaults.find((v) => v.address.toLowerCase() === commons.treasury.toLowerCase());
  const p = commons.patronage;
  if (!vault || vault.owner === null) return <p className="muted">This Commons has no member yet: patronage is a member’s use of the Commons.</p>;
  const member = commons.members.find((m) => m.did === vault.owner);
  const account = p.accounts.find((a) => a.member === vault.owner) ?? { ...NO_ACCOUNT, member: vault.owner };
  const rows = statement(p, vault.owner);
  const latestClosed = rows.filter((r) => r.closed).at(-1)?.period ?? p.open.period;
  const shown = rows.find((r) => r.period === (periodChoice ?? latestClosed)) ?? rows.at(-1)!;
  const progress = tierProgress(account, p.params.tiers);
  return (
    <div className="stack patronage">
      <div className="form-grid">
        <VaultSelect label="Your vault" vaults={memberVaults} value={vault.address} onChange={(a) => (setChosen(a), setPeriodChoice(null))} />
        <label>
          Period
          <select value={shown.period} onChange={(e) => setPeriodChoice(Number(e.target.value))} aria-label="Statement period">
            {rows.map((r) => (
              <option key={r.period} value={r.period}>
                Period {r.period}
                {r.closed ? '' : ' (open)'}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="small" data-testid="statement-of">
        Patronage statement of {member?.label ?? vault.owner} ({member?.faction ?? 'not a member'}).
      </p>
      {signing.panel}
      <Statement row={shown} />
      <div className="grid-2">
        <Card title="Across periods">
          <PeriodsChart title="Your refund (up) or bill (down) at each close" bars={periodBars(rows, 70)} />
          <BarChart
            title="The Commons’ revenue per closed period"
            bars={p.periods.map((period) => ({ label: `Period ${period.period}`, value: period.revenue, display: conx(period.revenue) }))}
          />
        </Card>
        <Card title="Tier" aside={<Badge tone={progress.tier === 'None' ? 'neutral' : 'ok'}>{progress.tier}</Badge>}>
          <p data-testid="tier-now">{tierText(progress)}</p>
          <p className="muted small">
            SPEC §1: tiers are recomputed at each close and give only the VELOC bonus; a credential proof can show “tier at least {progress.tier === 'None' ? 'Bronze' : progress.tier}” once you hold it.
          </p>
          {progress.next && (
            <div className="small" data-testid="tier-progress">
              <label>
                Closed periods with patronage: {progress.periods} of {progress.periodsNeeded}
                <progress max={progress.periodsNeeded} value={Math.min(progress.periods, progress.periodsNeeded)} />
              </label>
              {progress.pointsNeeded > 0n && (
                <label>
                  Points in all: {points(progress.points)} of {points(progress.pointsNeeded)}
                  <progress max={Number(progress.pointsNeeded)} value={Number(progress.points < progress.pointsNeeded ? progress.points : progress.pointsNeeded)} />
                </label>
              )}
            </div>
          )}
        </Card>
      </div>
      {!signing.active && (
        <div className="grid-2">
          <PatronageActions commons={commons} vault={vault} account={account} onRequest={signing.open} />
          {treasury && <CloseForm commons={commons} treasury={treasury} onRequest={signing.open} />}
        </div>
      )}
      <Card title="The Commons’ reserves">
        <div className="stats">
          <Figure label="General reserve (meets deficits)" value={conx(p.reserves.general)} testId="reserve-general" />
          <Figure label="Loss reserve (meets bad debt)" value={conx(p.reserves.loss)} testId="reserve-loss" />
          <Figure label="Deficit carried forward" value={conx(p.reserves.carriedDeficit)} testId="reserve-carried" />
          <Figure label="Shared losses to bill at the next close" value={conx(p.reserves.sharedLossDue)} testId="reserve-shared-loss" />
        </div>
      </Card>
    </div>
  );
}
