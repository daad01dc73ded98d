/**
 * Opening a quest (SPEC §6): its sponsor and co-sponsor factions, its budget (from the treasury's
 * CONX into the quest's escrow) and its verifiers, who become a Commons vault whose quorum decides
 * the quest's offers. How it opens is the Commons' (`commons.questsOpenBy`): in a version 2 Commons
 * by a passed vote of its sponsoring factions, so the form drafts a questApproval proposal signed
 * by the member's chosen vault (SPEC §7); in a version 1 Commons (the Demo Commons) the treasury's
 * stewards sign `quest.open`. Either is pre-flighted before any device is asked.
 */
import { useState } from 'react';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { type SigningRequest } from '../../shared/quorum/request';
import { DraftNotices } from '../sign/DraftNotices';
import { list, quorumWords } from '../sign/quorum-words';
import { usePreflightedDraft } from '../sign/usePreflightedDraft';
import { Card } from '../ui/components';
import { VaultSelect } from '../ui/VaultSelect';
import { conx, knownSigners } from './figures';
import { FACTIONS, type FactionName, type QuestDraft, questApprovalRequest, questOpenRequest, questVoters } from './requests';
import { aWeekFromNow } from './time';

export interface QuestOpenFormProps {
  readonly commons: CommonsView;
  readonly treasury: VaultView;
  /** The member vaults that may propose (version 2), and the one chosen (the page's own choice). */
  readonly memberVaults: readonly VaultView[];
  readonly author: VaultView | undefined;
  readonly onChooseAuthor: (address: string) => void;
  readonly onRequest: (request: SigningRequest) => void;
}

export function QuestOpenForm({ commons, treasury, memberVaults, author, onChooseAuthor, onRequest }: QuestOpenFormProps) {
  const byVote = commons.questsOpenBy === 'proposal';
  const signers = knownSigners(commons);
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [sponsor, setSponsor] = useState<FactionName>('Union');
  const [coSponsors, setCoSponsors] = useState<FactionName[]>([]);
  const [budget, setBudget] = useState('');
  const [verifiersName, setVerifiersName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [threshold, setThreshold] = useState('1');
  const [text, setText] = useState('');
  const draft = usePreflightedDraft(commons, onRequest);

  const create = () => {
    const quest: QuestDraft = { id, title, sponsor, coSponsors, budget, verifiersName, verifiers: signers.filter((s) => chosen.includes(s.address)), threshold: /^\d+$/.test(threshold.trim()) ? Number(threshold) : NaN };
    if (!byVote) return void draft.create(questOpenRequest(commons, treasury, quest, aWeekFromNow()));
    if (!author) return void draft.create({ ok: false, error: 'This Commons has no member vault yet: a quest is proposed from a member’s vault.' });
    return void draft.create(questApprovalRequest(commons, author, quest, text, aWeekFromNow()));
  };

  const held = `${treasury.name} (${conx(treasury.balances.CONX ?? 0n)} held)`;
  return (
    <Card
      title={byVote ? 'Propose a quest' : 'Open a quest'}
      aside={<span className="muted">{byVote ? 'Opened by a vote of its sponsoring factions' : 'Signed by the treasury’s stewards (a version 1 Commons)'}</span>}
    >
      {byVote ? (
        <div className="stack" data-testid="quest-by-vote">
          <p className="small">
            In this Commons a quest opens by a vote, not by the treasury: this drafts a quest approval proposal that the {list(questVoters({ sponsor, coSponsors }))} ({coSponsors.some((f) => f !== sponsor) ? 'its sponsor and co-sponsors' : 'its sponsor'})
            vote on by burning PPT or their role token. Once it passes and its timelock ends, anyone executes it on the governance page, and only then does the budget leave {held} for the
            quest’s escrow.
          </p>
          <div className="form-grid">
            {author && <VaultSelect label="Proposed by" vaults={memberVaults} value={author.address} onChange={onChooseAuthor} />}
          </div>
          <p className="small" data-testid="quest-quorum">
            {author ? quorumWords(commons, author, true) : 'This Commons has no member vault yet: a quest is proposed from a member’s vault.'}
          </p>
        </div>
      ) : (
        <p className="small" data-testid="quest-quorum">
          {quorumWords(commons, treasury, false)} The budget leaves {held} for the quest’s escrow.
        </p>
      )}
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
      {byVote && (
        <label>
          Why (the voters read it)
          <textarea value={text} onChange={(e) => setText(e.target.value)} aria-label="Quest proposal text" maxLength={10_000} rows={3} />
        </label>
      )}
      <div className="actions">
        <button type="button" disabled={draft.checking || (byVote && !author)} onClick={create}>
          {draft.checking ? 'Checking against the ledger…' : byVote ? 'Propose the quest' : 'Open the quest'}
        </button>
      </div>
      <DraftNotices draft={draft} />
    </Card>
  );
}
