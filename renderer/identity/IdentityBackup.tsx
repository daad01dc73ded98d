/**
 * Backing up and restoring the member's MEID secret (docs/backup-and-cosigner-files.md). The
 * passphrase goes to the main process, which seals or opens the file (scrypt, XChaCha20-Poly1305);
 * the secret itself never reaches this window. The passphrase is typed twice on export, and the
 * policy (at least 12 characters) is said before the member chooses one.
 */
import { useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type AppError } from '../../shared/contract/errors';
import { type Hex } from '../../shared/crypto/canonical';
import { MIN_PASSPHRASE_LENGTH, passphraseProblem } from '../../shared/backup/meid-backup-file';
import { useApi } from '../app/api/client';
import { Badge, Card, ErrorNotice } from '../ui/components';
import { saveJsonFile } from '../ui/save-file';

export function IdentityBackupCard({ commons }: { commons: CommonsView }) {
  const api = useApi();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [restorePassphrase, setRestorePassphrase] = useState('');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const policy = passphrase ? passphraseProblem(passphrase) : null;
  const mismatch = again !== '' && again !== passphrase;
  const canExport = !busy && passphrase !== '' && policy === null && again === passphrase;

  const exportBackup = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    const answer = await api.call('identity.exportBackup', { commonsId: commons.commonsId as Hex, passphrase });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    saveJsonFile(answer.value.fileName, JSON.parse(answer.value.file));
    setPassphrase('');
    setAgain('');
    setDone(`Backup saved as ${answer.value.fileName}. Keep it and the passphrase in two different places.`);
  };

  const restore = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setDone(null);
    const answer = await api.call('identity.restoreBackup', { file: file.text, passphrase: restorePassphrase });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setRestorePassphrase('');
    setDone(answer.value.restored ? `Identity restored (commitment ${answer.value.commitment.slice(0, 12)}…).` : 'This identity was already on this machine; nothing changed.');
  };

  return (
    <Card title="Back up your identity">
      <p>
        <Badge tone="warn">important</Badge> Your MEID secret exists only on this machine. If you lose both the backup file and its passphrase, the
        identity is lost: nobody, not even the stewards, can recover it.
      </p>
      <p>Choose a passphrase of at least {MIN_PASSPHRASE_LENGTH} characters (a few unrelated words work well) that you use nowhere else.</p>
      <label>
        Passphrase <input type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} data-testid="backup-passphrase" />
      </label>
      <label>
        Passphrase again <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} data-testid="backup-passphrase-again" />
      </label>
      {policy && <p role="status">{policy}</p>}
      {mismatch && <p role="status">The two passphrases differ.</p>}
      <button type="button" disabled={!canExport} onClick={() => void exportBackup()} data-testid="export-identity-backup">
        Export identity backup
      </button>

      <h3>Restore from a backup</h3>
      <p>Restoring never replaces an identity already on this machine.</p>
      <input
        type="file"
        accept=".json,application/json"
        data-testid="open-identity-backup"
        onChange={(e) => {
          const chosen = e.target.files?.[0];
          // A backup is a few KB: a larger file is not one, and is not read.
          if (chosen && chosen.size <= 16 * 1024) void chosen.text().then((text) => setFile({ name: chosen.name, text }));
          else if (chosen) setError({ kind: 'BackupFileRefused', message: `${chosen.name} is larger than an identity backup ever is, so it was not read.`, nextStep: 'Choose the c3-identity-….json file C3 Vault exported.', reason: 'FileTooLarge' });
        }}
      />
      <label>
        Its passphrase <input type="password" autoComplete="off" value={restorePassphrase} onChange={(e) => setRestorePassphrase(e.target.value)} data-testid="restore-passphrase" />
      </label>
      <button type="button" disabled={busy || !file || restorePassphrase === ''} onClick={() => void restore()} data-testid="restore-identity-backup">
        Restore identity
      </button>
      {error && <ErrorNotice error={error} />}
      {done && <p role="status">{done}</p>}
    </Card>
  );
}
