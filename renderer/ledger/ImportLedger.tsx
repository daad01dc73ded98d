/**
 * Imports a Commons ledger file (JSON Lines, docs/ledger-format.md) that the Commons' stewards
 * publish, whole or as entries that follow what is stored: the main process verifies every new
 * entry before it stores any, and a file that fails names the first entry that breaks a rule.
 */
import { useState } from 'react';
import { ErrorNotice, Loading } from '../ui/components';
import { type ShownError, describeError } from '../ui/describe-error';
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
      {ledger.error && (isFork(ledger.error) ? <ForkNotice fork={ledger.error} /> : <ErrorNotice error={ledger.error} />)}
    </div>
  );
}

/** A fork as main reports it: two entries sealed at one height, with who sealed each. */
export interface ForkError extends ShownError {
  readonly kind: 'Fork';
  readonly seq: number;
  readonly storedHash: string;
  readonly importedHash: string;
  readonly storedSigners: readonly string[];
  readonly importedSigners: readonly string[];
}

export const isFork = (error: ShownError): error is ForkError => error.kind === 'Fork';

/**
 * A fork is not one more refused file: the stewards signed two histories. Shown as a hard error of
 * its own, both entries in full with who sealed each, so that members can compare them with others.
 */
export function ForkNotice({ fork }: { fork: ForkError }) {
  const words = describeError(fork);
  return (
    <div className="notice notice-error notice-fork" role="alert" data-testid="fork-error">
      <strong>{words.title}</strong>
      <p>
        Two different entries were sealed at height {fork.seq}. The stewards signed both; this Commons has forked. Nothing was imported.
      </p>
      <dl className="facts">
        <dt>Stored here</dt>
        <dd className="mono small" data-testid="fork-stored">
          {fork.storedHash} · sealed by {fork.storedSigners.join(', ')}
        </dd>
        <dt>In this file</dt>
        <dd className="mono small" data-testid="fork-imported">
          {fork.importedHash} · sealed by {fork.importedSigners.join(', ')}
        </dd>
      </dl>
      {words.next && <p className="notice-next">{words.next}</p>}
    </div>
  );
}

/** A file whose entries were all stored already is a success too: said as one, with what it held. */
export function importedWords({ added, skipped }: { added: number; skipped: number }): string {
  const entries = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;
  if (added === 0) return `Nothing new: this app already holds every entry of this file (${entries(skipped)}), verified.`;
  return `Verified and stored ${entries(added)}${skipped > 0 ? `; the ${entries(skipped)} before them were already stored` : ''}.`;
}
