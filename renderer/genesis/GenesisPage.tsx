/**
 * The genesis wizard (issue 16; SPEC §3, §4, §11): the stewards of a new Commons choose its name,
 * its stewards (the treasury's signers, who seal every entry) from devices connected here or from
 * co-signer files, how many must seal, its first attestors and its parameters (SPEC §4's bounds
 * checked as they are typed). The main process drafts entry 0 with this app's verification keys,
 * refusing what the ledger would refuse; each steward signs it on their device, the entry digest
 * shown for comparison; main verifies and stores it as the Commons' first entry, and answers the
 * invite file that members open to join.
 */
import { useMemo, useState } from 'react';
import { type ResponseOf } from '../../shared/contract/define';
import { type Channels } from '../../shared/contract/channels';
import { type AppError } from '../../shared/contract/errors';
import { DEFAULT_PARAMS_V2 } from '../../shared/commons/params/defaults';
import { checkParamBounds } from '../../shared/commons/params/bounds';
import { withSequencerSignatures } from '../../shared/stewards/genesis';
import { useApi } from '../app/api/client';
import { useWorkspace } from '../app/workspace';
import { useHashPath } from '../app/router';
import { Card, EmulatedBadge, ErrorNotice, Loading } from '../ui/components';
import { saveTextFile } from '../ui/save-file';
import { useDevices } from '../devices/useDevices';
import { AddFromCosignerFile, AddFromDevice, type ListedKey } from './AddKey';
import { StewardSignRow } from './StewardSignRow';
import { paramFields, paramsFrom, thresholdTradeOff } from './words';

type Draft = ResponseOf<Channels, 'genesis.draft'>;
type Created = ResponseOf<Channels, 'genesis.create'>;

/** A fresh salt per wizard: two Commons of one name are still two Commons. */
const newSalt = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

export function GenesisPage() {
  const api = useApi();
  const { devices, prompts } = useDevices();
  const { workspace, choose } = useWorkspace();
  const [, navigate] = useHashPath();
  // The member's own workspace holds the new Commons; its dashboard shows it.
  const openCommons = () => {
    navigate('/vault');
    if (workspace !== 'real') choose('real');
  };
  const [salt] = useState(newSalt);
  const [name, setName] = useState('');
  const [stewards, setStewards] = useState<ListedKey[]>([]);
  const [threshold, setThreshold] = useState(1);
  const [attestors, setAttestors] = useState<ListedKey[]>([]);
  const [paramValues, setParamValues] = useState<Record<string, string>>({});
  const [draft, setDraft] = useState<Draft | null>(null);
  const [signatures, setSignatures] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<Created | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const fields = useMemo(() => paramFields(DEFAULT_PARAMS_V2), []);
  const params = paramsFrom(DEFAULT_PARAMS_V2, paramValues);
  const bounds = params.ok ? checkParamBounds(params.params) : null;
  const paramProblem = !params.ok ? `${params.field} must be a whole number.` : bounds && !bounds.ok ? bounds.error.message : null;
  const duplicate = new Set(stewards.map((s) => s.address)).size !== stewards.length;
  const ready = name.trim() !== '' && stewards.length > 0 && threshold >= 1 && threshold <= stewards.length && !duplicate && paramProblem === null;

  // Any change after the draft makes it stale: the stewards would be signing another genesis.
  const edit = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setDraft(null);
    setSignatures({});
  };

  const review = async () => {
    if (!ready || !params.ok) return;
    setBusy(true);
    setError(null);
    const answer = await api.call('genesis.draft', {
      name: name.trim(),
      salt,
      stewards: stewards.map(({ address, device, label, path }) => ({ address, device, label, path })),
      threshold,
      attestors: attestors.map((a) => a.address),
      params: params.params,
    });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setDraft(answer.value);
    setSignatures({});
  };

  const create = async () => {
    if (!draft) return;
    setBusy(true);
    setError(null);
    const entry = withSequencerSignatures(draft.entry, Object.entries(signatures).map(([signer, sig]) => ({ signer, sig })));
    const answer = await api.call('genesis.create', { entry });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setCreated(answer.value);
  };

  const saveLedger = async (commonsId: `0x${string}`) => {
    const answer = await api.call('ledger.export', { workspace: 'real', commonsId });
    if (!answer.ok) return setError(answer.error);
    saveTextFile(answer.value.fileName, answer.value.text, 'application/jsonl');
  };

  // A new Commons lives in the member's own workspace, never beside the demo's (whose devices' keys are public).
  if (workspace !== 'real') {
    return (
      <Card title="Start a Commons in your own workspace">
        <p data-testid="genesis-needs-own-workspace">
          A new Commons is created in your own workspace, signed by the stewards’ own devices; the Demo Commons and its emulated devices stay apart from it.
        </p>
        <button type="button" onClick={() => choose('real')}>
          Open my own workspace
        </button>
      </Card>
    );
  }

  if (created) {
    return (
      <Card title={`${created.name} is created`}>
        <p data-testid="genesis-created">
          Its first entry is verified and stored in your own workspace. Hand members the invite file and the ledger file: their app checks that the ledger’s genesis is the invite’s
          before it stores anything.
        </p>
        <dl className="facts">
          <dt>Commons id</dt>
          <dd className="mono small" data-testid="created-commons-id">
            {created.commonsId}
          </dd>
          <dt>Genesis hash</dt>
          <dd className="mono small" data-testid="created-genesis-hash">
            {created.genesisHash}
          </dd>
        </dl>
        <div className="actions">
          <button type="button" onClick={() => saveTextFile(created.fileName, created.inviteText, 'application/json')}>
            Save the invite file
          </button>
          <button type="button" onClick={() => void saveLedger(created.commonsId)}>
            Save the ledger file
          </button>
          <button type="button" onClick={() => openCommons()}>
            Open the Commons
          </button>
        </div>
        {error && <ErrorNotice error={error} />}
      </Card>
    );
  }

  const signedCount = draft ? stewards.filter((s) => signatures[s.address]).length : 0;
  return (
    <div className="genesis" data-testid="genesis-wizard">
      <Card title="1 · The Commons">
        <label>
          Name
          <input aria-label="Commons name" value={name} onChange={(e) => edit(setName)(e.target.value)} maxLength={100} placeholder="e.g. River Valley Co-op" />
        </label>
      </Card>

      <Card title="2 · Stewards">
        <p className="small">The stewards hold the treasury and seal every entry of the ledger on their devices. Add each from a device connected here, or from the co-signer file their app exported.</p>
        <ul className="key-list" aria-label="Stewards">
          {stewards.map((s) => (
            <li key={s.address} data-testid="steward">
              <strong>{s.label}</strong> <span className="mono small">{s.address}</span> <span className="muted small">
                {s.device} · {s.path}
              </span>{' '}
              {s.emulated && <EmulatedBadge />}{' '}
              <button type="button" onClick={() => edit(setStewards)(stewards.filter((x) => x.address !== s.address))} aria-label={`Remove ${s.label}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        {duplicate && <p className="warn-text">A key is named twice: each steward needs a key of their own.</p>}
        <AddFromDevice what="steward" onAdd={(s) => !stewards.some((x) => x.address === s.address) && stewards.length < 15 && edit(setStewards)([...stewards, s])} />
        <AddFromCosignerFile onAdd={(s) => !stewards.some((x) => x.address === s.address) && stewards.length < 15 && edit(setStewards)([...stewards, s])} />
      </Card>

      <Card title="3 · How many must seal">
        <label className="inline">
          Threshold
          <input aria-label="Threshold" type="number" min={1} max={Math.max(1, stewards.length)} value={threshold} onChange={(e) => edit(setThreshold)(Number(e.target.value))} />
          <span>of {stewards.length}</span>
        </label>
        <p data-testid="threshold-tradeoff">{thresholdTradeOff(threshold, stewards.length)}</p>
      </Card>

      <Card title="4 · Attestors">
        <p className="small">An attestor signs each new member’s enrolment (SPEC §1). More can be registered later by the treasury.</p>
        <ul className="key-list" aria-label="Attestors">
          {attestors.map((a) => (
            <li key={a.address} data-testid="attestor">
              <strong>{a.label}</strong> <span className="mono small">{a.address}</span> {a.emulated && <EmulatedBadge />}{' '}
              <button type="button" onClick={() => edit(setAttestors)(attestors.filter((x) => x.address !== a.address))} aria-label={`Remove ${a.label}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        <AddFromDevice what="attestor" onAdd={(a) => !attestors.some((x) => x.address === a.address) && edit(setAttestors)([...attestors, a])} />
      </Card>

      <Card title="5 · Parameters">
        <p className="small">The defaults of SPEC.md, shown as they will be written. They change later only by a governance vote (SPEC §7); SPEC §4’s bounds are checked as you type.</p>
        <details>
          <summary>Show the {fields.length} parameters</summary>
          <div className="param-grid">
            {fields.map((field) => (
              <label key={field.name} className="inline small">
                <span className="mono">{field.name}</span>
                <input aria-label={`Parameter ${field.name}`} inputMode="numeric" value={paramValues[field.name] ?? field.value} onChange={(e) => edit(setParamValues)({ ...paramValues, [field.name]: e.target.value })} />
              </label>
            ))}
          </div>
        </details>
        {paramProblem && (
          <p className="notice notice-error" role="alert" data-testid="param-problem">
            {paramProblem}
          </p>
        )}
      </Card>

      <Card title="6 · Review and sign">
        <button type="button" onClick={() => void review()} disabled={!ready || busy}>
          Review the genesis
        </button>
        {busy && <Loading label="Asking the ledger service…" />}
        {error && <ErrorNotice error={error} />}
        {draft && (
          <>
            <dl className="facts">
              <dt>Commons id</dt>
              <dd className="mono small" data-testid="draft-commons-id">
                {draft.commonsId}
              </dd>
              <dt>Entry digest</dt>
              <dd className="mono small" data-testid="genesis-digest">
                {draft.digest}
              </dd>
              <dt>Verification keys (SHA-256)</dt>
              <dd className="mono small" data-testid="zk-keys">
                identity {draft.zkKeys.identity}
                <br />
                membership {draft.zkKeys.membership}
                <br />
                credential {draft.zkKeys.credential}
              </dd>
            </dl>
            <p className="small">
              Members’ apps refuse this Commons if their verification keys differ, so no proof is ever checked under other keys. Each steward now signs the entry digest on their device and compares it with the device’s screen.
            </p>
            <ul className="signer-list">
              {stewards.map((steward) => (
                <StewardSignRow
                  key={steward.address}
                  commonsId={draft.commonsId}
                  entry={draft.entry}
                  steward={steward}
                  signature={signatures[steward.address] ?? null}
                  devices={devices ?? []}
                  prompts={prompts}
                  onSigned={(sig) => setSignatures((now) => ({ ...now, [steward.address]: sig }))}
                />
              ))}
            </ul>
            <p data-testid="genesis-signed-count">
              {signedCount} of the {threshold} signatures needed.
            </p>
            <button type="button" onClick={() => void create()} disabled={busy || signedCount < threshold}>
              Create the Commons
            </button>
          </>
        )}
      </Card>
    </div>
  );
}
