/**
 * One proposal (SPEC §7): its state and what comes next (a countdown to the vote's start or end,
 * the timelock, the execution window), what it does once executed, the member's snapshot balance,
 * the tallies against quorum and threshold, and what the member may do now: burn to vote, cast an
 * anonymous ballot, cancel it while pending (its author), or execute it once its timelock is over
 * (anyone). Signed actions go through the signing-request flow; execution needs no signature (the
 * proposal authorises it) and is pre-flighted, then relayed to the stewards.
 */
import { useState } from 'react';
import { type ProposalView } from '../../shared/commons/governance';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { type Hex } from '../../shared/crypto/canonical';
import { type SigningRequest } from '../../shared/quorum/request';
import { useApi } from '../app/api/client';
import { aWeekFromNow } from '../impact/time';
import { refusedByRules } from '../sign/refusal';
import { DraftNotices } from '../sign/DraftNotices';
import { usePreflightedDraft } from '../sign/usePreflightedDraft';
import { useVerifiedLedger } from '../sign/verified-ledger';
import { Badge, ErrorNotice } from '../ui/components';
import { type ShownError } from '../ui/describe-error';
import { AnonymousBallot } from './AnonymousBallot';
import { BurnVote } from './BurnVote';
import { effectWords } from './effect';
import { KIND_WORDS, ROLE_TOKEN, STATE_WORDS, memberName, nextStep, ownerOf, snapshotHolding, stateAt, tallyFigures, tokens, when } from './figures';
import { proposalCancelRequest, executeAction } from './requests';
import { TallyChart } from './TallyChart';

export interface ProposalCardProps {
  readonly commons: CommonsView;
  readonly proposal: ProposalView;
  /** The member's vault the page acts from. */
  readonly vault: VaultView;
  /** The time the next entry will be sealed at (the demo's clock, or now): what the rules are checked at. */
  readonly now: number;
  readonly demo: boolean;
  readonly onRequest: (request: SigningRequest) => void;
  readonly onSequenced: () => void;
}

export function ProposalCard({ commons, proposal, vault, now, demo, onRequest, onSequenced }: ProposalCardProps) {
  const state = stateAt(proposal, now);
  const step = nextStep(proposal, now);
  const member = ownerOf(vault);
  const holding = snapshotHolding(proposal, member);
  const cancel = usePreflightedDraft(commons, onRequest);
  const isAuthor = proposal.authorVault.toLowerCase() === vault.address.toLowerCase();
  return (
    <article className="vault stack" data-testid="proposal" data-proposal={proposal.id} data-state={state}>
      <div className="vault-head">
        <strong data-testid="proposal-title">{proposal.title}</strong>{' '}
        <Badge tone={state === 'executed' || state === 'queued' ? 'ok' : state === 'defeated' || state === 'expired' || state === 'canceled' ? 'warn' : 'neutral'}>
          <span data-testid="proposal-state">{STATE_WORDS[state]}</span>
        </Badge>
      </div>
      <p className="small muted">
        {KIND_WORDS[proposal.kind]} by {memberName(commons, proposal.author)}, created {when(proposal.createdAt)}; voted by{' '}
        {proposal.scope === 'all' ? 'all factions' : proposal.factions.join(', ')}
        {proposal.voting === 'anonymous' ? ', one member one vote' : ', burning PPT or their role token'}. Needs quorum {tokens_bps(proposal.quorumBps)} and {tokens_bps(proposal.thresholdBps)} yes.
      </p>
      {proposal.text && <p className="small">{proposal.text}</p>}
      <p className="small" data-testid="proposal-effect">
        <strong>Once executed:</strong> {effectWords(commons, proposal.effect)}
      </p>
      <p className="small" data-testid="proposal-next" data-at={step.at ?? ''}>
        {step.text}
      </p>
      {proposal.voting === 'burn' && (
        <>
          <p className="small" data-testid="snapshot-balance">
            {holding
              ? `At the snapshot ${vault.name}’s owner held ${['PPT', ...proposal.factions.map((f) => ROLE_TOKEN[f])].map((t) => tokens(holding[t as 'PPT'], t)).join(', ')} (in the ${holding.faction}): the most that may be burned for this proposal.`
              : `${vault.name}’s owner held no voting token when this proposal was created.`}
          </p>
          <TallyChart rows={tallyFigures(proposal)} unit="burned" />
          <p className="small muted">{proposal.ballotsCounted} ballot{proposal.ballotsCounted === 1 ? '' : 's'} counted.</p>
          {state === 'active' && <BurnVote key={vault.address} commons={commons} proposal={proposal} vault={vault} onRequest={onRequest} />}
        </>
      )}
      {proposal.voting === 'anonymous' && <AnonymousBallot key={vault.address} commons={commons} proposal={proposal} demo={demo} open={state === 'active'} onCast={onSequenced} />}
      {state === 'pending' && isAuthor && (
        <div className="actions">
          <button type="button" disabled={cancel.checking} onClick={() => void cancel.create({ ok: true, value: proposalCancelRequest(commons, vault, proposal.id as Hex, aWeekFromNow()) })}>
            Cancel this proposal
          </button>
        </div>
      )}
      <DraftNotices draft={cancel} />
      {state === 'queued' && now >= proposal.eta && <Execute commons={commons} proposal={proposal} relayer={vault} demo={demo} onSequenced={onSequenced} />}
    </article>
  );
}

const tokens_bps = (bps: number) => `${(bps / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })} %`;

/** Anyone executes a passed proposal once its timelock is over: the effect as voted, pre-flighted (every bound re-checked), then relayed. */
function Execute({ commons, proposal, relayer, demo, onSequenced }: { commons: CommonsView; proposal: ProposalView; relayer: VaultView; demo: boolean; onSequenced: () => void }) {
  const api = useApi();
  const ledger = useVerifiedLedger(commons);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const execute = async () => {
    setBusy(true);
    setError(null);
    try {
      const action = executeAction(proposal, relayer.address, aWeekFromNow());
      const checked = await ledger.check(action, Math.max(commons.time, Math.floor(Date.now() / 1000)));
      if (checked.status === 'refused') return setError({ ...checked.rule, message: `The ledger would refuse this execution, so it was not sent: ${checked.rule.message}` });
      if (checked.status !== 'allowed') return setError({ kind: 'NotChecked', message: 'This app could not check the execution against the Commons’ verified ledger, so it was not sent.' });
      if (!demo) {
        return setError({
          kind: 'NoSequencer',
          message: 'An execution reaches your Commons through its stewards’ sequencer, which this build cannot reach yet.',
          nextStep: 'Use the Demo Commons to try it.',
        });
      }
      const submitted = await api.call('demo.submit', { action });
      if (!submitted.ok) return setError(refusedByRules(submitted.error, 'the execution'));
      setDone(`Executed in entry ${submitted.value.seq}.`);
      onSequenced();
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="stack" data-testid="execute">
      <p className="small">The timelock is over: anyone may execute it, once. The ledger re-checks the payload against what was voted and every bound of SPEC §4 at that moment.</p>
      <div className="actions">
        <button type="button" onClick={() => void execute()} disabled={busy}>
          Execute the proposal
        </button>
      </div>
      {error && <ErrorNotice error={error} />}
      {done && (
        <p className="notice notice-ok" role="status" data-testid="executed">
          {done}
        </p>
      )}
    </div>
  );
}
