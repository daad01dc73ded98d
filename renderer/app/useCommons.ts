/**
 * The Commons shown by the dashboard, read from the open workspace's database. For the demo
 * the app first asks the services for the Demo Commons and stores its projection; the
 * screen then reads what is stored (so it survives restarts and reflects later updates).
 */
import { liveQuery } from 'dexie';
import { useCallback, useEffect, useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type AppError } from '../../shared/contract/errors';
import { useApi } from './api/client';
import { loadProjections, saveProjection, type VaultDatabase, type Workspace } from './db/databases';

export type CommonsState =
  | { status: 'loading' }
  | { status: 'ready'; commons: CommonsView[]; syncError: AppError | null }
  | { status: 'failed'; error: AppError };

export function useCommons(workspace: Workspace, db: VaultDatabase): { state: CommonsState; refresh: () => void } {
  const api = useApi();
  const [stored, setStored] = useState<CommonsView[] | null>(null);
  const [syncError, setSyncError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const subscription = liveQuery(() => loadProjections(db)).subscribe({
      next: (views) => setStored(views),
      error: (error: unknown) => setSyncError({ kind: 'StorageFailed', message: error instanceof Error ? error.message : String(error) }),
    });
    return () => subscription.unsubscribe();
  }, [db]);

  useEffect(() => {
    if (workspace !== 'demo') return;
    let cancelled = false;
    void api.call('demo.commons', {}).then(async (answer) => {
      if (cancelled) return;
      if (!answer.ok) {
        setSyncError(answer.error);
        return;
      }
      setSyncError(null);
      await saveProjection(db, answer.value, Date.now());
    });
    return () => {
      cancelled = true;
    };
  }, [api, db, workspace, attempt]);

  const refresh = useCallback(() => setAttempt((n) => n + 1), []);

  if (stored === null) return { state: { status: 'loading' }, refresh };
  if (stored.length === 0 && syncError) return { state: { status: 'failed', error: syncError }, refresh };
  if (stored.length === 0 && workspace === 'demo') return { state: { status: 'loading' }, refresh };
  return { state: { status: 'ready', commons: stored, syncError }, refresh };
}
