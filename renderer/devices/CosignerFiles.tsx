/**
 * Co-signer files on the Devices page (docs/backup-and-cosigner-files.md): export one device
 * account, once its address was confirmed on the device, for whoever builds a vault; import one
 * from another member, read strictly (shared/backup/cosigner-file.ts) and then checked on the
 * device where it is connected here. The file's label is shown as the file's words, never used.
 * The vault wizard (renderer/vault/wizard/SignerPicker.tsx) takes signers from these files the same way.
 */
import { useState } from 'react';
import { getAddress } from 'viem';
import { type CosignerFile, cosignerFileName, readCosignerFile, writeCosignerFile } from '../../shared/backup/cosigner-file';
import { type FileReadError } from '../../shared/backup/read-file';
import { type DeviceInfo } from '../../shared/contract/devices';
import { type AppError } from '../../shared/contract/errors';
import { useApi } from '../app/api/client';
import { Badge, Card, ErrorNotice, Loading } from '../ui/components';
import { saveJsonFile } from '../ui/save-file';

/** "Export co-signer file" for an address the device just confirmed at `path`. */
export function ExportCosignerButton({ device, path, address }: { device: DeviceInfo; path: string; address: string }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const exportFile = async () => {
    setBusy(true);
    // The master fingerprint where the device gives it without a prompt (a Trezor, a Ledger's Bitcoin app); else null.
    const xpub = await api.call('devices.getXpub', { deviceId: device.id, path: "m/48'/0'/0'/2'", display: false });
    setBusy(false);
    const entry = { address, device: device.vendor, fingerprint: xpub.ok ? xpub.value.masterFingerprint : null, label: device.label.slice(0, 64), path };
    saveJsonFile(cosignerFileName(entry), JSON.parse(writeCosignerFile(entry, new Date())));
  };
  return (
    <button type="button" onClick={() => void exportFile()} disabled={busy} data-testid="export-cosigner">
      {busy ? 'Reading the fingerprint…' : 'Export co-signer file'}
    </button>
  );
}

type Check = { state: 'idle' } | { state: 'checking' } | { state: 'matches' } | { state: 'differs'; shown: string } | { state: 'failed'; error: AppError };

/** "Import co-signer file": the file's fields, and the address checked on a connected device of its kind. */
export function ImportCosignerCard({ devices }: { devices: readonly DeviceInfo[] }) {
  const api = useApi();
  const [file, setFile] = useState<CosignerFile | null>(null);
  const [problem, setProblem] = useState<FileReadError | null>(null);
  const [check, setCheck] = useState<Check>({ state: 'idle' });

  const open = async (chosen: File | undefined) => {
    setFile(null);
    setProblem(null);
    setCheck({ state: 'idle' });
    if (!chosen) return;
    // A co-signer file is a few hundred bytes: the size cap is checked before reading it all.
    const text = chosen.size > 64 * 1024 ? 'x'.repeat(64 * 1024) : await chosen.text();
    const read = readCosignerFile(text);
    if (read.ok) setFile(read.value);
    else setProblem(read.error);
  };

  const verify = async (device: DeviceInfo) => {
    if (!file) return;
    setCheck({ state: 'checking' });
    const answer = await api.call('devices.getAddress', { deviceId: device.id, path: file.path, display: true });
    if (!answer.ok) return setCheck({ state: 'failed', error: answer.error });
    setCheck(getAddress(answer.value.address) === file.address && answer.value.verifiedOnDevice ? { state: 'matches' } : { state: 'differs', shown: answer.value.address });
  };

  const candidates = devices.filter((d) => d.vendor === file?.device && d.state !== 'disconnected');
  return (
    <Card title="Import a co-signer file">
      <p className="muted">A co-signer file names another member’s device account for a vault. Its address is checked; its label is only what the file says.</p>
      <input type="file" accept=".json,application/json" data-testid="import-cosigner" onChange={(e) => void open(e.target.files?.[0])} />
      {problem && <ErrorNotice error={{ ...problem }} />}
      {file && (
        <dl className="facts small" data-testid="cosigner">
          <dt>Address</dt>
          <dd className="mono" data-testid="cosigner-address">
            {file.address}
          </dd>
          <dt>Device</dt>
          <dd>{file.device === 'ledger' ? 'Ledger' : 'Trezor'}</dd>
          <dt>Path</dt>
          <dd className="mono">{file.path}</dd>
          <dt>Fingerprint</dt>
          <dd className="mono">{file.fingerprint ?? 'not given'}</dd>
          <dt>Label (as the file says)</dt>
          <dd>“{file.label}”</dd>
          <dt>Made</dt>
          <dd>{file.createdAt}</dd>
        </dl>
      )}
      {file && (
        <div className="actions">
          {candidates.length === 0 && <p className="muted">Connect the {file.device === 'ledger' ? 'Ledger' : 'Trezor'} to check this address on its screen.</p>}
          {candidates.map((device) => (
            <button key={device.id} type="button" onClick={() => void verify(device)} disabled={check.state === 'checking'}>
              Verify on {device.label}
            </button>
          ))}
          {check.state === 'checking' && <Loading label="Check that the device shows the same address, then confirm on it…" />}
          {check.state === 'matches' && <Badge tone="ok">the device confirmed this address</Badge>}
          {check.state === 'differs' && (
            <p className="warn-text" role="alert" data-testid="cosigner-mismatch">
              This device holds {check.shown} at {file.path}, not the file’s {file.address}: do not use this file as a signer of that device.
            </p>
          )}
          {check.state === 'failed' && <ErrorNotice error={check.error} />}
        </div>
      )}
    </Card>
  );
}
