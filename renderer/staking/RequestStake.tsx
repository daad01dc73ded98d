/**
 * Asking for stakes (SPEC §5): the holder of an accepted offer asks other members for working
 * capital, at most what the offer's CONX reward still leaves (the reward repays the stakes first).
 * Signed by the holder's vault with the member's own key among the signatures; pre-flighted.
 */
import { useState } from 'react';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { type SigningRequest } from '../../shared/quorum/request';
import { DraftNotices } from '../sign/DraftNotices';
import { quorumWords } from '../sign/quorum-words';
import { usePreflightedDraft } from '../sign/usePreflightedDraft';
import { Card } from '../ui/components';
import { aWeekFromNow } from '../impact/time';
import { conx, stakeableOffers } from './figures';
import { stakeRequestRequest } from './requests';

export function RequestStake({ commons, vault, onRequest }: { commons: CommonsView; vault: VaultView; onRequest: (request: SigningRequest) => void }) {
  const offers = stakeableOffers(commons, vault);
  const [offer, setOffer] = useState('');
  const [amount, setAmount] = useState('');
  const draft = usePreflightedDraft(commons, onRequest);
  const chosen = offers.find((o) => o.offer.id === offer) ?? offers[0];
  return (
    <Card title="Ask for stakes" aside={<span className="muted small">For an offer of yours the verifiers accepted</span>}>
      {!chosen ? (
        <p className="muted">{vault.name} holds no accepted offer: stakes are asked on an offer the quest’s verifiers accepted (the Impact board).</p>
      ) : (
        <>
          <div className="form-grid">
            <label>
              Offer
              <select value={chosen.offer.id} onChange={(e) => (setOffer(e.target.value), draft.reset())} aria-label="Offer to stake">
                {offers.map(({ offer: o, left }) => (
                  <option key={o.id} value={o.id}>
                    {o.id} — reward {conx(o.reward.conx)}, up to {conx(left)} still to ask
                  </option>
                ))}
              </select>
            </label>
            <label>
              Amount asked (CONX)
              <input value={amount} onChange={(e) => setAmount(e.target.value)} aria-label="Amount asked" inputMode="decimal" placeholder="0" />
            </label>
          </div>
          <p className="small muted" data-testid="request-quorum">
            {quorumWords(commons, vault, true)} Fully staked, the stakes are released to {vault.name} at once as working capital.
          </p>
          <div className="actions">
            <button type="button" disabled={draft.checking} onClick={() => void draft.create(stakeRequestRequest(commons, vault, chosen.offer.id, amount, aWeekFromNow()))}>
              {draft.checking ? 'Checking against the ledger…' : 'Ask for stakes'}
            </button>
          </div>
        </>
      )}
      <DraftNotices draft={draft} />
    </Card>
  );
}
