/**
 * Imports a Commons ledger file (JSON Lines, docs/ledger-format.md) that the Commons' stewards
 * publish, whole or as entries that follow what is stored: the main process verifies every new
 * entry before it stores any, and a file that fails names the first entry that breaks a rule.
 */
import { useState } from 'react';
import { ErrorNotice, Loading } from '../ui/components';
import { useLedger } from './LedgerProvider';

export function ImportLedger({ label = 'Import a Commons ledger (.jsonl)' }: { label?: string }) {
  const ledger = useLedger();
  const [added, setAdded] = useState<number | null>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setAdded(null);
    const result = await ledger.importLog(await file.text());
    if (result.ok) setAdded(result.value.added);
  };
  return (
    <div className="import-ledger">
      <label className="file-pick">
        {label}
        <input type="file" accept=".jsonl,.json,application/jsonl,text/plain" data-testid="import-ledger" onChange={(e) => void onFile(e.target.files?.[0])} disabled={ledger.phase !== 'idle'} />
      </label>
      {ledger.phase === 'importing' && <Loading label="Verifying every entry before storing it…" />}
      {added !== null && <p role="status">Verified and stored {added} entries.</p>}
      {ledger.error && <ErrorNotice error={ledger.error} />}
    </div>
  );
}
