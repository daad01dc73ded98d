/**
 * Co-signing a Commons action: compose it (or open a request file a co-signer sent), see what
 * every device will show (the action in words, the EIP-712 domain and message hashes), and
 * collect the vault's quorum of hardware signatures, each recovered and checked against the
 * vault's signers before it counts. Every word and hash shown is derived from the verified ledger
 * and the signed action (shared/quorum/), never from names a file carries; a file whose action
 * was changed after someone signed it says so, naming them, and cannot be signed further.
 */
import { useMemo, useState } from 'react';
import { type AppError } from '../../shared/contract/errors';
import { useApi } from '../app/api/client';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { DECIMALS, formatAmount, parseAmount, type CommonsToken } from '../../shared/money';
import { Badge, Card, ErrorNotice } from '../ui/components';
import { useDevices } from '../devices/useDevices';
import { actionHashes } from '../../shared/quorum/action';
import { describeAction } from '../../shared/quorum/describe';
import { encodeRequestFile, ledgerActionOf, parseRequestFile, transferRequest, type SigningRequest } from '../../shared/quorum/request';
import { signatureSentence, validSigners } from '../../shared/quorum/signatures';
import { type Hex } from '../../shared/crypto/canonical';
import { SignerRow } from './SignerRow';
import { ActionSentence } from './ActionSentence';
import { useSignatureChecks } from './useSignatureChecks';
import { saveJsonFile } from '../ui/save-file';

const WEEK = 7 * 24 * 3600;

export function SignPage({ commons, onSequenced }: { commons: CommonsView; /** The demo's stewards sequenced an action: time to sync. */ onSequenced: () => void }) {
  const [request, setRequest] = useState<SigningRequest | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const vault = request ? commons.vaults.find((v) => v.address.toLowerCase() === request.action.vault) : undefined;

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    const parsed = parseRequestFile(await file.text());
    if (!parsed.ok) return setFileError(parsed.error);
    // Names in the file are not signed: say which Commons and vault by what the ledger knows.
    if (parsed.value.commonsId !== commons.commonsId.toLowerCase())
      return setFileError(`This request is for another Commons (id ${parsed.value.commonsId}), not ${commons.name} (id ${commons.commonsId.toLowerCase()}).`);
    if (!commons.vaults.some((v) => v.address.toLowerCase() === parsed.value.action.vault))
      return setFileError(`This request is for ${parsed.value.action.vault}, which is not a vault of ${commons.name}.`);
    setFileError(null);
    setRequest(parsed.value);
  };

  return (
    <div className="sign">
      {!request && (
        <>
          <Compose commons={commons} onCreate={setRequest} />
          <Card title="Co-sign a request from a file">
            <label className="file-pick">
              Open a signing request (.json) that a co-signer sent you
              <input type="file" accept=".json,application/json" data-testid="open-request" onChange={(e) => void openFile(e.target.files?.[0])} />
            </label>
            {fileError && <p className="notice notice-error" role="alert">{fileError}</p>}
          </Card>
        </>
      )}
      {request && vault && <Collect commons={commons} request={request} vault={vault} onChange={setRequest} onClose={() => setRequest(null)} onSequenced={onSequenced} />}
    </div>
  );
}

function Compose({ commons, onCreate }: { commons: CommonsView; onCreate: (r: SigningRequest) => void }) {
  const firstMulti = commons.vaults.find((v) => v.kind === 'member' && v.threshold > 1) ?? commons.vaults[0];
  const [from, setFrom] = useState(firstMulti?.address ?? '');
  const source = commons.vaults.find((v) => v.address === from);
  const targets = commons.vaults.filter((v) => v.address !== from);
  const [to, setTo] = useState('');
  const [token, setToken] = useState<CommonsToken>('CONX');
  const [amount, setAmount] = useState('10');
  const [problem, setProblem] = useState<string | null>(null);
  const held = useMemo(() => (source ? (Object.keys(source.balances) as CommonsToken[]) : []), [source]);

  const create = () => {
    const target = targets.find((v) => v.address === to) ?? targets[0];
    if (!source || !target) return setProblem('Choose the vault to send from and the vault to send to.');
    let minor: bigint;
    try {
      minor = parseAmount(amount, DECIMALS[token]);
    } catch (error) {
      return setProblem(error instanceof Error ? error.message : String(error));
    }
    // The action is valid for a week from now; the ledger refuses it after that.
    const result = transferRequest(commons, source, { token, to: target, amount: minor, validUntil: Math.floor(Date.now() / 1000) + WEEK });
    if (!result.ok) return setProblem(result.error);
    setProblem(null);
    onCreate(result.value);
  };

  return (
    <Card title="New vault action" aside={<span className="muted">Signed by the vault’s quorum on their hardware devices</span>}>
      <div className="form-grid">
        <label>
          From vault
          <select value={from} onChange={(e) => setFrom(e.target.value)} aria-label="From vault">
            {commons.vaults.map((v) => (
              <option key={v.address} value={v.address}>
                {v.name} ({v.threshold}-of-{v.signers.length})
              </option>
            ))}
          </select>
        </label>
        <label>
          To vault
          <select value={to || targets[0]?.address} onChange={(e) => setTo(e.target.value)} aria-label="To vault">
            {targets.map((v) => (
              <option key={v.address} value={v.address}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Token
          <select value={token} onChange={(e) => setToken(e.target.value as CommonsToken)} aria-label="Token">
            {(held.length > 0 ? held : (['CONX'] as CommonsToken[])).map((t) => (
              <option key={t} value={t}>
                {t} (holds {formatAmount(source?.balances[t] ?? 0n, DECIMALS[t], { maxFractionDigits: 2 })})
              </option>
            ))}
          </select>
        </label>
        <label>
          Amount
          <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" aria-label="Amount" />
        </label>
      </div>
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={create}>
          Create signing request
        </button>
      </div>
    </Card>
  );
}

function Collect(props: { commons: CommonsView; request: SigningRequest; vault: VaultView; onChange: (r: SigningRequest) => void; onClose: () => void; onSequenced: () => void }) {
  const { commons, request, vault, onChange, onClose } = props;
  const commonsId = commons.commonsId.toLowerCase() as Hex;
  const api = useApi();
  const devices = useDevices();
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<AppError | null>(null);
  const [sequenced, setSequenced] = useState<number | null>(null);
  const words = useMemo(() => describeAction(commons, request.action), [commons, request]);
  const hashes = useMemo(() => actionHashes(commonsId, request.action), [commonsId, request]);
  const checked = useSignatureChecks(commonsId, vault, request);
  const checks = checked.status === 'done' ? checked.checks : [];
  const valid = validSigners(checks);
  const problems = checks.filter((c) => c.status !== 'valid');
  // A signature over other fields than these means the file was altered after someone signed:
  // nobody signs it further; the signer is named so that the co-signer can ask them.
  const altered = problems.filter((c) => c.status === 'changed-after-signing' || c.status === 'unreadable');
  const need = vault.threshold;
  const have = valid.length;
  const quorum = have >= need && altered.length === 0;

  const save = () => saveJsonFile(`c3-signing-request-${vault.name}-${request.action.nonce}.json`, encodeRequestFile(request));

  // Demo: the Demo Commons' stewards (emulated keys) sequence the action at once. A real Commons'
  // stewards take the request file, now carrying its quorum, and sequence it themselves.
  const submit = async () => {
    setSubmitting(true);
    setSubmitError(null);
    const answer = await api.call('demo.submit', { action: ledgerActionOf(request, valid) });
    setSubmitting(false);
    if (!answer.ok) return setSubmitError(answer.error);
    setSequenced(answer.value.seq);
    props.onSequenced();
  };

  const badge =
    altered.length > 0 ? <Badge tone="warn">changed after signing</Badge> : quorum ? <Badge tone="ok">quorum reached</Badge> : <Badge>{`${have} of ${need} signatures`}</Badge>;
  return (
    <Card title="Signing request" aside={badge}>
      <ActionSentence words={words} />
      <dl className="facts small">
        <dt>Vault</dt>
        <dd>
          {vault.name} · {vault.threshold}-of-{vault.signers.length} · nonce {request.action.nonce}
        </dd>
        <dt>Valid until</dt>
        <dd>{new Date(request.action.validUntil * 1000).toLocaleString()}</dd>
        <dt>Domain hash</dt>
        <dd className="mono" data-testid="domain-hash">
          {hashes.domainHash}
        </dd>
        <dt>Message hash</dt>
        <dd className="mono" data-testid="message-hash">
          {hashes.messageHash}
        </dd>
      </dl>
      <p className="muted small">A device that cannot show every field shows these two hashes: check that they match before you approve.</p>
      {problems.length > 0 && (
        <div className={`notice${altered.length > 0 ? ' notice-error' : ''}`} role="alert" data-testid="signature-problems">
          {problems.map((check) => (
            <p key={check.signer} data-testid="signature-problem" data-status={check.status}>
              {signatureSentence(check)}
            </p>
          ))}
          {altered.length > 0 && (
            <p>
              <strong>Do not sign this file.</strong> Ask {altered.map((c) => c.name ?? c.signer).join(' and ')} for the request as they signed it, or start a new
              request.
            </p>
          )}
        </div>
      )}
      {checked.status === 'failed' && <ErrorNotice error={checked.error} />}
      <div className="quorum" aria-label="Signatures collected">
        <progress max={need} value={Math.min(have, need)} />
        <span data-testid="quorum">
          {checked.status === 'checking'
            ? 'Checking the signatures…'
            : altered.length > 0
              ? `${have === 0 ? 'No signature holds' : `${have} of ${need} signatures hold`}: the file was changed after signing`
              : `${have} of ${need} signatures${quorum ? ' — quorum reached' : ''}`}
        </span>
      </div>
      {devices.error && <ErrorNotice error={devices.error} onRetry={devices.reload} />}
      <ul className="signer-rows">
        {vault.signers.map((signer) => (
          <SignerRow
            key={signer.address}
            commonsId={commonsId}
            request={request}
            vault={vault}
            signer={signer}
            check={checks.find((c) => c.signer === signer.address.toLowerCase()) ?? null}
            locked={altered.length > 0 || checked.status !== 'done'}
            devices={devices.devices ?? []}
            prompts={devices.prompts}
            onSigned={onChange}
          />
        ))}
      </ul>
      {quorum && sequenced === null && (
        <p className="small" data-testid="next-step">
          {commons.demo
            ? 'The quorum is in. Submit the action to the Demo Commons’ stewards, who sequence it into the ledger.'
            : 'The quorum is in. Save the request file and send it to your Commons’ stewards, who sequence it into the ledger.'}
        </p>
      )}
      {submitError && <ErrorNotice error={submitError} onRetry={() => void submit()} />}
      {sequenced !== null && (
        <div className="notice notice-ok" role="status" data-testid="sequenced">
          <strong>Sequenced as entry {sequenced}.</strong> The stewards sealed it; this app verifies the entry before the dashboard shows the new
          balances.
        </div>
      )}
      <div className="actions">
        {commons.demo && quorum && sequenced === null && (
          <button type="button" onClick={() => void submit()} disabled={submitting}>
            {submitting ? 'Submitting…' : 'Submit to the stewards'}
          </button>
        )}
        <button type="button" onClick={save} disabled={altered.length > 0}>
          {quorum ? 'Save the signed request file' : 'Save request file for co-signers'}
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Card>
  );
}
