/**
 * Listing a service (SPEC §10): a member offers units of a service for CONX. The price stated is
 * the listing's reference for its whole life; every order on it lies within the band around it.
 */
import { useState } from 'react';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { type SigningRequest } from '../../shared/quorum/request';
import { DraftNotices } from '../sign/DraftNotices';
import { quorumWords } from '../sign/quorum-words';
import { usePreflightedDraft } from '../sign/usePreflightedDraft';
import { Card } from '../ui/components';
import { aWeekFromNow } from '../impact/time';
import { bandWords, listingRequest } from './figures';

export function ListService({ commons, vault, onRequest }: { commons: CommonsView; vault: VaultView; onRequest: (request: SigningRequest) => void }) {
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [unit, setUnit] = useState('hour');
  const [price, setPrice] = useState('');
  const draft = usePreflightedDraft(commons, onRequest);
  return (
    <Card title="List a service" aside={<span className="muted small">Paid in CONX</span>}>
      <div className="form-grid">
        <label>
          Listing id
          <input value={id} onChange={(e) => setId(e.target.value)} aria-label="Listing id" placeholder="bike-repair" />
        </label>
        <label>
          Service
          <input value={title} onChange={(e) => setTitle(e.target.value)} aria-label="Service title" placeholder="Bike repair" />
        </label>
        <label>
          Unit
          <input value={unit} onChange={(e) => setUnit(e.target.value)} aria-label="Service unit" />
        </label>
        <label>
          Price per unit (CONX)
          <input value={price} onChange={(e) => setPrice(e.target.value)} inputMode="decimal" aria-label="Listing price" placeholder="0" />
        </label>
      </div>
      <p className="small muted">
        The price is the listing’s reference: orders on it must lie within {bandWords(commons.dexBandBps)} of it, and it stays for the listing’s life (a new price is a new listing). {quorumWords(commons, vault, true)}
      </p>
      <div className="actions">
        <button type="button" disabled={draft.checking} onClick={() => void draft.create(listingRequest(commons, vault, { id, title, unit, price }, aWeekFromNow()))}>
          {draft.checking ? 'Checking against the ledger…' : 'List the service'}
        </button>
      </div>
      <DraftNotices draft={draft} />
    </Card>
  );
}
