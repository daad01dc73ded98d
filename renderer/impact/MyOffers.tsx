/**
 * A member's offers: post one in an open quest (its CONX reward must fit the quest's free budget),
 * and submit the work of an accepted one to the quest's verifiers. Both are signed by the member's
 * vault with the member's own key among the signatures, and pre-flighted before any device is asked.
 */
import { useState } from 'react';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { type SigningRequest } from '../../shared/quorum/request';
import { DraftNotices } from '../sign/DraftNotices';
import { quorumWords } from '../sign/quorum-words';
import { usePreflightedDraft } from '../sign/usePreflightedDraft';
import { Card } from '../ui/components';
import { conx } from './figures';
import { OfferProgressBar, OfferState, rewardText } from './OffersCard';
import { offerPostRequest, offerSubmitRequest } from './requests';
import { aWeekFromNow } from './time';

export function MyOffers({ commons, vault, onRequest }: { commons: CommonsView; vault: VaultView; onRequest: (request: SigningRequest) => void }) {
  const mine = commons.offers.filter((o) => o.holder.toLowerCase() === vault.address.toLowerCase());
  const submit = usePreflightedDraft(commons, onRequest);
  return (
    <Card title={`My offers — ${vault.name}`} aside={<span className="muted small">{quorumWords(commons, vault, true)}</span>}>
      {mine.length === 0 ? (
        <p className="muted">{vault.name} holds no offer yet.</p>
      ) : (
        <ul className="plain-list">
          {mine.map((offer) => (
            <li key={offer.id} className="vault" data-testid="my-offer" data-offer={offer.id}>
              <div className="vault-head">
                <strong className="mono">{offer.id}</strong> <OfferState offer={offer} /> <span className="small muted">{rewardText(offer)}</span>
              </div>
              <p className="small">{offer.deliverable}</p>
              <OfferProgressBar offer={offer} />
              {commons.completionCredentials
                .filter((c) => c.offer === offer.id)
                .map((c) => (
                  <p key={c.id} className="small" data-testid="completion-credential">
                    Completion credential <span className="mono">{c.id}</span> issued {new Date(c.issuedAt * 1000).toLocaleDateString()}.
                  </p>
                ))}
              {offer.state === 'accepted' && (
                <div className="actions">
                  <button type="button" disabled={submit.checking} onClick={() => void submit.create({ ok: true, value: offerSubmitRequest(commons, vault, offer.id, aWeekFromNow()) })}>
                    Submit the work of {offer.id}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <DraftNotices draft={submit} />
      <PostOffer commons={commons} vault={vault} onRequest={onRequest} />
    </Card>
  );
}

function PostOffer({ commons, vault, onRequest }: { commons: CommonsView; vault: VaultView; onRequest: (request: SigningRequest) => void }) {
  const [quest, setQuest] = useState('');
  const [id, setId] = useState('');
  const [deliverable, setDeliverable] = useState('');
  const [reward, setReward] = useState({ conx: '', ppt: '', role: '' });
  const draft = usePreflightedDraft(commons, onRequest);
  const chosen = commons.quests.find((q) => q.id === quest) ?? commons.quests[0];
  if (!chosen) return null;
  return (
    <div className="stack">
      <h3 className="small">Post an offer</h3>
      <div className="form-grid">
        <label>
          Quest
          <select value={chosen.id} onChange={(e) => (setQuest(e.target.value), draft.reset())} aria-label="Offer quest">
            {commons.quests.map((q) => (
              <option key={q.id} value={q.id}>
                {q.title} ({conx(q.unreserved)} free)
              </option>
            ))}
          </select>
        </label>
        <label>
          Offer id
          <input value={id} onChange={(e) => setId(e.target.value)} aria-label="Offer id" placeholder="e.g. solar-roof" maxLength={64} />
        </label>
        <label>
          Deliverable
          <input value={deliverable} onChange={(e) => setDeliverable(e.target.value)} aria-label="Deliverable" maxLength={2000} />
        </label>
        <label>
          Reward (CONX)
          <input value={reward.conx} onChange={(e) => setReward({ ...reward, conx: e.target.value })} aria-label="Reward CONX" inputMode="decimal" />
        </label>
        <label>
          Reward (PPT)
          <input value={reward.ppt} onChange={(e) => setReward({ ...reward, ppt: e.target.value })} aria-label="Reward PPT" inputMode="decimal" />
        </label>
        <label>
          Reward (role token of the member’s faction)
          <input value={reward.role} onChange={(e) => setReward({ ...reward, role: e.target.value })} aria-label="Reward role token" inputMode="decimal" />
        </label>
      </div>
      <p className="muted small">
        The CONX reward must fit the quest’s free budget ({conx(chosen.unreserved)}); it is reserved when the verifiers accept the offer, and repays its stakers first when they complete it.
      </p>
      <div className="actions">
        <button type="button" disabled={draft.checking} onClick={() => void draft.create(offerPostRequest(commons, vault, { quest: chosen.id, id, deliverable, ...reward }, aWeekFromNow()))}>
          {draft.checking ? 'Checking against the ledger…' : 'Post the offer'}
        </button>
      </div>
      <DraftNotices draft={draft} />
    </div>
  );
}
