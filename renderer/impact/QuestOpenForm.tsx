/**
 * Opening a quest (SPEC §6): its sponsor and co-sponsor factions, its budget (from the treasury's
 * CONX into the quest's escrow) and its verifiers, who become a Commons vault whose quorum decides
 * the quest's offers. Signed by the treasury's stewards until governance (issue 14) opens quests
 * by a passed vote; pre-flighted before any device is asked.
 */
import { useState } from 'react';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { type SigningRequest } from '../../shared/quorum/request';
import { DraftNotices } from '../sign/DraftNotices';
import { quorumWords } from '../sign/quorum-words';
import { usePreflightedDraft } from '../sign/usePreflightedDraft';
import { Card } from '../ui/components';
import { conx, knownSigners } from './figures';
import { FACTIONS, type FactionName, questOpenRequest } from './requests';
import { aWeekFromNow } from './time';

export function QuestOpenForm({ commons, treasury, onRequest }: { commons: CommonsView; treasury: VaultView; onRequest: (request: SigningRequest) => void }) {
  const signers = knownSigners(commons);
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [sponsor, setSponsor] = useState<FactionName>('Union');
  const [coSponsors, setCoSponsors] = useState<FactionName[]>([]);
  const [budget, setBudget] = useState('');
  const [verifiersName, setVerifiersName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [threshold, setThreshold] = useState('1');
  const draft = usePreflightedDraft(commons, onRequest);

  const create = () =>
    void draft.create(
      questOpenRequest(
        commons,
        treasury,
        { id, title, sponsor, coSponsors, budget, verifiersName, verifiers: signers.filter((s) => chosen.includes(s.address)), threshold: /^\d+$/.test(threshold.trim()) ? Number(threshold) : NaN },
        aWeekFromNow(),
      ),
    );

  return (
    <Card title="Open a quest" aside={<span className="muted">The treasury’s stewards, until governance opens quests by vote</span>}>
      <p className="small" data-testid="quest-quorum">
        {quorumWords(commons, treasury, false)} The budget leaves {treasury.name} ({conx(treasury.balances.CONX ?? 0n)} held) for the quest’s escrow.
      </p>
      <div className="form-grid">
        <label>
          Quest id
          <input value={id} onChange={(e) => setId(e.target.value)} aria-label="Quest id" placeholder="e.g. solar-2026" maxLength={64} />
        </label>
        <label>
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} aria-label="Quest title" maxLength={200} />
        </label>
        <label>
          Sponsor
          <select value={sponsor} onChange={(e) => setSponsor(e.target.value as FactionName)} aria-label="Sponsor faction">
            {FACTIONS.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <label>
          Budget (CONX)
          <input value={budget} onChange={(e) => setBudget(e.target.value)} aria-label="Quest budget" inputMode="decimal" />
        </label>
      </div>
      <fieldset className="inline-choices">
        <legend className="small">Co-sponsors (factions that back the quest with the sponsor)</legend>
        {FACTIONS.filter((f) => f !== sponsor).map((f) => (
          <label key={f} className="inline">
            <input
              type="checkbox"
              checked={coSponsors.includes(f)}
              onChange={(e) => setCoSponsors(e.target.checked ? [...coSponsors, f] : coSponsors.filter((c) => c !== f))}
              aria-label={`Co-sponsor ${f}`}
            />
            {f}
          </label>
        ))}
      </fieldset>
      <h3 className="small">Verifiers</h3>
      <div className="form-grid">
        <label>
          Their vault’s name
          <input value={verifiersName} onChange={(e) => setVerifiersName(e.target.value)} aria-label="Verifiers’ name" placeholder="e.g. Solar verifiers" maxLength={100} />
        </label>
        <label>
          Threshold
          <input value={threshold} onChange={(e) => setThreshold(e.target.value)} aria-label="Verifiers’ threshold" inputMode="numeric" />
        </label>
      </div>
      <ul className="plain-list">
        {signers.map((s) => (
          <li key={s.address}>
            <label className="inline">
              <input
                type="checkbox"
                checked={chosen.includes(s.address)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, s.address] : chosen.filter((a) => a !== s.address))}
                aria-label={`Verifier ${s.label}`}
              />
              <strong>{s.label}</strong> <span className="mono small">{s.address}</span>
            </label>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" disabled={draft.checking} onClick={create}>
          {draft.checking ? 'Checking against the ledger…' : 'Open the quest'}
        </button>
      </div>
      <DraftNotices draft={draft} />
    </Card>
  );
}
