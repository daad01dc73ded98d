/**
 * One member, one vote, anonymously (SPEC §7): for proposals that concern all members alike, a
 * member proves membership in zero knowledge with the proposal as scope and the choice bound in;
 * the ledger counts the ballot and refuses a second one from the same member, without learning who.
 * Proposals themselves (kinds, quorums, timelocks) come with faction governance; a ballot here is
 * scoped to the proposal's id.
 */
import { useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type Action } from '../../shared/commons/log';
import { canonicalHash, type Hex } from '../../shared/crypto/canonical';
import { CHOICE_CODE, fieldId } from '../../shared/zk/field';
import { useApi } from '../app/api/client';
import { BarChart } from '../ui/BarChart';
import { Card, ErrorNotice } from '../ui/components';
import { TaskProgressBar } from '../ui/TaskProgress';
import { useLatestTask } from '../ui/useLatestTask';
import { type ShownError } from '../ui/describe-error';
import { refusedByRules } from '../sign/refusal';

const WEEK = 7 * 24 * 3600;
type Choice = keyof typeof CHOICE_CODE;

/** A proposal's id: the hash of its title, reduced into the circuits' field (the one form the ledger accepts for a ballot's scope). */
export const proposalId = (title: string): Hex => fieldId(canonicalHash({ proposal: title.trim() }));

export function GovernancePage({ commons, demo, onCast }: { commons: CommonsView; demo: boolean; onCast: () => void }) {
  const api = useApi();
  const [title, setTitle] = useState('Share the second-quarter loss of the bakery equally among all members');
  const [choice, setChoice] = useState<Choice>('yes');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [cast, setCast] = useState<string | null>(null);
  const task = useLatestTask('Proving membership anonymously');
  const id = proposalId(title);
  const tally = commons.ballots[id];

  const vote = async () => {
    setBusy(true);
    setError(null);
    setCast(null);
    try {
      if (!demo) {
        return setError({
          kind: 'NoSequencer',
          message: 'Ballots reach your Commons through its stewards’ sequencer, which this build cannot reach yet.',
          nextStep: 'Use the Demo Commons to try anonymous voting.',
        });
      }
      const proved = await api.call('identity.proveMembership', { leaves: commons.memberLeaves, scope: id, message: String(CHOICE_CODE[choice]) });
      if (!proved.ok) return setError(proved.error);
      const action: Action = {
        kind: 'ballot.anonymous',
        vault: commons.treasury.toLowerCase(),
        nonce: 0,
        validUntil: Math.floor(Date.now() / 1000) + WEEK,
        payload: { proposal: id, choice, root: proved.value.root, nullifier: proved.value.nullifier, publicSignals: proved.value.publicSignals, proof: proved.value.proof },
        sigs: [],
      };
      const submitted = await api.call('demo.submit', { action });
      // A ballot the rules refuse is the member's (one ballot per proposal), not a ledger that did not verify.
      if (!submitted.ok) return setError(refusedByRules(submitted.error, 'your ballot'));
      setCast(`Your ballot (${choice}) was counted in entry ${submitted.value.seq}. Nobody, the stewards included, can tell it was yours.`);
      onCast();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="governance">
      <Card title="Anonymous ballot — one member, one vote">
        <div className="form-grid">
          <label>
            Proposal
            <input value={title} onChange={(e) => setTitle(e.target.value)} aria-label="Proposal" />
          </label>
          <label>
            Your choice
            <select value={choice} onChange={(e) => setChoice(e.target.value as Choice)} aria-label="Your choice">
              <option value="yes">Yes</option>
              <option value="no">No</option>
              <option value="abstain">Abstain</option>
            </select>
          </label>
        </div>
        <p className="muted small mono">Proposal id {id}</p>
        <div className="actions">
          <button type="button" onClick={() => void vote()} disabled={busy || !title.trim()}>
            Cast anonymous ballot
          </button>
        </div>
        {busy && task?.state === 'running' && <TaskProgressBar progress={task} />}
        {error && <ErrorNotice error={error} />}
        {cast && (
          <p className="notice notice-ok" role="status" data-testid="ballot-cast">
            {cast}
          </p>
        )}
      </Card>
      <Card title="Tally">
        {tally ? (
          <div data-testid="tally">
            <BarChart
              title="Ballots per choice"
              bars={(['yes', 'no', 'abstain'] as const).map((c) => ({ label: c, value: BigInt(tally[c]), display: `${tally[c]} ballot${tally[c] === 1 ? '' : 's'}` }))}
            />
          </div>
        ) : (
          <p className="muted">No ballots on this proposal yet.</p>
        )}
      </Card>
    </div>
  );
}
