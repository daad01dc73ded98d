/**
 * One signer of a vault in a signing request: which connected device holds their key (found by
 * scanning the device's Ethereum account paths for the signer's address, as Safe and Frame do),
 * the signing prompt while the device waits, and the verified signature once it is back.
 */
import { useState } from 'react';
import { type VaultView } from '../../shared/contract/commons-view';
import { type DeviceInfo } from '../../shared/contract/devices';
import { type AppError } from '../../shared/contract/errors';
import { useApi } from '../app/api/client';
import { Badge, EmulatedBadge, ErrorNotice, Loading } from '../ui/components';
import { DevicePicker, useDeviceChoice } from '../devices/DevicePicker';
import { DeviceScreen } from '../devices/DevicesPage';
import { EmulatorControls } from '../devices/EmulatorControls';
import { type DevicePromptView, vendorName } from '../devices/useDevices';
import { addSignature, typedDataOf, type SigningRequest } from './signing-request';
import { findAccount, isAppError, useKeyHolder } from '../devices/find-account';
import { KeyHolderNote } from '../devices/KeyHolderNote';


type Phase = { kind: 'idle' } | { kind: 'finding' } | { kind: 'signing'; path: string } | { kind: 'failed'; error: AppError };

type Signer = VaultView['signers'][number];

export function SignerRow(props: {
  request: SigningRequest;
  vault: VaultView;
  signer: Signer;
  verified: boolean;
  devices: DeviceInfo[];
  prompts: Record<string, DevicePromptView>;
  onSigned: (next: SigningRequest) => void;
}) {
  const { request, vault, signer, verified, devices, prompts, onSigned } = props;
  const api = useApi();
  const candidates = devices.filter((d) => signer.device === 'unknown' || d.vendor === signer.device);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const holder = useKeyHolder(verified ? null : devices, [signer.address]);
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
    const answer = await api.call('devices.sign', { deviceId: chosen.id, path, typedData: typedDataOf(request), mode: 'auto' });
    if (!answer.ok) return setPhase({ kind: 'failed', error: answer.error });
    const added = addSignature(request, vault, signer.address, answer.value.signature);
    if (!added.ok) {
      const problem = added.error;
      return setPhase({
        kind: 'failed',
        error: {
          kind: 'SignatureNotFromSigner',
          message:
            problem.kind === 'Unreadable'
              ? 'The device returned a signature that does not recover to any key.'
              : `The signature recovers to ${problem.recovered}, not to ${signer.label}'s key ${signer.address}.`,
          nextStep: 'Nothing was kept. Check that the device holds this signer’s key and sign again.',
        },
      });
    }
    setPhase({ kind: 'idle' });
    onSigned(added.value);
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
      {verified ? (
        <p className="verified" data-testid="signature-verified">
          <Badge tone="ok">verified</Badge> signed by {signer.label} ({signer.address}) — the signature recovers to this signer’s key.
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
            <button type="button" onClick={() => void sign()} disabled={!chosen || phase.kind === 'finding' || phase.kind === 'signing'} aria-label={`Sign as ${signer.label}`}>
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
