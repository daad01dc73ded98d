/**
 * One dispute as the ledger holds it (SPEC §8): its stage along mediation → acceptance → vote →
 * appeal → closed with the current deadline, its parties and panel, the resolution proposed, the
 * community vote against its electorate, the ruling, the loss order that ran, and the timeline.
 */
import { type CommonsView } from '../../shared/contract/commons-view';
import { DECIMALS, formatAmount } from '../../shared/money';
import { Badge, Card } from '../ui/components';
import { StackedBars } from '../ui/StackedBars';
import { STAGES, STAGE_WORDS, type DisputeView, conx, dateText, lossOrderRow, percent, untilText } from './figures';

const memberLabel = (commons: CommonsView, did: string | null) => (did === null ? 'the treasury' : (commons.members.find((m) => m.did === did)?.label ?? did));
const vaultName = (commons: CommonsView, address: string) => commons.vaults.find((v) => v.address.toLowerCase() === address.toLowerCase())?.name ?? address;

export function ResolutionText({ resolution }: { resolution: NonNullable<DisputeView['resolution']> }) {
  switch (resolution.kind) {
    case 'completeWithAdjustments':
      return (
        <span>
          Complete the offer with its reward adjusted to {conx(resolution.reward.conx)}, {formatAmount(resolution.reward.ppt, DECIMALS.PPT)} PPT and {formatAmount(resolution.reward.role, DECIMALS.PPT)} of the role token; the stakers are repaid first.
        </span>
      );
    case 'repaymentSchedule':
      return (
        <span>
          A repayment schedule: {resolution.instalments.map((i) => `${conx(i.amount)} by ${dateText(i.dueAt).slice(0, 10)}`).join(', ')}.
        </span>
      );
    case 'sharedLoss':
      return (
        <span>
          A shared loss of {conx(resolution.loss)} in the fixed loss order — the defaulter’s vault, then the loss reserve, then the creditors pro rata — with {percent(resolution.sharedBps)} of what remains moved into Commons loss sharing.
        </span>
      );
  }
}

export function DisputeDetail({ commons, dispute }: { commons: CommonsView; dispute: DisputeView }) {
  // Deadlines are in ledger time (SPEC §0): measured from the last entry, never the machine's clock.
  const now = commons.time;
  const current = STAGES.indexOf(dispute.stage === 'repaying' ? 'closed' : dispute.stage);
  const settlement = dispute.settlement;
  return (
    <Card title={`Dispute ${dispute.id}`} aside={<span data-testid="dispute-stage" data-stage={dispute.stage}><Badge tone={dispute.stage === 'closed' ? 'ok' : 'warn'}>{dispute.stage}</Badge></span>}>
      <p>
        On {dispute.subject.kind} <span className="mono">{dispute.subject.id}</span>, claiming {conx(dispute.amount)}: “{dispute.claim}” — opened by {vaultName(commons, dispute.openedBy)} on {dateText(dispute.openedAt)}.
      </p>
      <ol className="steps" aria-label="Stages" data-testid="dispute-steps">
        {STAGES.map((stage, i) => (
          <li key={stage} data-done={i < current} aria-current={i === current ? 'step' : undefined} className={i === current ? 'step-current' : i < current ? 'step-done' : 'step-todo'}>
            {stage}
          </li>
        ))}
      </ol>
      <p data-testid="dispute-deadline">
        {STAGE_WORDS[dispute.stage]}
        {dispute.deadline !== null && (
          <>
            {' '}— deadline {dateText(dispute.deadline)} ({untilText(dispute.deadline, now)} in ledger time, from the last entry); a party that misses it loses by default.
          </>
        )}
      </p>
      <div className="grid-2">
        <div>
          <h3 className="small">Parties</h3>
          <ul className="plain-list" data-testid="dispute-parties">
            {dispute.parties.map((p) => (
              <li key={p.vault}>
                {memberLabel(commons, p.did)} <span className="muted small">({p.role}{p.faction ? `, ${p.faction}` : ''}, {vaultName(commons, p.vault)})</span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="small">Mediator panel{dispute.round > 1 ? ` (appeal, round ${dispute.round})` : ''}</h3>
          <ul className="plain-list" data-testid="dispute-panel">
            {dispute.panel.map((did) => (
              <li key={did} data-testid="panelist">
                {memberLabel(commons, did)} <span className="muted small">({commons.members.find((m) => m.did === did)?.faction})</span>
              </li>
            ))}
          </ul>
          <p className="muted small">
            Drawn from the dispute’s hash, without replacement, from factions not party to it; decides as {vaultName(commons, dispute.panelVault)}, a majority of its {dispute.panel.length}.
          </p>
        </div>
      </div>
      <h3 className="small">Resolution</h3>
      {dispute.resolution ? (
        <p data-testid="dispute-resolution" data-kind={dispute.resolution.kind}>
          <ResolutionText resolution={dispute.resolution} /> <span className="muted">“{dispute.resolution.note}”</span>
        </p>
      ) : (
        <p className="muted">The panel has not proposed a resolution yet.</p>
      )}
      {dispute.answers.length > 0 && (
        <ul className="plain-list small" data-testid="dispute-answers">
          {dispute.answers.map((a) => (
            <li key={a.vault}>
              {vaultName(commons, a.vault)} {a.answer}
              {a.reason ? ` (“${a.reason}”)` : ''}
            </li>
          ))}
        </ul>
      )}
      {dispute.voteOpenedAt !== null && (
        <StackedBars
          title={`Community vote: ${dispute.votes.for} for, ${dispute.votes.against} against, of ${dispute.electorate} members not party to it`}
          rows={[
            {
              label: 'Votes',
              parts: [
                { label: 'For', value: BigInt(dispute.votes.for), tone: 'accent' },
                { label: 'Against', value: BigInt(dispute.votes.against), tone: 'warn' },
              ],
              total: BigInt(Math.max(dispute.electorate, dispute.votes.for + dispute.votes.against)),
              display: `${dispute.votes.for} / ${dispute.votes.against} of ${dispute.electorate}`,
            },
          ]}
          testId="dispute-votes"
        />
      )}
      {dispute.ruling && (
        <p data-testid="dispute-ruling" data-outcome={dispute.ruling.outcome}>
          Ruling: <strong>{dispute.ruling.outcome}</strong> by {dispute.ruling.by === 'parties' ? 'the parties' : dispute.ruling.by === 'vote' ? 'the community vote' : 'default'}
          {dispute.ruling.against ? ` against ${vaultName(commons, dispute.ruling.against)}` : ''} on {dateText(dispute.ruling.at)}.
        </p>
      )}
      {settlement && settlement.kind !== 'dismissed' && settlement.loss > 0n && (
        <div data-testid="dispute-settlement">
          <StackedBars title="The loss order that ran" rows={[lossOrderRow('Loss', { ...settlement, borne: settlement.creditors.reduce((sum, c) => sum + c.borne, 0n) })]} testId="loss-order" />
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Creditor</th>
                <th scope="col" className="num">Owed</th>
                <th scope="col" className="num">Recovered</th>
                <th scope="col" className="num">Commons loss sharing</th>
                <th scope="col" className="num">Borne</th>
              </tr>
            </thead>
            <tbody>
              {settlement.creditors.map((c) => (
                <tr key={c.id} data-testid="creditor">
                  <td>{vaultName(commons, c.vault)}</td>
                  <td className="num">{conx(c.outstanding)}</td>
                  <td className="num">{conx(c.recovered)}</td>
                  <td className="num" data-testid="creditor-shared">{conx(c.shared)}</td>
                  <td className="num">{conx(c.borne)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small" data-testid="shared-loss">
            {conx(settlement.shared)} moved into Commons loss sharing: billed to members in proportion to patronage at the next period close ({conx(commons.lossReserve.sharedLossDue)} queued in all).
          </p>
        </div>
      )}
      <details>
        <summary>Timeline ({dispute.timeline.length} events)</summary>
        <ol className="small" data-testid="dispute-timeline">
          {dispute.timeline.map((e, i) => (
            <li key={i}>
              {dateText(e.at)} — <strong>{e.event}</strong>: {e.detail}
            </li>
          ))}
        </ol>
      </details>
      <p className="muted small">
        Parameters fixed when it opened: panel of {dispute.params.panelSize}, {dispute.params.stepSeconds / 86_400} days a step, an appeal window of {dispute.params.appealWindowSeconds / 86_400} days, at most {percent(dispute.params.lossReserveMaxShareBps)} of the loss
        reserve, at most {percent(dispute.params.lossSharingMaxBps)} of what remains shared.
      </p>
    </Card>
  );
}
