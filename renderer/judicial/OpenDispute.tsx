/**
 * Opening a dispute (SPEC §8) on an offer or a stake request of the chosen vault's (it holds the
 * offer or staked on it): its escrows freeze and a mediator panel is drawn. Signed by the vault
 * with the member's own key among the signatures; pre-flighted.
 */
import { useState } from 'react';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { DECIMALS, formatAmount } from '../../shared/money';
import { type SigningRequest } from '../../shared/quorum/request';
import { DraftNotices } from '../sign/DraftNotices';
import { quorumWords } from '../sign/quorum-words';
import { usePreflightedDraft } from '../sign/usePreflightedDraft';
import { Card } from '../ui/components';
import { aWeekFromNow } from '../impact/time';
import { disputableSubjects } from './figures';
import { disputeOpenRequest } from './requests';

export function OpenDispute({ commons, vault, onRequest }: { commons: CommonsView; vault: VaultView; onRequest: (request: SigningRequest) => void }) {
  const subjects = disputableSubjects(commons, vault);
  const [key, setKey] = useState('');
  const [id, setId] = useState('');
  const [claim, setClaim] = useState('');
  const [amount, setAmount] = useState('');
  const draft = usePreflightedDraft(commons, onRequest);
  const chosen = subjects.find((s) => `${s.kind}:${s.id}` === key) ?? subjects[0];
  return (
    <Card title="Open a dispute" aside={<span className="muted small">On an offer you hold or staked on, or a stake request</span>}>
      {!chosen ? (
        <p className="muted">{vault.name} is party to no offer or stake that can be disputed now.</p>
      ) : (
        <>
          <div className="form-grid">
            <label>
              Subject
              <select value={`${chosen.kind}:${chosen.id}`} onChange={(e) => (setKey(e.target.value), draft.reset())} aria-label="Dispute subject">
                {subjects.map((s) => (
                  <option key={`${s.kind}:${s.id}`} value={`${s.kind}:${s.id}`}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Dispute id
              <input value={id} onChange={(e) => setId(e.target.value)} aria-label="Dispute id" placeholder="e.g. roof-12-stake" maxLength={64} />
            </label>
            <label>
              Claim
              <input value={claim} onChange={(e) => setClaim(e.target.value)} aria-label="Claim" maxLength={2000} />
            </label>
            <label>
              Amount claimed (CONX)
              <input value={amount} onChange={(e) => setAmount(e.target.value)} aria-label="Amount claimed" inputMode="decimal" placeholder={formatAmount(chosen.amount, DECIMALS.CONX)} />
            </label>
          </div>
          <p className="small muted" data-testid="dispute-quorum">
            {quorumWords(commons, vault, true)} Its escrows freeze, and a panel is drawn from the factions not party to it.
          </p>
          <div className="actions">
            <button
              type="button"
              disabled={draft.checking}
              onClick={() => void draft.create(disputeOpenRequest(commons, vault, { id, kind: chosen.kind, subject: chosen.id, claim, amount: amount || formatAmount(chosen.amount, DECIMALS.CONX, { grouping: false }) }, aWeekFromNow()))}
            >
              {draft.checking ? 'Checking against the ledger…' : 'Open the dispute'}
            </button>
          </div>
        </>
      )}
      <DraftNotices draft={draft} />
    </Card>
  );
}
