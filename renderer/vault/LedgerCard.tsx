/**
 * Where the dashboard's numbers come from: the Commons ledger the main process keeps on this
 * machine, its height and head hash, when every signature was last checked from genesis, a button
 * to check again, its export as an update file (whole, or from an entry on), and (for the member's
 * own Commons) an import of the entries that follow.
 */
import { type CommonsView } from '../../shared/contract/commons-view';
import { type LedgerState } from '../ledger/LedgerProvider';
import { ImportLedger } from '../ledger/ImportLedger';
import { ExportLedger } from '../ledger/ExportLedger';
import { Badge, Card, ErrorNotice, Loading } from '../ui/components';

const when = (ms: number) => new Date(ms).toLocaleString();

export function LedgerCard({ commons, ledger }: { commons: CommonsView; ledger: LedgerState }) {
  const busy = ledger.phase !== 'idle';
  return (
    <Card
      title="Verified ledger"
      aside={
        commons.verifiedAt !== null ? (
          <Badge tone="ok" title="Every entry, sequencer quorum and vault signature was checked from genesis on this machine">
            verified from genesis
          </Badge>
        ) : (
          <Badge tone="warn">not re-verified yet</Badge>
        )
      }
    >
      <dl className="facts" data-testid="ledger-facts">
        <dt>Entries</dt>
        <dd data-testid="ledger-height">{commons.height}</dd>
        <dt>Head hash</dt>
        <dd className="mono small" title={commons.headHash}>
          {commons.headHash.slice(0, 18)}…{commons.headHash.slice(-8)}
        </dd>
        <dt>Last full check</dt>
        <dd>{commons.verifiedAt !== null ? when(commons.verifiedAt) : 'never'}</dd>
        {ledger.lastCheck && (
          <>
            <dt>Signatures checked</dt>
            <dd data-testid="ledger-last-check">
              {ledger.lastCheck.signatures.toLocaleString()} signatures over {ledger.lastCheck.entries} entries in {ledger.lastCheck.ms.toLocaleString()} ms
              <span className="muted small"> · recovered by {ledger.lastCheck.recoverer} in the main process</span>
            </dd>
          </>
        )}
      </dl>
      {/* For the member's own Commons the import below shows the error, whichever step it came from. */}
      {commons.demo && ledger.error && <ErrorNotice error={ledger.error} />}
      <div className="actions">
        <button type="button" onClick={() => void ledger.reverify()} disabled={busy}>
          Re-verify from genesis
        </button>
        {ledger.phase === 'verifying' && <Loading label="Replaying every entry and checking every signature…" />}
      </div>
      <ExportLedger commons={commons} ledger={ledger} />
      {!commons.demo && <ImportLedger label="Import the entries that follow (.jsonl)" />}
    </Card>
  );
}
