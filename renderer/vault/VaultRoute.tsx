/** The dashboard route: the open Commons, what the main process set aside of its log at start, and this member's MEID. */
import { type CommonsView } from '../../shared/contract/commons-view';
import { useWorkspace } from '../app/workspace';
import { useMyMeid } from '../identity/useMyMeid';
import { useLedger } from '../ledger/LedgerProvider';
import { ErrorNotice } from '../ui/components';
import { Dashboard } from './Dashboard';
import { VaultBackupCard } from './VaultBackup';

export function VaultRoute({ commons }: { commons: CommonsView }) {
  const ledger = useLedger();
  const { db } = useWorkspace();
  const meid = useMyMeid(db);
  const status = ledger.status.kind === 'ready' ? ledger.status : null;
  const setAside = status?.summary?.setAside ?? null;
  return (
    <>
      {status?.syncError && <ErrorNotice error={status.syncError} onRetry={ledger.refresh} />}
      {setAside && (
        <p className="notice" role="note" data-testid="set-aside">
          When the app started, the stored log of {commons.name} held only up to entry {setAside.fromSeq - 1}: entry {setAside.fromSeq} did not verify (
          {setAside.reason.message}). That entry and the {setAside.entries - 1} after it were set aside in {setAside.file}, in the app’s data folder; everything shown
          here comes from the entries that verified.
        </p>
      )}
      <Dashboard commons={commons} ledger={ledger} myCommitment={meid.commitment} />
      <VaultBackupCard commons={commons} />
    </>
  );
}
