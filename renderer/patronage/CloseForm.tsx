/**
 * The treasury quorum's close of the open period (SPEC §9): the costs it states and a note; the
 * revenue is the ledger's. Before the request exists the page shows what the close will do, by
 * the close's own rules: the reserve and its split, the surplus refunded member by member, or the
 * deficit met, carried or billed. Then the request goes through the signing flow like any other.
 */
import { useState } from 'react';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { DECIMALS, parseAmount } from '../../shared/money';
import { type SigningRequest, unsignedRequest } from '../../shared/quorum/request';
import { Card } from '../ui/components';
import { DraftNotices } from '../sign/DraftNotices';
import { usePreflightedDraft } from '../sign/usePreflightedDraft';
import { closePreview, conx, percent } from './figures';

const WEEK = 7 * 24 * 3600;

export function CloseForm({ commons, treasury, onRequest }: { commons: CommonsView; treasury: VaultView; onRequest: (r: SigningRequest) => void }) {
  const p = commons.patronage;
  const [costsText, setCostsText] = useState('0');
  const [note, setNote] = useState('');
  const draft = usePreflightedDraft(commons, onRequest);
  let costs: bigint | null = null;
  try {
    costs = parseAmount(costsText === '' ? '0' : costsText, DECIMALS.CONX);
  } catch {
    costs = null;
  }
  const preview = costs === null ? null : closePreview(p, costs);
  const label = (did: string) => commons.members.find((m) => m.did === did)?.label ?? did;
  const create = () =>
    void draft.create(
      costs === null
        ? { ok: false, error: 'The costs must be an amount of CONX, e.g. 1200 or 1,200.50.' }
        : { ok: true, value: unsignedRequest(commons, treasury, 'patronage.close', { period: p.open.period, costs, note }, Math.floor(Date.now() / 1000) + WEEK) },
    );
  return (
    <Card title={`Close period ${p.open.period}`} aside={<span className="muted">The treasury quorum</span>}>
      <p className="small" data-testid="close-quorum">
        Signed by {treasury.name}’s quorum: any {treasury.threshold} of its {treasury.signers.length} signers ({treasury.signers.map((s) => s.label).join(', ')}).
      </p>
      <div className="form-grid">
        <label>
          Costs of the period (CONX)
          <input value={costsText} onChange={(e) => setCostsText(e.target.value)} inputMode="decimal" aria-label="Period costs" />
        </label>
        <label>
          Note
          <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} aria-label="Close note" />
        </label>
      </div>
      {preview && (
        <div className="small" data-testid="close-preview">
          <p>
            Revenue recorded by the ledger {conx(p.open.revenue)}; reserve {conx(preview.reserve)} ({percent(p.params.reserveBps)}), of which {conx(preview.toLossReserve)} to the loss reserve.
          </p>
          {preview.surplus > 0n && (
            <p data-testid="close-preview-surplus">
              Surplus {conx(preview.surplus)}, refunded pro rata to points (remainder {conx(preview.remainder)} to the reserve):{' '}
              {preview.refunds.map((r) => `${label(r.member)} ${conx(r.refund)}`).join(', ') || 'no member has points, so it goes to the reserve'}.
            </p>
          )}
          {preview.deficit > 0n && (
            <p data-testid="close-preview-deficit">
              Deficit {conx(preview.deficit)}: {conx(preview.deficitFromReserve)} from the general reserve, {conx(preview.carriedOut)} carried forward.
            </p>
          )}
          {preview.toBill > 0n && <p>The carried deficit left, {conx(preview.toBill)}, is billed pro rata to points, set off against refunds owed.</p>}
          {p.reserves.sharedLossDue > 0n && <p>Shared losses of {conx(p.reserves.sharedLossDue)} are billed the same way.</p>}
        </div>
      )}
      <div className="actions">
        <button type="button" onClick={create} disabled={draft.checking}>
          {draft.checking ? 'Checking against the ledger…' : `Create the close request`}
        </button>
      </div>
      <DraftNotices draft={draft} />
    </Card>
  );
}
