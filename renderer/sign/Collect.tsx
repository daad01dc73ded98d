/**
 * Collecting a request's signatures: the action in words and hashes, where it stands against the
 * verified ledger (collecting, ready, submitted, executed, superseded, expired), who is still
 * needed, and one row per required signer with their device. Nobody is offered a device before
 * the pre-flight has found that the ledger could execute the action, nor once the ledger has
 * decided it; a copy signed elsewhere merges in, signature by signature, if it asks the same.
 */
import { useEffect, useMemo, useState } from 'react';
import { type AppError } from '../../shared/contract/errors';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type Hex } from '../../shared/crypto/canonical';
import { nobleRecoverer } from '../../shared/crypto/recover';
import { actionHashes } from '../../shared/quorum/action';
import { type Authority } from '../../shared/quorum/authority';
import { describeAction } from '../../shared/quorum/describe';
import { mergeRequests } from '../../shared/quorum/merge';
import { encodeRequestFile, ledgerActionOf, parseRequestFile, type SigningRequest } from '../../shared/quorum/request';
import { signatureSentence, validSigners } from '../../shared/quorum/signatures';
import { useApi } from '../app/api/client';
import { useDevices } from '../devices/useDevices';
import { Badge, Card, ErrorNotice } from '../ui/components';
import { saveJsonFile } from '../ui/save-file';
import { type ShownError } from '../ui/describe-error';
import { requestFileUnreadable } from '../ui/errors/flows';
import { ActionSentence } from './ActionSentence';
import { PreflightRefusal, StateNotChecked, SubmitRefusal } from './Notices';
import { type Refusal } from './preflight';
import { usePreflight } from './usePreflight';
import { RequestStatus, stateBadge } from './RequestStatus';
import { SignerRow } from './SignerRow';
import { ScanQr } from './qr/ScanQr';
import { ShowQr } from './qr/ShowQr';
import { useRequestState } from './useRequestState';
import { useSignatureChecks } from './useSignatureChecks';

type PreflightView = { status: 'checking' } | { status: 'passed' } | { status: 'refused'; refusal: Refusal };

function usePreflightOf(commons: CommonsView, request: SigningRequest): PreflightView {
  const preflight = usePreflight(commons);
  const [result, setResult] = useState<{ request: SigningRequest; commons: CommonsView; view: PreflightView } | null>(null);
  useEffect(() => {
    let cancelled = false;
    void preflight(request).then((answer) => !cancelled && setResult({ request, commons, view: answer.ok ? { status: 'passed' } : { status: 'refused', refusal: answer.error } }));
    return () => {
      cancelled = true;
    };
  }, [preflight, request, commons]);
  return result?.request === request && result.commons === commons ? result.view : { status: 'checking' };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

export function Collect(props: { commons: CommonsView; request: SigningRequest; authority: Authority; onChange: (r: SigningRequest) => void; onClose: () => void; onSequenced: () => void }) {
  const { commons, request, authority, onChange, onClose } = props;
  const commonsId = commons.commonsId.toLowerCase() as Hex;
  const api = useApi();
  const devices = useDevices();
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<AppError | null>(null);
  const [sequenced, setSequenced] = useState<number | null>(null);
  const [submittedAt, setSubmittedAt] = useState<number | null>(null);
  const [merged, setMerged] = useState<{ tone: 'ok'; text: string } | { tone: 'error'; error: ShownError } | null>(null);
  const [qr, setQr] = useState<'show' | 'scan' | null>(null);
  const vault = commons.vaults.find((v) => v.address.toLowerCase() === request.action.vault);
  // The signers the request needs, as SignerRow shows them (emulated: the demo's keys are the emulators').
  const signers = useMemo(
    () => ({
      signers: authority.signers.map((s) => ({ ...s, emulated: commons.vaults.some((v) => v.signers.some((t) => t.address.toLowerCase() === s.address && t.emulated)) || commons.demo })),
    }),
    [authority, commons],
  );
  const words = useMemo(() => describeAction(commons, request.action), [commons, request]);
  const hashes = useMemo(() => actionHashes(commonsId, request.action), [commonsId, request]);
  const checked = useSignatureChecks(commonsId, signers, request);
  const checks = checked.status === 'done' ? checked.checks : [];
  const valid = validSigners(checks);
  const problems = checks.filter((c) => c.status !== 'valid');
  // A signature over other fields than these means the file was altered after someone signed:
  // nobody signs it further; the signer is named so that the co-signer can ask them.
  const altered = problems.filter((c) => c.status === 'changed-after-signing' || c.status === 'unreadable');
  const lifecycle = useRequestState(commons, request, checked.status === 'done' ? valid : null, submittedAt);
  const state = lifecycle.status === 'done' ? lifecycle.state : null;
  const decided = state?.state === 'executed' || state?.state === 'superseded' || state?.state === 'expired';
  const preflight = usePreflightOf(commons, request);
  const need = authority.threshold;
  const have = state && 'needed' in state ? state.needed.have : valid.filter((v) => authority.signers.some((s) => s.address === v)).length;
  const quorum = (state?.state === 'ready' || state?.state === 'submitted') && altered.length === 0;
  const offerDevices = !decided && preflight.status === 'passed';

  const save = () => {
    saveJsonFile(`c3-signing-request-${vault?.name ?? 'new-vault'}-${request.action.nonce}.json`, encodeRequestFile(request));
    // A real Commons' stewards take the file with its quorum: handing it over is the submission.
    if (quorum && !commons.demo) setSubmittedAt(nowSeconds());
  };

  // Demo: the Demo Commons' stewards (emulated keys) sequence the action at once. A real Commons'
  // stewards take the request file, now carrying its quorum, and sequence it themselves.
  const submit = async () => {
    setSubmitting(true);
    setSubmitError(null);
    const answer = await api.call('demo.submit', { action: ledgerActionOf(request, valid) });
    setSubmitting(false);
    if (!answer.ok) return setSubmitError(answer.error);
    setSubmittedAt(nowSeconds());
    setSequenced(answer.value.seq);
    props.onSequenced();
  };

  const mergeFile = async (file: File | undefined) => {
    if (!file) return;
    const parsed = parseRequestFile(await file.text());
    if (!parsed.ok) return setMerged({ tone: 'error', error: requestFileUnreadable(parsed.error) });
    mergeCopy(parsed.value);
  };

  /** Another copy, from a file or from QR codes: its signatures merge in if it asks the same. */
  const mergeCopy = (copy: SigningRequest) => {
    const result = mergeRequests(request, copy, nobleRecoverer);
    if (!result.ok) return setMerged({ tone: 'error', error: result.error });
    const added = result.value.request.signatures.filter((s) => !request.signatures.some((t) => t.signer === s.signer && t.sig === s.sig)).length;
    const dropped = result.value.dropped.length;
    setMerged({
      tone: 'ok',
      text: `${added === 0 ? 'The other copy adds no signature.' : `The other copy adds ${added} signature${added === 1 ? '' : 's'}.`}${dropped > 0 ? ` ${dropped} signature${dropped === 1 ? '' : 's'} in the copies do${dropped === 1 ? 'es' : ''} not hold for this action and ${dropped === 1 ? 'was' : 'were'} left out.` : ''}`,
    });
    onChange(result.value.request);
  };

  const badge =
    altered.length > 0 ? <Badge tone="warn">changed after signing</Badge> : state ? stateBadge(state) : <Badge>{`${have} of ${need} signatures`}</Badge>;
  return (
    <Card title="Signing request" aside={badge}>
      <ActionSentence words={words} />
      <dl className="facts small">
        <dt>Vault</dt>
        <dd>
          {authority.source === 'new-vault' ? `a new vault, ${request.action.vault}` : (vault?.name ?? request.action.vault)} · {authority.threshold}-of-{authority.signers.length} · nonce{' '}
          {request.action.nonce}
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
      {state && <RequestStatus state={state} />}
      {lifecycle.status === 'unanswered' && <StateNotChecked error={lifecycle.error} />}
      {lifecycle.status === 'problem' && <ErrorNotice error={lifecycle.problem} />}
      {!decided && preflight.status === 'refused' && <PreflightRefusal refusal={preflight.refusal} />}
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
      {!decided && (
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
      )}
      {devices.error && offerDevices && <ErrorNotice error={devices.error} onRetry={devices.reload} />}
      {offerDevices && (
        <ul className="signer-rows">
          {signers.signers.map((signer) => (
            <SignerRow
              key={signer.address}
              commonsId={commonsId}
              request={request}
              signers={signers}
              signer={signer}
              check={checks.find((c) => c.signer === signer.address.toLowerCase()) ?? null}
              locked={altered.length > 0 || checked.status !== 'done'}
              devices={devices.devices ?? []}
              prompts={devices.prompts}
              onSigned={onChange}
            />
          ))}
        </ul>
      )}
      {!decided && (
        <label className="file-pick small">
          Add the signatures of another copy of this request (a co-signer signed it in parallel)
          <input type="file" accept=".json,application/json" data-testid="merge-request" onChange={(e) => void mergeFile(e.target.files?.[0])} />
        </label>
      )}
      {!decided && qr === 'scan' && <ScanQr testId="merge-qr" onRequest={(copy) => {
            setQr(null);
            mergeCopy(copy);
          }} />}
      {qr === 'show' && <ShowQr request={request} />}
      {merged?.tone === 'ok' && (
        <p className="notice notice-ok" role="status" data-testid="merge-result">
          {merged.text}
        </p>
      )}
      {merged?.tone === 'error' && (
        <div data-testid="merge-result">
          <ErrorNotice error={merged.error} />
        </div>
      )}
      {quorum && sequenced === null && state?.state === 'ready' && (
        <p className="small" data-testid="next-step">
          {commons.demo
            ? 'The quorum is in. Submit the action to the Demo Commons’ stewards, who sequence it into the ledger.'
            : 'The quorum is in. Save the request file and send it to your Commons’ stewards, who sequence it into the ledger.'}
        </p>
      )}
      {submitError && <SubmitRefusal error={submitError} onRetry={() => void submit()} />}
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
        {!decided && (
          <button type="button" onClick={save} disabled={altered.length > 0}>
            {quorum ? 'Save the signed request file' : 'Save request file for co-signers'}
          </button>
        )}
        {!decided && altered.length === 0 && (
          <button type="button" onClick={() => setQr(qr === 'show' ? null : 'show')} data-testid="show-qr">
            {qr === 'show' ? 'Hide the QR code' : 'Show as QR'}
          </button>
        )}
        {!decided && (
          <button type="button" onClick={() => setQr(qr === 'scan' ? null : 'scan')} data-testid="scan-qr-copy">
            {qr === 'scan' ? 'Stop scanning' : 'Scan a signed copy’s QR'}
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Card>
  );
}
