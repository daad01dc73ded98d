/** A vault's stakes (what it lent) and loans (what it asked), with repayment progress and PMT as charts and as figures. */
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { type SigningRequest } from '../../shared/quorum/request';
import { DraftNotices } from '../sign/DraftNotices';
import { quorumWords } from '../sign/quorum-words';
import { usePreflightedDraft } from '../sign/usePreflightedDraft';
import { Card } from '../ui/components';
import { StackedBars } from '../ui/StackedBars';
import { aWeekFromNow } from '../impact/time';
import { REQUEST_STATE_WORDS, conx, loanRow, loansOf, pmt, pmtRow, stakeRow, stakesOf } from './figures';
import { stakeReleaseRequest } from './requests';

export function MyStakes({ commons, vault }: { commons: CommonsView; vault: VaultView }) {
  const stakes = stakesOf(commons, vault);
  const lent = stakes.reduce((sum, s) => sum + s.principal, 0n);
  const repaid = stakes.reduce((sum, s) => sum + s.repaid, 0n);
  const expected = stakes.reduce((sum, s) => sum + s.pmtExpected, 0n);
  const minted = stakes.reduce((sum, s) => sum + s.pmtMinted, 0n);
  return (
    <Card title={`My stakes — ${vault.name}`}>
      {stakes.length === 0 ? (
        <p className="muted">{vault.name} has staked nothing yet.</p>
      ) : (
        <>
          <div className="stats">
            <Stat label="Staked" value={conx(lent)} />
            <Stat label="Repaid" value={conx(repaid)} testId="stakes-repaid" />
            <Stat label="Expected PMT" value={pmt(expected)} />
            <Stat label="PMT credited" value={pmt(minted)} testId="pmt-credited" />
          </div>
          <StackedBars title="Repayment of each stake" rows={stakes.map(stakeRow)} testId="stake-repayment" />
          <StackedBars title="PMT credited of what each stake earns (min(principal, cap), vesting with repayment)" rows={stakes.map(pmtRow)} testId="stake-pmt" />
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Offer</th>
                <th scope="col" className="num">Principal</th>
                <th scope="col" className="num">Repaid</th>
                <th scope="col" className="num">Expected PMT</th>
                <th scope="col" className="num">PMT credited</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {stakes.map((s) => (
                <tr key={s.id} data-testid="my-stake" data-request={s.request} data-state={s.state}>
                  <td className="mono">{s.request}</td>
                  <td className="mono">{s.offer}</td>
                  <td className="num">{conx(s.principal)}</td>
                  <td className="num">{conx(s.repaid)}</td>
                  <td className="num">{pmt(s.pmtExpected)}</td>
                  <td className="num" data-testid="stake-pmt-minted">
                    {pmt(s.pmtMinted)}
                  </td>
                  <td className="small">{REQUEST_STATE_WORDS[s.state]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}

export function MyLoans({ commons, vault, onRequest }: { commons: CommonsView; vault: VaultView; onRequest: (request: SigningRequest) => void }) {
  const loans = loansOf(commons, vault);
  const draft = usePreflightedDraft(commons, onRequest);
  if (loans.length === 0) return null;
  return (
    <Card title={`My loans — ${vault.name}`} aside={<span className="muted small">Repaid first from the offer’s reward</span>}>
      <StackedBars title="Each request: staked so far, or repaid of what was released" rows={loans.map(loanRow)} testId="loan-progress" />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Request</th>
            <th scope="col" className="num">Asked</th>
            <th scope="col" className="num">Staked</th>
            <th scope="col" className="num">Released</th>
            <th scope="col" className="num">Repaid</th>
            <th scope="col" className="num">Outstanding</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {loans.map((r) => (
            <tr key={r.id} data-testid="my-loan" data-request={r.id} data-state={r.state}>
              <td className="mono">{r.id}</td>
              <td className="num">{conx(r.amount)}</td>
              <td className="num">{conx(r.staked)}</td>
              <td className="num">{conx(r.released)}</td>
              <td className="num">{conx(r.repaid)}</td>
              <td className="num">{conx(r.outstanding)}</td>
              <td className="small">
                {REQUEST_STATE_WORDS[r.state]}
                {r.state === 'open' && r.staked > 0n && (
                  <button type="button" className="link-button" disabled={draft.checking} onClick={() => void draft.create({ ok: true, value: stakeReleaseRequest(commons, vault, r.id, aWeekFromNow()) })}>
                    Take the {conx(r.staked)} staked so far
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {loans.some((r) => r.state === 'open' && r.staked > 0n) && <p className="muted small">{quorumWords(commons, vault, true)}</p>}
      <DraftNotices draft={draft} />
    </Card>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="stat">
      <div className="stat-value" data-testid={testId}>
        {value}
      </div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
