/**
 * One signer of a vault in a signing request: which connected device holds their key (found by
 * scanning the device's Ethereum account paths for the signer's address, as Safe and Frame do),
 * the signing prompt while the device waits, and the verified signature once it is back. A
 * signature the file carries for this signer is shown by what its check found.
 */
import { useState } from 'react';
import { type DeviceInfo } from '../../shared/contract/devices';
import { type AppError } from '../../shared/contract/errors';
import { useApi } from '../app/api/client';
import { Badge, EmulatedBadge, ErrorNotice, Loading } from '../ui/components';
import { DevicePicker, useDeviceChoice } from '../devices/DevicePicker';
import { DeviceScreen } from '../devices/DevicesPage';
import { EmulatorControls } from '../devices/EmulatorControls';
import { type DevicePromptView, vendorName } from '../devices/useDevices';
import { findAccount, isAppError, useKeyHolder } from '../devices/find-account';
import { KeyHolderNote } from '../devices/KeyHolderNote';
import { type Hex } from '../../shared/crypto/canonical';
import { vaultActionMessage } from '../../shared/quorum/action';
import { type SigningRequest, withSignature } from '../../shared/quorum/request';
import { type SignatureCheck, type Signers, checkSignatures, signatureSentence } from '../../shared/quorum/signatures';
import { vaultActionTypedDataJson } from './typed-data';
import { recoveryError, useRecoverBatch } from './useSignatureChecks';

type Phase = { kind: 'idle' } | { kind: 'finding' } | { kind: 'signing'; path: string } | { kind: 'failed'; error: AppError };

type Signer = Signers['signers'][number];

export function SignerRow(props: {
  commonsId: Hex;
  request: SigningRequest;
  /** Who must sign the request (shared/quorum/authority.ts): the signature is checked against them. */
  signers: Signers;
  signer: Signer;
  /** What the check of this signer's signature in the request found; null when there is none. */
  check: SignatureCheck | null;
  /** No signing: the file was changed after someone signed it, or its signatures are not checked yet. */
  locked: boolean;
  devices: DeviceInfo[];
  prompts: Record<string, DevicePromptView>;
  onSigned: (next: SigningRequest) => void;
}) {
  const { commonsId, request, signers, signer, check, locked, devices, prompts, onSigned } = props;
  const api = useApi();
  const recover = useRecoverBatch();
  const candidates = devices.filter((d) => signer.device === 'unknown' || d.vendor === signer.device);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const holder = useKeyHolder(check ? null : devices, [signer.address]);
  const { chosen, choose } = useDeviceChoice(candidates, holder.kind === 'found' ? holder.device.id : undefined);

  const findPath = async (id: string): Promise<string | AppError> => {
    const found = await findAccount(api, id, (address) => address === signer.address.toLowerCase(), `${signer.label}'s key`);
    return isAppError(found) ? found : found.path;
  };

  const sign = async () => {
    if (!chosen) return;
    setPhase({ kind: 'finding' });
    const path = await findPath(chosen.id);
    if (typeof path !== 'string') return setPhase({ kind: 'failed', error: path });
    setPhase({ kind: 'signing', path });
    const typedData = vaultActionTypedDataJson(vaultActionMessage(commonsId, request.action));
    const answer = await api.call('devices.sign', { deviceId: chosen.id, path, typedData, mode: 'auto' });
    if (!answer.ok) return setPhase({ kind: 'failed', error: answer.error });
    // Kept only if it recovers to this signer's key over this very action.
    let checked: SignatureCheck | undefined;
    try {
      [checked] = await checkSignatures(commonsId, signers, request.action, [{ signer: signer.address.toLowerCase(), sig: answer.value.signature }], recover);
    } catch (error) {
      return setPhase({ kind: 'failed', error: recoveryError(error) });
    }
    if (checked?.status !== 'valid') {
      return setPhase({
        kind: 'failed',
        error: {
          kind: 'SignatureNotFromSigner',
          message:
            checked?.recovered == null
              ? 'The device returned a signature that does not recover to any key.'
              : `The signature recovers to ${checked.recovered}, not to ${signer.label}'s key ${signer.address}.`,
          nextStep: 'Nothing was kept. Check that the device holds this signer’s key and sign again.',
        },
      });
    }
    setPhase({ kind: 'idle' });
    onSigned(withSignature(request, signer.address, answer.value.signature));
  };

  const cancel = async () => {
    if (chosen) await api.call('devices.cancel', { deviceId: chosen.id });
  };

  const prompt = chosen ? (prompts[chosen.id] ?? null) : null;
  return (
    <li className="signer-row" data-testid="signer-row" data-signer={signer.address}>
      <div className="signer-head">
        <span className={`device device-${signer.device}`}>{signer.device === 'unknown' ? 'Device' : vendorName(signer.device)}</span>
        <strong>{signer.label}</strong>
        <span className="mono muted small">{signer.address}</span>
        {signer.emulated && <EmulatedBadge />}
      </div>
      {check?.status === 'valid' ? (
        <p className="verified" data-testid="signature-verified">
          <Badge tone="ok">verified</Badge> signed by {signer.label} ({signer.address}) — the signature recovers to this signer’s key.
        </p>
      ) : check ? (
        <p className="notice notice-error" data-testid="signature-invalid">
          {signatureSentence(check)}
        </p>
      ) : (
        <>
          <KeyHolderNote holder={holder} whose={`${signer.label}’s key`} hint={`connect the ${signer.device === 'unknown' ? 'device' : vendorName(signer.device)} that does.`} />
          <div className="actions">
            <DevicePicker
              candidates={candidates}
              chosen={chosen}
              choose={choose}
              label={`Device for ${signer.label}`}
              none={`Connect ${signer.device === 'unknown' ? 'the device' : `the ${vendorName(signer.device)}`} that holds this key.`}
              notOffered={devices.filter((d) => !candidates.includes(d)).map((device) => ({ device, reason: `this key is on a ${signer.device === 'trezor' ? 'Trezor' : 'Ledger'}` }))}
            />
            <button type="button" onClick={() => void sign()} disabled={locked || !chosen || phase.kind === 'finding' || phase.kind === 'signing'} aria-label={`Sign as ${signer.label}`}>
              Sign on device
            </button>
          </div>
          {phase.kind === 'finding' && <Loading label="Looking for this signer’s key on the device…" />}
          {phase.kind === 'signing' && chosen && (
            <div className="signing-prompt" data-testid="signing-prompt">
              <Loading label={`Waiting for confirmation on ${chosen.label} (${phase.path})…`} />
              {prompt && <DeviceScreen prompt={prompt} />}
              <button type="button" onClick={() => void cancel()}>
                Cancel
              </button>
              {chosen.emulated && <EmulatorControls device={chosen} compact />}
            </div>
          )}
          {phase.kind === 'failed' && (
            <div data-testid="signing-failed">
              <ErrorNotice error={phase.error} onRetry={() => void sign()} />
              {chosen?.emulated && chosen.state === 'disconnected' && <EmulatorControls device={chosen} compact />}
            </div>
          )}
        </>
      )}
    </li>
  );
}
