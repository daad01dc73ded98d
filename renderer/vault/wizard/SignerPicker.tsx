/**
 * Adding a vault signer, always confirmed on its device (SPEC §3): an account of a device connected
 * here, shown on its screen; or another member's co-signer file (shared/backup/cosigner-file.ts),
 * whose address a connected device of its kind must show at the file's path before it is added.
 */
import { useState } from 'react';
import { type CosignerFile, readCosignerFile } from '../../../shared/backup/cosigner-file';
import { type FileReadError } from '../../../shared/backup/read-file';
import { type DeviceInfo } from '../../../shared/contract/devices';
import { type AppError } from '../../../shared/contract/errors';
import { useApi } from '../../app/api/client';
import { DevicePicker, useDeviceChoice } from '../../devices/DevicePicker';
import { DeviceScreen } from '../../devices/DevicesPage';
import { EmulatorControls } from '../../devices/EmulatorControls';
import { accountPath } from '../../devices/find-account';
import { deviceName, useDevices } from '../../devices/useDevices';
import { ErrorNotice, Loading } from '../../ui/components';
import { type WizardProblem, type WizardSigner, signerFromCosignerFile } from './wizard';

type Asking = { device: DeviceInfo; address: string | null; path: string } | null;

/** devices.getAddress with display: the device shows the address and the person confirms it there. */
function useShowOnDevice() {
  const api = useApi();
  const [asking, setAsking] = useState<Asking>(null);
  const show = async (device: DeviceInfo, path: string, expected: string | null) => {
    setAsking({ device, address: expected, path });
    const answer = await api.call('devices.getAddress', { deviceId: device.id, path, display: true });
    setAsking(null);
    return answer;
  };
  return { asking, show };
}

function Asking({ asking }: { asking: NonNullable<Asking> }) {
  const { prompts, devices } = useDevices();
  const api = useApi();
  const prompt = prompts[asking.device.id] ?? null;
  // The device as it is now (awaiting confirmation), not as it was when it was asked.
  const device = devices?.find((d) => d.id === asking.device.id) ?? asking.device;
  return (
    <div className="signing-prompt" data-testid="wizard-device-prompt">
      <Loading label={`Check the address ${deviceName(asking.device)} shows at ${asking.path}${asking.address ? ` (it must be ${asking.address})` : ''}, then confirm on it…`} />
      {prompt && <DeviceScreen prompt={prompt} />}
      <button type="button" onClick={() => void api.call('devices.cancel', { deviceId: asking.device.id })}>
        Cancel
      </button>
      {device.emulated && <EmulatorControls device={device} compact />}
    </div>
  );
}

export function SignerPicker({ onAdd }: { onAdd: (signer: WizardSigner) => string | null }) {
  const { devices } = useDevices();
  const all = (devices ?? []).filter((d) => d.state !== 'disconnected');
  const { asking, show } = useShowOnDevice();
  const [error, setError] = useState<AppError | WizardProblem | FileReadError | null>(null);
  const [note, setNote] = useState<string | null>(null);

  // A device connected here.
  const { chosen, choose } = useDeviceChoice(all);
  const [account, setAccount] = useState(0);
  const [label, setLabel] = useState('');
  const addConnected = async () => {
    if (!chosen) return;
    setError(null);
    const path = accountPath(account);
    const answer = await show(chosen, path, null);
    if (!answer.ok) return setError(answer.error);
    if (!answer.value.verifiedOnDevice) return setError({ kind: 'NotShown', message: 'The device did not show the address, so it was not added.' });
    const refused = onAdd({ address: answer.value.address.toLowerCase(), device: chosen.vendor, label: label.trim() || `${deviceName(chosen)} · account ${account}`, path, source: 'connected', confirmed: true });
    setNote(refused ?? `Added ${answer.value.address}, as ${deviceName(chosen)} showed it.`);
  };

  // Another member's co-signer file.
  const [file, setFile] = useState<CosignerFile | null>(null);
  const fileDevices = all.filter((d) => d.vendor === file?.device);
  const fileChoice = useDeviceChoice(fileDevices);
  const openFile = async (chosenFile: File | undefined) => {
    setFile(null);
    setError(null);
    setNote(null);
    if (!chosenFile) return;
    const read = readCosignerFile(chosenFile.size > 64 * 1024 ? 'x'.repeat(64 * 1024) : await chosenFile.text());
    if (read.ok) setFile(read.value);
    else setError(read.error);
  };
  const verifyFile = async () => {
    const device = fileChoice.chosen;
    if (!file || !device) return;
    setError(null);
    const answer = await show(device, file.path, file.address);
    if (!answer.ok) return setError(answer.error);
    const signer = signerFromCosignerFile(file, answer.value);
    if (!signer.ok) return setError(signer.error);
    const refused = onAdd(signer.value);
    setNote(refused ?? `Added ${file.address} from the co-signer file: ${deviceName(device)} showed it at ${file.path}.`);
    if (!refused) setFile(null);
  };

  return (
    <div className="signer-picker">
      <fieldset>
        <legend>A device connected here</legend>
        <div className="actions">
          <DevicePicker candidates={all} chosen={chosen} choose={choose} label="Device of the new signer" none="Connect a Ledger or Trezor to add its account." />
          <label>
            Account
            <input type="number" min={0} max={19} value={account} onChange={(e) => setAccount(Math.max(0, Math.min(19, Number(e.target.value) || 0)))} />
          </label>
          <label>
            Signer label
            <input value={label} maxLength={64} onChange={(e) => setLabel(e.target.value)} />
          </label>
          <button type="button" onClick={() => void addConnected()} disabled={!chosen || asking !== null}>
            Show the address on the device and add it
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>Another member’s co-signer file</legend>
        <input type="file" accept=".json,application/json" data-testid="wizard-cosigner-file" onChange={(e) => void openFile(e.target.files?.[0])} />
        {file && (
          <div data-testid="wizard-cosigner">
            <p className="small">
              The file names <span className="mono">{file.address}</span> on a {file.device === 'ledger' ? 'Ledger' : 'Trezor'} at <span className="mono">{file.path}</span>, labelled “
              {file.label}” (the file’s words). It is added once a {file.device === 'ledger' ? 'Ledger' : 'Trezor'} connected here shows that very address there.
            </p>
            <div className="actions">
              <DevicePicker
                candidates={fileDevices}
                chosen={fileChoice.chosen}
                choose={fileChoice.choose}
                label="Device to confirm the co-signer"
                none={`Connect the ${file.device === 'ledger' ? 'Ledger' : 'Trezor'} that holds this key.`}
              />
              <button type="button" onClick={() => void verifyFile()} disabled={!fileChoice.chosen || asking !== null}>
                Verify on the device and add
              </button>
            </div>
          </div>
        )}
      </fieldset>
      {asking && <Asking asking={asking} />}
      {note && (
        <p className="small" role="status" data-testid="signer-note">
          {note}
        </p>
      )}
      {error && (
        <div data-testid="signer-error">
          <ErrorNotice error={error} />
        </div>
      )}
    </div>
  );
}
