/**
 * Adding a key to the genesis: a steward (a treasury signer) or an attestor, from an account of a
 * device connected here, or a steward from a co-signer file another steward's app exported
 * (shared/backup/cosigner-file.ts; its address was confirmed on that steward's device).
 */
import { useEffect, useState } from 'react';
import { readCosignerFile } from '../../shared/backup/cosigner-file';
import { type FileReadError } from '../../shared/backup/read-file';
import { type AppError } from '../../shared/contract/errors';
import { useApi } from '../app/api/client';
import { ErrorNotice } from '../ui/components';
import { deviceName, useDevices } from '../devices/useDevices';
import { type Steward } from './StewardSignRow';

/** A key as the wizard lists it: whether it is an emulated device's (public test keys) is shown beside it. */
export type ListedKey = Steward & { readonly emulated: boolean };

export function AddFromDevice({ what, onAdd }: { what: 'steward' | 'attestor'; onAdd: (key: ListedKey) => void }) {
  const api = useApi();
  const { devices } = useDevices();
  const usable = (devices ?? []).filter((d) => d.state !== 'disconnected');
  const [deviceId, setDeviceId] = useState('');
  const [accounts, setAccounts] = useState<{ path: string; address: string }[]>([]);
  const [path, setPath] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const device = usable.find((d) => d.id === deviceId);

  useEffect(() => {
    setAccounts([]);
    setPath('');
    if (!deviceId) return;
    let live = true;
    void api.call('devices.accounts', { deviceId, count: 5 }).then((answer) => {
      if (!live) return;
      if (!answer.ok) return setError(answer.error);
      setError(null);
      setAccounts(answer.value.accounts);
      setPath(answer.value.accounts[0]?.path ?? '');
    });
    return () => {
      live = false;
    };
  }, [api, deviceId]);

  const account = accounts.find((a) => a.path === path);
  const add = () => {
    if (!device || !account) return;
    onAdd({ address: account.address.toLowerCase(), device: device.vendor, label: label.trim() || `${deviceName(device)} ${account.path}`, path: account.path, emulated: device.emulated });
    setLabel('');
  };
  const name = what === 'steward' ? 'steward' : 'attestor';
  return (
    <div className="add-key" data-testid={`add-${name}`}>
      <label className="inline">
        Device
        <select aria-label={`Device for the new ${name}`} value={deviceId} onChange={(e) => setDeviceId(e.target.value)}>
          <option value="">Choose a connected device…</option>
          {usable.map((d) => (
            <option key={d.id} value={d.id}>
              {deviceName(d)}
              {d.emulated ? ' (emulated device)' : ''}
            </option>
          ))}
        </select>
      </label>
      {accounts.length > 0 && (
        <label className="inline">
          Account
          <select aria-label={`Account for the new ${name}`} value={path} onChange={(e) => setPath(e.target.value)}>
            {accounts.map((a) => (
              <option key={a.path} value={a.path}>
                {a.path} · {a.address}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="inline">
        Label
        <input aria-label={`Label for the new ${name}`} value={label} onChange={(e) => setLabel(e.target.value)} maxLength={100} placeholder={what === 'steward' ? 'e.g. Steward Dana' : 'e.g. Enrolment desk'} />
      </label>
      <button type="button" onClick={add} disabled={!account}>
        Add {name}
      </button>
      {error && <ErrorNotice error={error} />}
    </div>
  );
}

export function AddFromCosignerFile({ onAdd }: { onAdd: (key: ListedKey) => void }) {
  const [problem, setProblem] = useState<FileReadError | null>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const read = readCosignerFile(await file.text());
    if (!read.ok) return setProblem(read.error);
    setProblem(null);
    const { address, device, label, path } = read.value;
    onAdd({ address: address.toLowerCase(), device, label, path, emulated: false });
  };
  return (
    <div className="add-key">
      <label className="file-pick">
        Import a steward’s co-signer file
        <input type="file" accept=".json,application/json" data-testid="import-cosigner" onChange={(e) => void onFile(e.target.files?.[0])} />
      </label>
      {problem && <ErrorNotice error={{ ...problem }} />}
    </div>
  );
}
