/**
 * One member, one vote, anonymously (SPEC §7), on a registered proposal of a kind that concerns
 * all members alike: the member proves membership in zero knowledge against the member tree as it
 * stood when the proposal was created (its recorded root: no one enrolled or removed since changes
 * the electorate), with the proposal's id as the nullifier's scope and the choice bound in. The
 * ledger counts the ballot and refuses a second one from the same member without learning who.
 * Running tallies stay hidden until the vote closes; the count of ballots shows.
 */
import { useState } from 'react';
import { type ProposalView, type Support } from '../../shared/commons/governance';
import { type Action } from '../../shared/commons/log';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type Hex } from '../../shared/crypto/canonical';
import { CHOICE_CODE } from '../../shared/zk/field';
import { useApi } from '../app/api/client';
import { refusedByRules } from '../sign/refusal';
import { ErrorNotice } from '../ui/components';
import { type ShownError } from '../ui/describe-error';
import { TaskProgressBar } from '../ui/TaskProgress';
import { useLatestTask } from '../ui/useLatestTask';
import { aWeekFromNow } from '../impact/time';

/** The words SPEC §7 asks the UI to say plainly. */
export const ANONYMITY_WORDS =
  'Ballots are anonymous: nobody, the stewards included, can tell which member cast one. But a member could still prove how they voted, to anyone they choose (they hold the secret the ballot was proved with), so anonymity does not stop a vote from being bought or coerced.';

/** The member tree's leaves when the proposal was created: the first `members` of today's (enrolment only appends). */
export const electorateLeaves = (commons: Pick<CommonsView, 'memberLeaves'>, proposal: Pick<ProposalView, 'anonymous'>): string[] =>
  commons.memberLeaves.slice(0, proposal.anonymous?.members ?? commons.memberLeaves.length);

/**
 * The ballots counted and, once the vote closed, the result. A version-1 Commons (the Demo Commons)
 * counts an anonymous ballot by its proposal id only, in the ballots module's tally, and not in the
 * registered proposal's: the larger count is the one the ledger holds.
 */
export function anonymousCounts(commons: Pick<CommonsView, 'ballots'>, proposal: Pick<ProposalView, 'id' | 'anonymous'>) {
  const legacy = commons.ballots[proposal.id] ?? commons.ballots[proposal.id.toLowerCase()];
  const legacyCount = legacy ? legacy.yes + legacy.no + legacy.abstain : 0;
  const registered = proposal.anonymous?.ballots ?? 0;
  if (legacyCount <= registered) return { ballots: registered, tally: proposal.anonymous?.tally ?? null };
  return { ballots: legacyCount, tally: proposal.anonymous?.tally ? legacy! : null };
}

export function AnonymousBallot({ commons, proposal, demo, open, onCast }: { commons: CommonsView; proposal: ProposalView; demo: boolean; open: boolean; onCast: () => void }) {
  const api = useApi();
  const [choice, setChoice] = useState<Support>('yes');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [cast, setCast] = useState<string | null>(null);
  const task = useLatestTask('Proving membership anonymously');
  const anonymous = proposal.anonymous;
  const counts = anonymousCounts(commons, proposal);

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
      const proved = await api.call('identity.proveMembership', { leaves: electorateLeaves(commons, proposal), scope: proposal.id as Hex, message: String(CHOICE_CODE[choice]) });
      if (!proved.ok) return setError(proved.error);
      const action: Action = {
        kind: 'ballot.anonymous',
        vault: commons.treasury.toLowerCase(),
        nonce: 0,
        validUntil: aWeekFromNow(),
        payload: { proposal: proposal.id as Hex, choice, root: proved.value.root, nullifier: proved.value.nullifier, publicSignals: proved.value.publicSignals, proof: proved.value.proof },
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
    <div className="stack" data-testid="anonymous-ballot">
      <p className="small" data-testid="anonymity-words">
        {ANONYMITY_WORDS}
      </p>
      {anonymous && (
        <p className="small" data-testid="ballots-counted">
          {counts.ballots} ballot{counts.ballots === 1 ? '' : 's'} counted of {anonymous.members} members at creation (quorum {anonymous.quorum}).{' '}
          {counts.tally ? `Result: ${counts.tally.yes} yes, ${counts.tally.no} no, ${counts.tally.abstain} abstain.` : 'How they voted stays hidden until the vote closes.'}
        </p>
      )}
      {open && (
        <>
          <div className="form-grid">
            <label>
              Your choice
              <select value={choice} onChange={(e) => setChoice(e.target.value as Support)} aria-label="Your choice">
                <option value="yes">Yes</option>
                <option value="no">No</option>
                <option value="abstain">Abstain</option>
              </select>
            </label>
          </div>
          <div className="actions">
            <button type="button" onClick={() => void vote()} disabled={busy}>
              Cast anonymous ballot
            </button>
          </div>
        </>
      )}
      {busy && task?.state === 'running' && <TaskProgressBar progress={task} />}
      {error && <ErrorNotice error={error} />}
      {cast && (
        <p className="notice notice-ok" role="status" data-testid="ballot-cast">
          {cast}
        </p>
      )}
    </div>
  );
}
