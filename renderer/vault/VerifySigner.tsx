/**
 * Verify a vault signer's address on its device, from the vault's page, as Ledger Live and
 * Trezor Suite verify a receive address: the app says which connected device holds the signer's
 * key, finds its account, and asks the device to show the address; the person compares it with
 * the one on this page and confirms on the device. The app checks that the device returned the
 * signer's address before saying so.
 */
import { useState } from 'react';
import { type VaultView } from '../../shared/contract/commons-view';
import { type AppError } from '../../shared/contract/errors';
import { useApi } from '../app/api/client';
import { Badge, ErrorNotice, Loading } from '../ui/components';
import { DevicePicker, useDeviceChoice } from '../devices/DevicePicker';
import { DeviceScreen } from '../devices/DevicesPage';
import { EmulatorControls } from '../devices/EmulatorControls';
import { findAccount, isAppError, useKeyHolder } from '../devices/find-account';
import { KeyHolderNote } from '../devices/KeyHolderNote';
import { deviceName, useDevices, vendorName } from '../devices/useDevices';

type Signer = VaultView['signers'][number];
type Phase =
  | { kind: 'idle' }
  | { kind: 'finding' }
  | { kind: 'showing'; path: string }
  | { kind: 'verified'; device: string; path: string }
  | { kind: 'failed'; error: AppError };

export function VerifySigner({ signer }: { signer: Signer }) {
  const api = useApi();
  const { devices, prompts } = useDevices();
  const all = devices ?? [];
  const candidates = all.filter((d) => signer.device === 'unknown' || d.vendor === signer.device);
  const notOffered = all
    .filter((d) => signer.device !== 'unknown' && d.vendor !== signer.device)
    .map((device) => ({ device, reason: `${signer.label}’s key is on a ${vendorName(signer.device === 'trezor' ? 'trezor' : 'ledger')}` }));
  const holder = useKeyHolder(devices, [signer.address]);
  const { chosen, choose } = useDeviceChoice(candidates, holder.kind === 'found' ? holder.device.id : undefined);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });

  const verify = async () => {
    if (!chosen) return;
    setPhase({ kind: 'finding' });
    const found = await findAccount(api, chosen.id, (address) => address === signer.address.toLowerCase(), `${signer.label}’s key`);
    if (isAppError(found)) return setPhase({ kind: 'failed', error: found });
    setPhase({ kind: 'showing', path: found.path });
    const answer = await api.call('devices.getAddress', { deviceId: chosen.id, path: found.path, display: true });
    if (!answer.ok) return setPhase({ kind: 'failed', error: answer.error });
    // Trust the device's answer only if it is this signer's address.
    if (answer.value.address.toLowerCase() !== signer.address.toLowerCase() || !answer.value.verifiedOnDevice) {
      return setPhase({
        kind: 'failed',
        error: {
          kind: 'AddressMismatch',
          message: `The device answered ${answer.value.address}, not ${signer.label}’s address ${signer.address}.`,
          nextStep: 'Do not use this device for this vault. Check that it was set up with the signer’s recovery phrase.',
        },
      });
    }
    setPhase({ kind: 'verified', device: deviceName(chosen), path: found.path });
  };
  const cancel = () => void (chosen && api.call('devices.cancel', { deviceId: chosen.id }));
  const working = phase.kind === 'finding' || phase.kind === 'showing';
  const prompt = chosen ? (prompts[chosen.id] ?? null) : null;

  return (
    <div className="signer-verify" data-testid="verify-signer">
      <KeyHolderNote
        holder={holder}
        whose={`${signer.label}’s key`}
        hint={`connect ${signer.device === 'unknown' ? 'the device' : `the ${vendorName(signer.device)}`} that does, unlocked${signer.device === 'trezor' ? '' : ', with its Ethereum app open'}.`}
      />
      <div className="actions">
        <DevicePicker
          candidates={candidates}
          chosen={chosen}
          choose={choose}
          label={`Device to verify ${signer.label}`}
          none={`Connect ${signer.device === 'unknown' ? 'the device' : `the ${vendorName(signer.device)}`} that holds this key.`}
          notOffered={notOffered}
        />
        <button type="button" onClick={() => void verify()} disabled={!chosen || working}>
          Show the address on the device
        </button>
      </div>
      {phase.kind === 'finding' && <Loading label={`Looking for ${signer.label}’s account on the device…`} />}
      {phase.kind === 'showing' && chosen && (
        <div className="signing-prompt" data-testid="verify-prompt">
          <Loading label={`Check that ${deviceName(chosen)} shows ${signer.address}, then confirm on it…`} />
          {prompt && <DeviceScreen prompt={prompt} />}
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          {chosen.emulated && <EmulatorControls device={chosen} compact />}
        </div>
      )}
      {phase.kind === 'verified' && (
        <p className="small" data-testid="signer-verified">
          <Badge tone="ok">confirmed on the device</Badge> {phase.device} holds {signer.label}’s key at {phase.path}: the device showed{' '}
          <span className="mono">{signer.address}</span> and you confirmed it there.
        </p>
      )}
      {phase.kind === 'failed' && <ErrorNotice error={phase.error} onRetry={() => void verify()} />}
    </div>
  );
}
