/**
 * Burn to vote (SPEC §7): the member chooses a token they held at the proposal's snapshot (PPT, or
 * the role token of a faction in scope), an amount (the ballot's weight) and yes, no or abstain;
 * then a step of its own says that the tokens are burned for good — ballots are final, and only a
 * cancelled proposal re-mints them — before the request is pre-flighted and opened for signing.
 */
import { useState } from 'react';
import { type ProposalView, type Support } from '../../shared/commons/governance';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { type Hex } from '../../shared/crypto/canonical';
import { DECIMALS, formatAmount } from '../../shared/money';
import { type SigningRequest } from '../../shared/quorum/request';
import { DraftNotices } from '../sign/DraftNotices';
import { usePreflightedDraft } from '../sign/usePreflightedDraft';
import { aWeekFromNow } from '../impact/time';
import { type VotingToken, ballotOf, burnableTokens, ownerOf, tokens } from './figures';
import { burnAmount, proposalVoteRequest } from './requests';

interface Confirming {
  readonly token: VotingToken;
  readonly amount: bigint;
  readonly support: Support;
}

export function BurnVote({ commons, proposal, vault, onRequest }: { commons: CommonsView; proposal: ProposalView; vault: VaultView; onRequest: (request: SigningRequest) => void }) {
  const member = ownerOf(vault);
  const burnable = burnableTokens(proposal, member);
  const [token, setToken] = useState<VotingToken | null>(null);
  const [amount, setAmount] = useState('');
  const [support, setSupport] = useState<Support>('yes');
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  // Once the request opens, the step is done: a later vault starts from its own choices.
  const draft = usePreflightedDraft(commons, (request) => (setConfirming(null), setAmount(''), onRequest(request)));
  const cast = ballotOf(proposal, member);

  if (cast) {
    return (
      <p className="small" data-testid="my-ballot">
        You voted <strong>{cast.support}</strong>, burning {tokens(cast.amount, cast.token)} (counted in the {cast.faction}). Ballots are final.
      </p>
    );
  }
  if (burnable.length === 0) {
    return <p className="muted small">{vault.name}’s owner held no PPT and no role token of a faction in scope when this proposal was created, so has nothing to burn for it.</p>;
  }
  const chosen = burnable.find((t) => t.token === token) ?? burnable[0]!;

  const review = () => {
    const parsed = burnAmount(amount, chosen.token, chosen.held);
    if (!parsed.ok) return setProblem(parsed.error);
    setProblem(null);
    setConfirming({ token: chosen.token, amount: parsed.value, support });
  };

  if (confirming) {
    const burned = `${formatAmount(confirming.amount, DECIMALS[confirming.token])} ${confirming.token}`;
    return (
      <div className="notice notice-warn stack" role="alertdialog" aria-label="Confirm the burn" data-testid="burn-confirm">
        <p>
          <strong>This burns your tokens, for good.</strong> Voting <strong>{confirming.support}</strong> burns {burned} from {vault.name}: they leave the supply and are
          not given back when the vote ends, whatever it decides. Ballots are final; only a proposal its author cancels re-mints what was burned for it.
        </p>
        <div className="actions">
          <button type="button" disabled={draft.checking} onClick={() => void draft.create({ ok: true, value: proposalVoteRequest(commons, vault, proposal.id as Hex, confirming.token, confirming.amount, confirming.support, aWeekFromNow()) })}>
            {draft.checking ? 'Checking against the ledger…' : `Burn ${burned} and vote ${confirming.support}`}
          </button>
          <button type="button" onClick={() => (setConfirming(null), draft.reset())}>
            Back
          </button>
        </div>
        <DraftNotices draft={draft} />
      </div>
    );
  }

  return (
    <div className="stack" data-testid="burn-vote">
      <div className="form-grid">
        <label>
          Token to burn
          <select value={chosen.token} onChange={(e) => setToken(e.target.value as VotingToken)} aria-label="Token to burn">
            {burnable.map((t) => (
              <option key={t.token} value={t.token}>
                {t.token} (held at the snapshot: {tokens(t.held, t.token)})
              </option>
            ))}
          </select>
        </label>
        <label>
          Amount to burn ({chosen.token})
          <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" aria-label="Amount to burn" placeholder="0" />
        </label>
        <label>
          Your vote
          <select value={support} onChange={(e) => setSupport(e.target.value as Support)} aria-label="Your vote">
            <option value="yes">Yes</option>
            <option value="no">No</option>
            <option value="abstain">Abstain</option>
          </select>
        </label>
      </div>
      <p className="muted small">
        The weight of your ballot is what you burn, at most what you held when the proposal was created ({tokens(chosen.held, chosen.token)}). One ballot per member.
      </p>
      <div className="actions">
        <button type="button" onClick={review}>
          Review the burn
        </button>
      </div>
      {problem && (
        <p className="notice notice-error" role="alert" data-testid="draft-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
