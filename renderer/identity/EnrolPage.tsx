/**
 * MEID enrolment (SPEC §1): the biometric key is captured and C and U are proved on this machine;
 * an attestor vouches on their hardware device that a live person enrolled; the member chooses a
 * faction and signs the enrolment with their own device; the Commons' stewards sequence it, and
 * every member's app verifies the proof before the new member appears.
 */
import { useEffect, useState } from 'react';
import { type CommonsView, type Faction } from '../../shared/contract/commons-view';
import { type AppError } from '../../shared/contract/errors';
import { type Hex } from '../../shared/crypto/canonical';
import { useApi } from '../app/api/client';
import { Badge, Card, ErrorNotice } from '../ui/components';
import { TaskProgressBar } from '../ui/TaskProgress';
import { useLatestTask } from '../ui/useLatestTask';
import { SignOnDevice } from '../devices/SignOnDevice';
import { findAccount, isAppError } from '../devices/find-account';
import { enrolmentTypedDataJson, vaultActionTypedDataJson } from '../sign/typed-data';
import { type EnrolmentProof, attestationValid, enrolment, enrolmentNotChecked, signedEnrolment } from './enrolment';
import { encodeRequestFile, ledgerActionOf } from '../../shared/quorum/request';
import { usePreflight } from '../sign/usePreflight';
import { refusedByRules } from '../sign/refusal';
import { type ShownError } from '../ui/describe-error';
import { saveJsonFile } from '../ui/save-file';

const WEEK = 7 * 24 * 3600;
const short = (value: string) => (value.length > 20 ? `${value.slice(0, 10)}…${value.slice(-8)}` : value);

export function EnrolPage({ commons, demo, onEnrolled }: { commons: CommonsView; demo: boolean; onEnrolled: (commitment: string) => void }) {
  const api = useApi();
  const [provider, setProvider] = useState<{ kind: string; label: string } | null>(null);
  const [ceremony, setCeremony] = useState<'local-beacon' | 'multi-party' | null>(null);
  const [proof, setProof] = useState<(EnrolmentProof & { ms: number }) | null>(null);
  const [proving, setProving] = useState(false);
  const [proofError, setProofError] = useState<AppError | null>(null);
  const [attestation, setAttestation] = useState<{ address: string; sig: string } | null>(null);
  const [label, setLabel] = useState('');
  const [faction, setFaction] = useState<Faction>('Guild');
  const [done, setDone] = useState<{ seq: number; commitment: string } | null>(null);
  /** A real Commons: the signed enrolment was saved for the stewards (a success, said as one). */
  const [saved, setSaved] = useState(false);
  const preflight = usePreflight(commons);
  const task = useLatestTask('Proving your MEID');
  const commonsId = commons.commonsId as Hex;

  useEffect(() => {
    void api.call('identity.status', {}).then((answer) => answer.ok && setProvider(answer.value.provider));
    void api.call('zk.status', {}).then((answer) => answer.ok && setCeremony(answer.value.ceremony));
  }, [api]);

  const prove = async () => {
    setProving(true);
    setProofError(null);
    // The prover proves only for a Commons the main process verified itself: the Demo Commons it
    // sequences, or one whose log it stored (issue 10: trust nothing unsigned).
    const answer = await api.call('identity.proveEnrolment', { commonsId });
    setProving(false);
    if (!answer.ok) return setProofError(answer.error);
    setProof(answer.value);
    setAttestation(null);
  };

  const askAttestor = async (deviceId: string): Promise<ShownError | null> => {
    if (!proof) return null;
    const attestors = new Set(commons.attestors.map((a) => a.toLowerCase()));
    const found = await findAccount(api, deviceId, (address) => attestors.has(address), 'an attestor key of this Commons');
    if (isAppError(found)) return found;
    const answer = await api.call('devices.sign', { deviceId, path: found.path, typedData: enrolmentTypedDataJson(commonsId, proof.commitment, proof.nullifier), mode: 'auto' });
    if (!answer.ok) return answer.error;
    if (!attestationValid(commonsId, proof, found.address, answer.value.signature)) {
      return { kind: 'AttestationInvalid', message: 'The attestor’s signature is not over this enrolment.', nextStep: 'Ask the attestor to sign again.' };
    }
    setAttestation({ address: found.address, sig: answer.value.signature });
    return null;
  };

  const signAndSubmit = async (deviceId: string, device: { vendor: 'ledger' | 'trezor' }): Promise<ShownError | null> => {
    if (!proof || !attestation) return null;
    if (!label.trim()) return { kind: 'NameMissing', message: 'Enter the name the Commons will know you by.' };
    // Your key: the first account of the device that no vault of this Commons uses yet.
    const used = new Set(commons.vaults.flatMap((v) => v.signers.map((s) => s.address.toLowerCase())));
    const key = await findAccount(api, deviceId, (address) => !used.has(address), 'an unused account');
    if (isAppError(key)) return key;
    const { request, message } = enrolment({
      commonsId,
      proof,
      attestor: attestation,
      label: label.trim(),
      faction,
      key: { ...key, device: device.vendor },
      validUntil: Math.floor(Date.now() / 1000) + WEEK,
    });
    // Before the device is asked: would the ledger take this enrolment (SPEC §1: one person, one membership)?
    const checked = await preflight(request);
    if (!checked.ok) return enrolmentNotChecked(checked.error);
    const answer = await api.call('devices.sign', { deviceId, path: key.path, typedData: vaultActionTypedDataJson(message), mode: 'auto' });
    if (!answer.ok) return answer.error;
    const signed = signedEnrolment(request, key.address, answer.value.signature);
    if (!signed) return { kind: 'SignatureNotFromSigner', message: 'The device signed with another key than the one it reported.', nextStep: 'Sign again on the same device.' };
    if (!demo) {
      // A real Commons' stewards sequence it: the member hands them the signed request file.
      saveJsonFile(`c3-enrolment-${label.trim()}.json`, encodeRequestFile(signed));
      setSaved(true);
      return null;
    }
    const submitted = await api.call('demo.submit', { action: ledgerActionOf(signed, [key.address]) });
    if (!submitted.ok) return refusedByRules(submitted.error, 'your enrolment');
    setDone({ seq: submitted.value.seq, commitment: proof.commitment });
    onEnrolled(proof.commitment);
    return null;
  };

  return (
    <div className="enrol">
      <Card title="1 · Your MEID" aside={proof ? <Badge tone="ok">proved</Badge> : undefined}>
        <p>
          Your MEID is a commitment to a random secret and a key derived from your biometric capture. Both stay on this machine: C3 Vault sends only
          the commitment C, the uniqueness nullifier U (one membership per person in a Commons) and a zero-knowledge proof that both come from them.
        </p>
        {provider && (
          <p className="small">
            Capture: <Badge tone={provider.kind === 'development' ? 'warn' : 'ok'}>{provider.label}</Badge>
          </p>
        )}
        {ceremony && (
          <p className="small" data-testid="zk-ceremony">
            Proving keys:{' '}
            {ceremony === 'local-beacon' ? (
              <Badge tone="warn">development keys — a public-beacon setup that anyone could forge proofs for (docs/zk.md)</Badge>
            ) : (
              <Badge tone="ok">multi-party ceremony</Badge>
            )}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={() => void prove()} disabled={proving}>
            {proof ? 'Capture and prove again' : 'Capture and prove'}
          </button>
        </div>
        {proving && task && task.state === 'running' && <TaskProgressBar progress={task} />}
        {proofError && <ErrorNotice error={proofError} onRetry={() => void prove()} />}
        {proof && (
          <dl className="facts small" data-testid="meid-proof">
            <dt>Commitment C</dt>
            <dd className="mono" title={proof.commitment}>
              {short(proof.commitment)}
            </dd>
            <dt>Uniqueness nullifier U</dt>
            <dd className="mono" title={proof.nullifier}>
              {short(proof.nullifier)}
            </dd>
            <dt>Proof</dt>
            <dd>Groth16, verified on this machine, {(proof.ms / 1000).toFixed(2)} s</dd>
          </dl>
        )}
      </Card>

      <Card title="2 · The attestor’s signature" aside={attestation ? <Badge tone="ok">attested</Badge> : undefined}>
        <p>
          The proof shows that C and U are consistent; it cannot show that a live person made the capture. An attestor that the treasury’s quorum
          registered vouches for that, by signing (C, U) on their own hardware device.
        </p>
        <SignOnDevice
          testId="attest"
          action="Ask the attestor to sign"
          waiting="Waiting for the attestor to confirm on their device"
          disabled={!proof}
          keyOf={{ role: 'the attestor', addresses: commons.attestors }}
          run={askAttestor}
        />
        {attestation && (
          <p className="small" data-testid="attested">
            Attested by <span className="mono">{attestation.address}</span>
          </p>
        )}
      </Card>

      <Card title="3 · Your faction and your vault" aside={done ? <Badge tone="ok">enrolled</Badge> : undefined}>
        <div className="form-grid">
          <label>
            Your name in the Commons
            <input value={label} onChange={(e) => setLabel(e.target.value)} aria-label="Your name in the Commons" maxLength={100} />
          </label>
          <label>
            Faction
            <select value={faction} onChange={(e) => setFaction(e.target.value as Faction)} aria-label="Faction">
              <option value="Union">Union — workers and members who use the Commons</option>
              <option value="Guild">Guild — makers and providers</option>
              <option value="Syndicate">Syndicate — those who lend through M2M staking</option>
            </select>
          </label>
        </div>
        <p className="muted small">Your first vault is signed by one key of your own device; you can add co-signers later.</p>
        <SignOnDevice
          testId="enrol-sign"
          action={demo ? 'Sign your enrolment and submit it' : 'Sign your enrolment for the stewards'}
          waiting="Confirm your enrolment on your device"
          disabled={!proof || !attestation || done !== null || saved}
          run={signAndSubmit}
        />
        {saved && (
          <div className="notice notice-ok" role="status" data-testid="enrolment-saved">
            <strong>Your signed enrolment was saved as a file.</strong> Send it to your Commons’ stewards: they sequence it, and you appear here once this app has
            verified the entry.
          </div>
        )}
        {done && (
          <div className="notice notice-ok" role="status" data-testid="enrolled">
            <strong>Your MEID is verified.</strong> The stewards sequenced your enrolment as entry {done.seq}; this app verified its proof and signatures
            before showing you on the dashboard. Your credential — your faction, and your tier once patronage periods close — is what the ledger now
            records for your MEID.
          </div>
        )}
      </Card>
    </div>
  );
}
