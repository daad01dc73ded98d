/**
 * Exporting the open Commons' verified log as an update file (docs/invite-and-update-files.md):
 * the whole log, for a member or steward to keep or pass on, or the entries from one on, for the
 * stewards to hand to members after they sealed them. Main makes the file from the log it stores
 * and verified; this only saves it.
 */
import { useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { ErrorNotice } from '../ui/components';
import { type ShownError } from '../ui/describe-error';
import { saveTextFile } from '../ui/save-file';
import { type LedgerState, type UpdateExport } from './LedgerProvider';

/** What was saved, in words: which entries, and the head a member's app reaches by importing them. */
export function exportedWords({ header, fileName }: Pick<UpdateExport, 'header' | 'fileName'>): string {
  const count = header.toSeq - header.fromSeq + 1;
  const what = header.fromSeq === 0 ? `the whole ledger (${count} ${count === 1 ? 'entry' : 'entries'})` : `entries ${header.fromSeq} to ${header.toSeq} (${count} ${count === 1 ? 'entry' : 'entries'})`;
  return `Saved ${what} as ${fileName}; importing it reaches head ${header.headHash}.`;
}

export function ExportLedger({ commons, ledger }: { commons: CommonsView; ledger: LedgerState }) {
  const last = Math.max(0, commons.height - 1);
  const [from, setFrom] = useState(last);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const fromSeq = Math.min(Math.max(0, Math.floor(from)), last);

  const save = async (start: number) => {
    setBusy(true);
    setSaved(null);
    setError(null);
    const answer = await ledger.exportUpdate(start);
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    saveTextFile(answer.value.fileName, answer.value.text, 'application/jsonl');
    setSaved(exportedWords(answer.value));
  };

  return (
    <div className="export-ledger">
      <div className="actions">
        <button type="button" data-testid="export-ledger" onClick={() => void save(0)} disabled={busy || commons.height === 0}>
          Export ledger
        </button>
        <label>
          from entry{' '}
          <input
            type="number"
            min={0}
            max={last}
            value={fromSeq}
            data-testid="export-from"
            onChange={(e) => setFrom(Number(e.target.value))}
            style={{ width: '6rem' }}
          />
        </label>
        <button type="button" data-testid="export-update" onClick={() => void save(fromSeq)} disabled={busy || commons.height === 0}>
          Export update from entry {fromSeq}
        </button>
      </div>
      {saved && (
        <p role="status" className="small" data-testid="export-saved">
          {saved}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
