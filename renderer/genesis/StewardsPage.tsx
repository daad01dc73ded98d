/**
 * The stewards' sequencing (issue 16; SPEC §11): an inbox of signed actions received as signing
 * request files or QR, each run by the main process against the Commons' current verified state,
 * in order, signatures and all (`stewards.checkBatch`); a refused one is said in words and left
 * out. The accepted ones make the next entry, whose digest each steward compares with their
 * device as they seal it; once the treasury's quorum has signed, main verifies and stores it
 * (`stewards.seal`), and the stewards export the update file members import.
 */
import { useEffect, useMemo, useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type ResponseOf } from '../../shared/contract/define';
import { type Channels } from '../../shared/contract/channels';
import { type AppError } from '../../shared/contract/errors';
import { type Action } from '../../shared/commons/log';
import { type Hex } from '../../shared/crypto/canonical';
import { describeAction } from '../../shared/quorum/describe';
import { type SigningRequest, ledgerActionOf, parseRequestFile } from '../../shared/quorum/request';
import { withSequencerSignatures } from '../../shared/stewards/genesis';
import { useApi } from '../app/api/client';
import { Badge, Card, ErrorNotice, Loading } from '../ui/components';
import { describeError } from '../ui/describe-error';
import { saveTextFile } from '../ui/save-file';
import { useDevices } from '../devices/useDevices';
import { ActionSentence } from '../sign/ActionSentence';
import { ScanQr } from '../sign/qr/ScanQr';
import { StewardSignRow } from './StewardSignRow';

type Checked = ResponseOf<Channels, 'stewards.checkBatch'>;

interface InboxItem {
  readonly id: string;
  readonly source: string;
  readonly request: SigningRequest;
}

let counter = 0;

export function StewardsPage({ commons }: { commons: CommonsView }) {
  const api = useApi();
  const { devices, prompts } = useDevices();
  const [inbox, setInbox] = useState<InboxItem[]>([]);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [checking, setChecking] = useState(false);
  const [signatures, setSignatures] = useState<Record<string, string>>({});
  const [sealed, setSealed] = useState<{ seq: number; headHash: string } | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [fromSeq, setFromSeq] = useState(String(Math.max(0, commons.height - 1)));
  const treasury = commons.vaults.find((v) => v.address === commons.treasury);
  // The view's id, which main folded from the verified genesis.
  const commonsId = commons.commonsId as Hex;

  // Only actions of this Commons go to main; another Commons' request is said so here.
  const ours = useMemo(() => inbox.filter((item) => item.request.commonsId === commons.commonsId), [inbox, commons.commonsId]);
  const actions: Action[] = useMemo(() => ours.map((item) => ledgerActionOf(item.request, item.request.signatures.map((s) => s.signer))), [ours]);

  // Every change of the inbox or of the head runs the batch again against the current state.
  useEffect(() => {
    setSignatures({});
    if (actions.length === 0) return setChecked(null);
    let live = true;
    setChecking(true);
    void api.call('stewards.checkBatch', { commonsId, actions }).then((answer) => {
      if (!live) return;
      setChecking(false);
      if (!answer.ok) return setError(answer.error);
      setError(null);
      setChecked(answer.value);
    });
    return () => {
      live = false;
    };
  }, [api, actions, commonsId, commons.height]);

  const add = (request: SigningRequest, source: string) => {
    setSealed(null);
    setInbox((now) => [...now, { id: `item-${++counter}`, source, request }]);
  };

  const onFiles = async (files: FileList | null) => {
    setProblem(null);
    for (const file of Array.from(files ?? [])) {
      const parsed = parseRequestFile(await file.text());
      if (!parsed.ok) setProblem(`${file.name}: ${parsed.error}`);
      else add(parsed.value, file.name);
    }
  };

  const verdictOf = (item: InboxItem) => (checked ? checked.verdicts[ours.indexOf(item)] : undefined);
  const entry = checked?.entry ?? null;
  const signed = treasury ? treasury.signers.filter((s) => signatures[s.address]).length : 0;

  const seal = async () => {
    if (!entry) return;
    setError(null);
    const sealedEntry = withSequencerSignatures(entry, Object.entries(signatures).map(([signer, sig]) => ({ signer, sig })));
    const answer = await api.call('stewards.seal', { commonsId, entry: sealedEntry });
    if (!answer.ok) return setError(answer.error);
    // The sealed actions leave the inbox; refused ones stay, with their reasons, until removed.
    setInbox((now) => now.filter((item) => item.request.commonsId === commons.commonsId && verdictOf(item)?.accepted !== true));
    setSealed({ seq: answer.value.seq, headHash: answer.value.headHash });
    setFromSeq(String(answer.value.seq));
  };

  const exportUpdate = async (from: number) => {
    const answer = await api.call('ledger.exportUpdate', { workspace: 'real', commonsId, fromSeq: from });
    if (!answer.ok) return setError(answer.error);
    saveTextFile(answer.value.fileName, answer.value.text, 'application/jsonl');
  };

  if (commons.demo) {
    return (
      <Card title="Stewards">
        <p>The Demo Commons is sequenced by its built-in stewards. Open your own Commons (Settings) to sequence its entries with your devices.</p>
      </Card>
    );
  }

  return (
    <div className="stewards" data-testid="stewards-page">
      <Card title="Inbox">
        <p className="small">
          Signed actions reach the stewards as signing request files or QR codes. Each is run against the ledger’s current state (entry {commons.height - 1}), in order, with
          its signatures: refused ones are explained and never sealed.
        </p>
        <div className="actions">
          <label className="file-pick">
            Add signed requests (files)
            <input type="file" multiple accept=".json,application/json" data-testid="inbox-files" onChange={(e) => void onFiles(e.target.files)} />
          </label>
        </div>
        <details>
          <summary>Scan a request’s QR code</summary>
          <ScanQr testId="inbox-qr" onRequest={(request) => add(request, 'QR code')} />
        </details>
        {problem && (
          <p className="notice notice-error" role="alert">
            {problem}
          </p>
        )}
        {checking && <Loading label="Running the inbox against the current state…" />}
        <ol className="inbox" aria-label="Inbox">
          {inbox.map((item) => {
            const foreign = item.request.commonsId !== commons.commonsId;
            const verdict = verdictOf(item);
            const refusal = verdict && !verdict.accepted ? describeError(verdict.refusal) : null;
            return (
              <li key={item.id} data-testid="inbox-item" data-verdict={foreign ? 'foreign' : verdict ? (verdict.accepted ? 'accepted' : 'refused') : 'pending'}>
                <ActionSentence words={describeAction(commons, item.request.action)} />
                <p className="muted small">
                  From {item.source} · nonce {item.request.action.nonce} · {item.request.signatures.length} signature{item.request.signatures.length === 1 ? '' : 's'}
                </p>
                {foreign ? (
                  <p className="notice notice-error">This request is for another Commons ({item.request.commonsId}); it is not run here.</p>
                ) : verdict?.accepted ? (
                  <Badge tone="ok">accepted for entry {entry?.seq}</Badge>
                ) : refusal ? (
                  <div className="notice notice-error" data-testid="inbox-refusal">
                    <strong>Refused, not sealed: {refusal.title}</strong>
                    <p>{refusal.detail}</p>
                  </div>
                ) : null}
                <button type="button" onClick={() => setInbox((now) => now.filter((x) => x.id !== item.id))}>
                  Remove
                </button>
              </li>
            );
          })}
        </ol>
        {inbox.length === 0 && <p className="muted">The inbox is empty.</p>}
      </Card>

      <Card title="Seal the next entry">
        {!entry || !treasury ? (
          <p className="muted">Nothing to seal: no action in the inbox is accepted by the current state.</p>
        ) : (
          <>
            <dl className="facts">
              <dt>Entry</dt>
              <dd data-testid="seal-seq">{entry.seq}</dd>
              <dt>Actions</dt>
              <dd>{entry.actions.length}</dd>
              <dt>Entry digest</dt>
              <dd className="mono small" data-testid="seal-digest">
                {checked?.digest}
              </dd>
            </dl>
            <p className="small">Each steward compares this digest with what their device shows before approving. {treasury.threshold} of the treasury’s {treasury.signers.length} must sign.</p>
            <ul className="signer-list">
              {treasury.signers.map((steward) => (
                <StewardSignRow
                  key={steward.address}
                  commonsId={commonsId}
                  entry={entry}
                  steward={steward}
                  signature={signatures[steward.address] ?? null}
                  devices={devices ?? []}
                  prompts={prompts}
                  onSigned={(sig) => setSignatures((now) => ({ ...now, [steward.address]: sig }))}
                />
              ))}
            </ul>
            <button type="button" onClick={() => void seal()} disabled={signed < treasury.threshold}>
              Seal entry {entry.seq}
            </button>
          </>
        )}
        {sealed && (
          <p role="status" data-testid="sealed">
            Sealed and stored as entry {sealed.seq} ({sealed.headHash}).
          </p>
        )}
        {error && <ErrorNotice error={error} />}
      </Card>

      <Card title="Update file for members">
        <p className="small">The entries from a height to the head, for members’ apps to verify and import after what they hold.</p>
        <div className="actions">
          <label className="inline">
            From entry
            <input aria-label="Export from entry" inputMode="numeric" value={fromSeq} onChange={(e) => setFromSeq(e.target.value)} />
          </label>
          <button type="button" onClick={() => void exportUpdate(Number(fromSeq))} disabled={!/^\d+$/.test(fromSeq) || Number(fromSeq) >= commons.height}>
            Export update
          </button>
        </div>
      </Card>
    </div>
  );
}
