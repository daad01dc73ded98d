/**
 * Vault backup files (docs/backup-and-cosigner-files.md): export a vault's configuration and
 * co-signers (no secrets), and restore one made on another machine. A restored file is shown only
 * once `checkVaultBackup` found the vault in this verified ledger with exactly its signers and
 * threshold; otherwise the refusal names what differs.
 */
import { useState } from 'react';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { type FileReadError } from '../../shared/backup/read-file';
import { type VaultBackupMismatch, checkVaultBackup, readVaultBackup, writeVaultBackup } from '../../shared/backup/vault-backup-file';
import { Badge, Card, ErrorNotice } from '../ui/components';
import { saveJsonFile } from '../ui/save-file';

const fileName = (vault: VaultView) => `c3-vault-${vault.address.slice(2, 10).toLowerCase()}.json`;

export function VaultBackupCard({ commons }: { commons: CommonsView }) {
  const [chosen, setChosen] = useState(commons.vaults[0]?.address ?? '');
  const [restored, setRestored] = useState<VaultView | null>(null);
  const [problem, setProblem] = useState<FileReadError | VaultBackupMismatch | null>(null);

  const exportBackup = () => {
    const vault = commons.vaults.find((v) => v.address === chosen);
    if (!vault) return;
    try {
      saveJsonFile(fileName(vault), JSON.parse(writeVaultBackup(commons.commonsId, vault, new Date())));
    } catch (cause) {
      // The ledger holds a vault the file format cannot carry (a path outside BIP32's, say): said, not thrown.
      setProblem({ kind: 'FileInvalid', file: 'vault backup file', path: '(vault)', problem: String(cause).slice(0, 200), message: 'This vault cannot be written as a vault backup file.' });
    }
  };

  const open = async (file: File | undefined) => {
    setRestored(null);
    setProblem(null);
    if (!file) return;
    // A vault backup is a few KB: a larger file is refused by its size before it is read whole.
    const read = readVaultBackup(file.size > 64 * 1024 ? 'x'.repeat(64 * 1024) : await file.text());
    if (!read.ok) return setProblem(read.error);
    const checked = checkVaultBackup(read.value, commons);
    if (checked.ok) setRestored(checked.value);
    else setProblem(checked.error);
  };

  return (
    <Card title="Vault backups" aside={<span className="muted">Configuration and co-signers only: no secrets</span>}>
      <div className="actions">
        <select value={chosen} onChange={(e) => setChosen(e.target.value)} aria-label="Vault to back up">
          {commons.vaults.map((v) => (
            <option key={v.address} value={v.address}>
              {v.name} ({v.threshold}-of-{v.signers.length})
            </option>
          ))}
        </select>
        <button type="button" onClick={exportBackup} disabled={!chosen} data-testid="export-vault-backup">
          Export vault backup
        </button>
      </div>
      <p className="muted">Restore a vault backup made on another machine: it is shown only if this verified ledger holds the vault with exactly its signers and threshold.</p>
      <input type="file" accept=".json,application/json" data-testid="open-vault-backup" onChange={(e) => void open(e.target.files?.[0])} />
      {problem && <ErrorNotice error={{ ...problem }} />}
      {restored && (
        <div data-testid="restored-vault">
          <p>
            <Badge tone="ok">matches the verified ledger</Badge> <strong>{restored.name}</strong> · {restored.threshold}-of-{restored.signers.length} ·{' '}
            <span className="mono small">{restored.address}</span>
          </p>
          <ul className="small">
            {restored.signers.map((s) => (
              <li key={s.address}>
                <span className="mono">{s.address}</span> {s.device} {s.path} — {s.label}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
