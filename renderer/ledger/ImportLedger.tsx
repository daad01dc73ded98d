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
  const [stored, setStored] = useState<{ added: number; skipped: number } | null>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setStored(null);
    const result = await ledger.importLog(await file.text());
    if (result.ok) setStored({ added: result.value.added, skipped: result.value.skipped });
  };
  return (
    <div className="import-ledger">
      <label className="file-pick">
        {label}
        <input type="file" accept=".jsonl,.json,application/jsonl,text/plain" data-testid="import-ledger" onChange={(e) => void onFile(e.target.files?.[0])} disabled={ledger.phase !== 'idle'} />
      </label>
      {ledger.phase === 'importing' && <Loading label="Verifying every entry before storing it…" />}
      {stored !== null && <p role="status">{importedWords(stored)}</p>}
      {ledger.error && <ErrorNotice error={ledger.error} />}
    </div>
  );
}

/** A file whose entries were all stored already is a success too: said as one, with what it held. */
export function importedWords({ added, skipped }: { added: number; skipped: number }): string {
  const entries = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;
  if (added === 0) return `Nothing new: this app already holds every entry of this file (${entries(skipped)}), verified.`;
  return `Verified and stored ${entries(added)}${skipped > 0 ? `; the ${entries(skipped)} before them were already stored` : ''}.`;
}
