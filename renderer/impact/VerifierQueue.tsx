/**
 * The verifiers' queue: per quest, the offers waiting for its verifiers — open ones to accept (or
 * turn down), submitted ones to complete or fail. Each decision is signed by the quest's verifiers'
 * vault under its quorum, and pre-flighted before any device is asked.
 */
import { useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type SigningRequest } from '../../shared/quorum/request';
import { DraftNotices } from '../sign/DraftNotices';
import { quorumWords } from '../sign/quorum-words';
import { usePreflightedDraft } from '../sign/usePreflightedDraft';
import { Card } from '../ui/components';
import { memberName, type OfferView, verifierTasks } from './figures';
import { OfferState, rewardText } from './OffersCard';
import { type VerifierMove, verifierRequest } from './requests';
import { aWeekFromNow } from './time';

export function VerifierQueue({ commons, onRequest }: { commons: CommonsView; onRequest: (request: SigningRequest) => void }) {
  const tasks = verifierTasks(commons);
  const draft = usePreflightedDraft(commons, onRequest);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  if (tasks.length === 0)
    return (
      <Card title="Verifiers’ queue">
        <p className="muted">No offer is waiting for its quest’s verifiers.</p>
      </Card>
    );
  const decide = (task: (typeof tasks)[number], move: VerifierMove, offer: OfferView) =>
    void draft.create(verifierRequest(commons, task.verifiers, move, offer.id, reasons[offer.id] ?? '', aWeekFromNow()));
  return (
    <Card title="Verifiers’ queue" aside={<span className="muted">Decided by each quest’s verifiers, under their quorum</span>}>
      {tasks.map((task) => (
        <section key={task.quest.id} className="stack" data-testid="verifier-task" data-quest={task.quest.id}>
          <h3 className="small">
            {task.quest.title} — {task.verifiers.name}
          </h3>
          <p className="muted small" data-testid="verifier-quorum">
            {quorumWords(commons, task.verifiers, false)}
          </p>
          <ul className="plain-list">
            {task.offers.map((offer) => (
              <li key={offer.id} className="vault" data-testid="queued-offer" data-offer={offer.id}>
                <div className="vault-head">
                  <strong className="mono">{offer.id}</strong> <OfferState offer={offer} /> by {memberName(commons, offer.member)} · <span className="small">{rewardText(offer)}</span>
                </div>
                <p className="small">{offer.deliverable}</p>
                <div className="actions">
                  {offer.state === 'open' && (
                    <button type="button" disabled={draft.checking} onClick={() => decide(task, 'offer.accept', offer)}>
                      Accept {offer.id}
                    </button>
                  )}
                  {offer.state === 'submitted' && (
                    <button type="button" disabled={draft.checking} onClick={() => decide(task, 'offer.complete', offer)}>
                      Complete {offer.id}
                    </button>
                  )}
                  <input
                    value={reasons[offer.id] ?? ''}
                    onChange={(e) => setReasons({ ...reasons, [offer.id]: e.target.value })}
                    aria-label={`Why ${offer.id} fails`}
                    placeholder="Why it fails"
                    maxLength={500}
                  />
                  <button type="button" disabled={draft.checking} onClick={() => decide(task, 'offer.fail', offer)}>
                    Fail {offer.id}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <DraftNotices draft={draft} />
    </Card>
  );
}
