/**
 * What the chosen vault may do in a dispute at its stage (SPEC §8), each a signing request
 * pre-flighted against the verified ledger: a panelist drafts the panel's resolution (signed by
 * the panel's vault, a majority of the panelists), with the loss order it would run previewed; a
 * party accepts or rejects, then may accept the ruling or appeal; a member not party to it votes;
 * the debtor pays an instalment.
 */
import { useState } from 'react';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { type SigningRequest } from '../../shared/quorum/request';
import { DraftNotices } from '../sign/DraftNotices';
import { quorumWords } from '../sign/quorum-words';
import { usePreflightedDraft } from '../sign/usePreflightedDraft';
import { Card } from '../ui/components';
import { StackedBars } from '../ui/StackedBars';
import { aWeekFromNow } from '../impact/time';
import { type DisputeView, conx, hasAnswered, hasVoted, lossOrderPreview, lossOrderRow, percent, roleIn } from './figures';
import { acceptRequest, payRequest, proposeRequest, reasonRequest, type ResolutionDraft, resolutionOf, voteRequest } from './requests';

type Props = { commons: CommonsView; dispute: DisputeView; vault: VaultView; onRequest: (request: SigningRequest) => void };

export function DisputeActions(props: Props) {
  const { dispute, vault } = props;
  const role = roleIn(dispute, vault);
  const body = (() => {
    switch (dispute.stage) {
      case 'mediation':
        return role === 'panelist' ? <ProposeForm {...props} /> : <p className="muted">The panel is mediating: {vault.name} is not on it.</p>;
      case 'acceptance':
        if (role !== 'party') return <p className="muted">The parties are answering the panel’s resolution; {vault.name} is not a party.</p>;
        return hasAnswered(dispute, vault) ? <p className="muted">{vault.name} has answered.</p> : <AnswerForm {...props} />;
      case 'vote':
        if (role === 'party') return <p className="muted">A party does not vote: the community vote is of the members not party to it.</p>;
        return hasVoted(dispute, vault) ? <p className="muted">{vault.name}’s member has voted.</p> : <VoteForm {...props} />;
      case 'appeal':
        if (role !== 'party') return <p className="muted">The appeal window is the parties’.</p>;
        return hasAnswered(dispute, vault) ? <p className="muted">{vault.name} accepted the ruling.</p> : <AppealForm {...props} />;
      case 'repaying':
        return vault.address.toLowerCase() === dispute.defaulter.toLowerCase() ? <PayForm {...props} /> : <p className="muted">The debtor pays the schedule’s instalments.</p>;
      case 'closed':
        return <p className="muted">This dispute is closed.</p>;
    }
  })();
  return (
    <Card title={`Act on dispute ${dispute.id} — ${vault.name}`} aside={<span className="muted small">as {role === 'none' ? 'an observer' : `a ${role}`}</span>}>
      <div data-testid="dispute-actions" data-role={role}>
        {body}
      </div>
    </Card>
  );
}

const EMPTY: ResolutionDraft = { kind: 'sharedLoss', note: '', conx: '', ppt: '', role: '', instalments: '', loss: '', sharedPercent: '0' };

function ProposeForm({ commons, dispute, onRequest }: Props) {
  const panel = commons.vaults.find((v) => v.address.toLowerCase() === dispute.panelVault.toLowerCase());
  const [draftInput, setDraftInput] = useState<ResolutionDraft>(EMPTY);
  const draft = usePreflightedDraft(commons, onRequest);
  if (!panel) return <p className="muted">The panel’s vault is not in this ledger.</p>;
  const set = (change: Partial<ResolutionDraft>) => (setDraftInput({ ...draftInput, ...change }), draft.reset());
  const parsed = resolutionOf({ ...draftInput, note: draftInput.note || '-' });
  const preview = parsed.ok && parsed.value.kind === 'sharedLoss' ? lossOrderPreview(commons, dispute, parsed.value.loss, parsed.value.sharedBps) : null;
  return (
    <div className="stack">
      <div className="form-grid">
        <label>
          Resolution
          <select value={draftInput.kind} onChange={(e) => set({ kind: e.target.value as ResolutionDraft['kind'] })} aria-label="Resolution kind">
            {dispute.subject.kind === 'offer' && <option value="completeWithAdjustments">Complete with adjustments</option>}
            <option value="repaymentSchedule">Repayment schedule</option>
            <option value="sharedLoss">Shared loss</option>
          </select>
        </label>
        {draftInput.kind === 'completeWithAdjustments' && (
          <>
            <label>
              Adjusted reward (CONX)
              <input value={draftInput.conx} onChange={(e) => set({ conx: e.target.value })} aria-label="Adjusted CONX" inputMode="decimal" />
            </label>
            <label>
              Adjusted PPT
              <input value={draftInput.ppt} onChange={(e) => set({ ppt: e.target.value })} aria-label="Adjusted PPT" inputMode="decimal" />
            </label>
            <label>
              Adjusted role token
              <input value={draftInput.role} onChange={(e) => set({ role: e.target.value })} aria-label="Adjusted role token" inputMode="decimal" />
            </label>
          </>
        )}
        {draftInput.kind === 'repaymentSchedule' && (
          <label>
            Instalments (one a line: YYYY-MM-DD amount)
            <textarea value={draftInput.instalments} onChange={(e) => set({ instalments: e.target.value })} aria-label="Instalments" rows={3} />
          </label>
        )}
        {draftInput.kind === 'sharedLoss' && (
          <>
            <label>
              Loss (CONX)
              <input value={draftInput.loss} onChange={(e) => set({ loss: e.target.value })} aria-label="Loss" inputMode="decimal" />
            </label>
            <label>
              Share of what remains into Commons loss sharing (%, at most {percent(dispute.params.lossSharingMaxBps)})
              <input value={draftInput.sharedPercent} onChange={(e) => set({ sharedPercent: e.target.value })} aria-label="Shared percent" inputMode="decimal" />
            </label>
          </>
        )}
        <label>
          Note
          <input value={draftInput.note} onChange={(e) => set({ note: e.target.value })} aria-label="Resolution note" maxLength={2000} />
        </label>
      </div>
      {preview && (
        <div data-testid="loss-order-preview">
          <StackedBars title="The loss order this would run today" rows={[lossOrderRow('Loss', preview)]} />
          <p className="small muted">
            {conx(preview.fromVault)} from the defaulter’s vault, {conx(preview.fromReserve)} from the loss reserve (at most {conx(preview.reserveCap)} for this case), {conx(preview.shared)} into Commons loss sharing, {conx(preview.borne)} borne by the creditors.
          </p>
        </div>
      )}
      <p className="small muted" data-testid="panel-quorum">
        {quorumWords(commons, panel, false)}
      </p>
      <div className="actions">
        <button type="button" disabled={draft.checking} onClick={() => void draft.create(proposeRequest(commons, panel, dispute.id, draftInput, aWeekFromNow()))}>
          {draft.checking ? 'Checking against the ledger…' : 'Propose the resolution'}
        </button>
      </div>
      <DraftNotices draft={draft} />
    </div>
  );
}

function AnswerForm({ commons, dispute, vault, onRequest }: Props) {
  const [reason, setReason] = useState('');
  const draft = usePreflightedDraft(commons, onRequest);
  return (
    <div className="stack">
      <p className="small">{quorumWords(commons, vault, true)}</p>
      <div className="actions">
        <button type="button" disabled={draft.checking} onClick={() => void draft.create({ ok: true, value: acceptRequest(commons, vault, dispute.id, aWeekFromNow()) })}>
          Accept the resolution
        </button>
      </div>
      <div className="form-grid">
        <label>
          Why you reject it
          <input value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Reject reason" maxLength={2000} />
        </label>
      </div>
      <div className="actions">
        <button type="button" disabled={draft.checking} onClick={() => void draft.create(reasonRequest(commons, vault, 'dispute.reject', dispute.id, reason, aWeekFromNow()))}>
          Reject: send it to the community vote
        </button>
      </div>
      <DraftNotices draft={draft} />
    </div>
  );
}

function VoteForm({ commons, dispute, vault, onRequest }: Props) {
  const draft = usePreflightedDraft(commons, onRequest);
  return (
    <div className="stack">
      <p className="small">One member, one vote. The vote is signed: who voted is public, so that a party can be refused.</p>
      <div className="actions">
        <button type="button" disabled={draft.checking} onClick={() => void draft.create({ ok: true, value: voteRequest(commons, vault, dispute.id, 'for', aWeekFromNow()) })}>
          Vote for the resolution
        </button>
        <button type="button" disabled={draft.checking} onClick={() => void draft.create({ ok: true, value: voteRequest(commons, vault, dispute.id, 'against', aWeekFromNow()) })}>
          Vote against
        </button>
      </div>
      <DraftNotices draft={draft} />
    </div>
  );
}

function AppealForm({ commons, dispute, vault, onRequest }: Props) {
  const [reason, setReason] = useState('');
  const draft = usePreflightedDraft(commons, onRequest);
  return (
    <div className="stack">
      <div className="actions">
        <button type="button" disabled={draft.checking} onClick={() => void draft.create({ ok: true, value: acceptRequest(commons, vault, dispute.id, aWeekFromNow()) })}>
          Accept the ruling (waive the appeal)
        </button>
      </div>
      {!dispute.appealed && (
        <>
          <div className="form-grid">
            <label>
              Why you appeal
              <input value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Appeal reason" maxLength={2000} />
            </label>
          </div>
          <div className="actions">
            <button type="button" disabled={draft.checking} onClick={() => void draft.create(reasonRequest(commons, vault, 'dispute.appeal', dispute.id, reason, aWeekFromNow()))}>
              Appeal: a new panel mediates again
            </button>
          </div>
        </>
      )}
      <DraftNotices draft={draft} />
    </div>
  );
}

function PayForm({ commons, dispute, vault, onRequest }: Props) {
  const [amount, setAmount] = useState('');
  const draft = usePreflightedDraft(commons, onRequest);
  return (
    <div className="stack">
      <p className="small">Repaid {conx(dispute.repaid)} so far.</p>
      <div className="form-grid">
        <label>
          Instalment (CONX)
          <input value={amount} onChange={(e) => setAmount(e.target.value)} aria-label="Instalment" inputMode="decimal" />
        </label>
      </div>
      <div className="actions">
        <button type="button" disabled={draft.checking} onClick={() => void draft.create(payRequest(commons, vault, dispute.id, amount, aWeekFromNow()))}>
          Pay the instalment
        </button>
      </div>
      <DraftNotices draft={draft} />
    </div>
  );
}
