/** The enrolment route: EnrolPage for the open Commons, remembering this machine's MEID commitment once enrolled. */
import { type CommonsView } from '../../shared/contract/commons-view';
import { useWorkspace } from '../app/workspace';
import { useLedger } from '../ledger/LedgerProvider';
import { EnrolPage } from './EnrolPage';
import { IdentityBackupCard } from './IdentityBackup';
import { useMyMeid } from './useMyMeid';

export function EnrolRoute({ commons }: { commons: CommonsView }) {
  const { workspace, db } = useWorkspace();
  const ledger = useLedger();
  const meid = useMyMeid(db);
  return (
    <>
    <EnrolPage
      commons={commons}
      demo={workspace === 'demo'}
      onEnrolled={(commitment) => {
        void meid.remember(commitment);
        ledger.refresh();
      }}
    />
    <IdentityBackupCard commons={commons} />
    </>
  );
}
