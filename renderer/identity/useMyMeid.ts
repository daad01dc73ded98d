/** This machine's MEID commitment in the open workspace, remembered after enrolment (public data only). */
import { liveQuery } from 'dexie';
import { useCallback, useEffect, useState } from 'react';
import { type VaultDatabase } from '../app/db/databases';

const KEY = 'my-meid';

export function useMyMeid(db: VaultDatabase): { commitment: string | null; remember: (commitment: string) => Promise<void> } {
  const [commitment, setCommitment] = useState<string | null>(null);
  useEffect(() => {
    const subscription = liveQuery(() => db.settings.get(KEY)).subscribe({
      next: (row) => setCommitment(typeof row?.value === 'string' ? row.value : null),
      error: () => setCommitment(null),
    });
    return () => subscription.unsubscribe();
  }, [db]);
  const remember = useCallback(async (value: string) => {
    await db.settings.put({ key: KEY, value });
  }, [db]);
  return { commitment, remember };
}
