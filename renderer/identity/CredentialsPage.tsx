/**
 * "Prove my faction", "prove my tier": a presentation file made from this machine's identity and
 * the credential tree of the verified ledger; and the other side, verifying one a member sent.
 */
import { useState } from 'react';
import { bytesToHex } from '@noble/hashes/utils.js';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type AppError } from '../../shared/contract/errors';
import { useApi } from '../app/api/client';
import { commonsVerifier } from '../ledger/zk-verifier';
import { Badge, Card, ErrorNotice } from '../ui/components';
import { TaskProgressBar } from '../ui/TaskProgress';
import { useLatestTask } from '../ui/useLatestTask';
import { type Presentation, claimWords, credentialLeaves, parsePresentation, verifyPresentation } from '../../shared/zk/presentation';
import { saveJsonFile } from '../ui/save-file';
import { FACTION_NAMES, TIER_NAMES } from '../../shared/zk/field';

const FACTIONS = ['(do not disclose)', ...FACTION_NAMES];

const freshScope = (): `0x${string}` => `0x${bytesToHex(crypto.getRandomValues(new Uint8Array(32)))}`;

export function CredentialsPage({ commons }: { commons: CommonsView }) {
  return (
    <div className="credentials">
      <Present commons={commons} />
      <VerifyPresentation commons={commons} />
    </div>
  );
}

function Present({ commons }: { commons: CommonsView }) {
  const api = useApi();
  const [faction, setFaction] = useState(0);
  const [minTier, setMinTier] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [made, setMade] = useState<Presentation | null>(null);
  const task = useLatestTask('Proving your credential');

  const prove = async () => {
    setBusy(true);
    setError(null);
    setMade(null);
    const scope = freshScope();
    const answer = await api.call('identity.proveCredential', { leaves: credentialLeaves(commons), faction, minTier, scope, message: '0' });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    const presentation: Presentation = {
      format: 'c3-presentation/1',
      commons: { id: commons.commonsId.toLowerCase() as `0x${string}`, name: commons.name },
      claim: { faction, minTier },
      scope,
      message: '0',
      root: answer.value.root,
      nullifier: answer.value.nullifier,
      publicSignals: answer.value.publicSignals,
      proof: answer.value.proof,
      height: commons.height,
    };
    setMade(presentation);
    saveJsonFile(`c3-presentation-${Date.now()}.json`, presentation);
  };

  return (
    <Card title="Prove a credential">
      <p>Show that you are a member of {commons.name} in a faction, or of a tier, without showing who you are. The file you share proves only the claim.</p>
      <div className="form-grid">
        <label>
          Faction to prove
          <select value={faction} onChange={(e) => setFaction(Number(e.target.value))} aria-label="Faction to prove">
            {FACTIONS.map((f, i) => (
              <option key={f} value={i}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tier at least
          <select value={minTier} onChange={(e) => setMinTier(Number(e.target.value))} aria-label="Tier at least">
            {TIER_NAMES.map((t, i) => (
              <option key={t} value={i}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="actions">
        <button type="button" onClick={() => void prove()} disabled={busy}>
          Prove and save the presentation
        </button>
      </div>
      {busy && task?.state === 'running' && <TaskProgressBar progress={task} />}
      {error && <ErrorNotice error={error} onRetry={() => void prove()} />}
      {made && (
        <p role="status" data-testid="presentation-made">
          Saved a presentation proving you are {claimWords(made.claim, made.commons.name)}.
        </p>
      )}
    </Card>
  );
}

function VerifyPresentation({ commons }: { commons: CommonsView }) {
  const [verdict, setVerdict] = useState<{ ok: boolean; words: string } | null>(null);
  const open = async (file: File | undefined) => {
    if (!file) return;
    const parsed = parsePresentation(await file.text());
    if (!parsed.ok) return setVerdict({ ok: false, words: parsed.error });
    const result = verifyPresentation(parsed.value, commons, commonsVerifier());
    setVerdict(result.ok ? { ok: true, words: `Valid: the holder is ${result.value}.` } : { ok: false, words: `Not valid: ${result.error}` });
  };
  return (
    <Card title="Verify a presentation">
      <label className="file-pick">
        Open a presentation (.json) a member sent you
        <input type="file" accept=".json,application/json" data-testid="open-presentation" onChange={(e) => void open(e.target.files?.[0])} />
      </label>
      {verdict && (
        <p className={verdict.ok ? 'notice notice-ok' : 'notice notice-error'} role="status" data-testid="presentation-verdict">
          {verdict.ok ? <Badge tone="ok">verified</Badge> : <Badge tone="warn">refused</Badge>} {verdict.words}
        </p>
      )}
    </Card>
  );
}
