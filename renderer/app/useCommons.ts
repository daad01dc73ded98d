/**
 * The Commons shown by the dashboard. The source of truth is the open workspace's ledger on
 * dexie (renderer/ledger/store.ts): every entry verified before it is stored, signatures
 * recovered by the main process. The dashboard reads a projection of it (a CommonsView)
 * kept beside the settings, so that it appears at once after a restart; the projection is
 * rewritten from the ledger after every import and re-verification, never from anything else.
 *
 * The Demo Commons syncs from the services' demo log on open; a member's own Commons comes
 * from a ledger file they import.
 */
import { liveQuery } from 'dexie';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type AppError } from '../../shared/contract/errors';
import { type LedgerError, toWireError } from '../../shared/commons/errors';
import { type CommonsState as LedgerState } from '../../shared/commons/state';
import { toCommonsView } from '../../shared/commons/view';
import { commonsVerifier } from '../ledger/zk-verifier';
import { type Result } from '../../shared/result';
import { CommonsLedger, type ImportReport } from '../ledger/store';
import { RecoveryUnavailable, mainProcessRecoverer, type RecoveryReport } from '../ledger/main-recoverer';
import { type Api, useApi } from './api/client';
import { loadProjections, saveProjection, type VaultDatabase, type Workspace } from './db/databases';

export type CommonsState =
  | { status: 'loading' }
  | { status: 'ready'; commons: CommonsView[]; syncError: AppError | null }
  | { status: 'failed'; error: AppError };

/** What the ledger is doing now, and what its last full check found. */
export interface LedgerActivity {
  phase: 'idle' | 'syncing' | 'verifying';
  /** The last verification of every signature: how many, by which implementation, how long. */
  lastCheck: (RecoveryReport & { entries: number; ms: number; at: number }) | null;
  error: AppError | null;
}

export interface LedgerControls extends LedgerActivity {
  /** Replays every stored entry from genesis and checks the projection against it. */
  reverify(): Promise<void>;
  /** Verifies a JSON Lines log and stores it only if every entry holds (the member's own Commons). */
  importLog(text: string): Promise<Result<ImportReport, LedgerError> | null>;
  /** The stored log as JSON Lines (for the main process to verify it too, before it proves for it). */
  exportLog(): Promise<string>;
  /**
   * Demo only: forgets this app's copy of the Demo Commons and takes the services' demo log again
   * (when the two have forked, e.g. the demo's saved log was set aside). Null for a real Commons.
   */
  startDemoAgain: (() => Promise<void>) | null;
}

export const ledgerDatabaseFor = (workspace: Workspace): string => (workspace === 'demo' ? 'c3-vault-demo-ledger' : 'c3-vault-ledger');

const asAppError = (error: unknown): AppError => {
  if (error instanceof RecoveryUnavailable) return error.error;
  if (error && typeof error === 'object' && 'kind' in error && 'message' in error) return toWireError(error as LedgerError) as AppError;
  return { kind: 'StorageFailed', message: error instanceof Error ? error.message : String(error) };
};

function openLedger(api: Api, workspace: Workspace, onReport: (report: RecoveryReport) => void): CommonsLedger {
  return new CommonsLedger(ledgerDatabaseFor(workspace), { verifier: commonsVerifier(), recoverBatch: mainProcessRecoverer(api, onReport) });
}

/** The projection the dashboard reads, folded from the ledger's state. */
function viewOf(state: LedgerState, workspace: Workspace, verifiedAt: number | null): CommonsView {
  // In the demo every signer is a key of an emulated device (public test mnemonics).
  return toCommonsView(state, { demo: workspace === 'demo', verifiedAt, emulated: () => workspace === 'demo' });
}

export function useCommons(workspace: Workspace, db: VaultDatabase): { state: CommonsState; refresh: () => void; ledger: LedgerControls } {
  const api = useApi();
  const [stored, setStored] = useState<CommonsView[] | null>(null);
  const [syncError, setSyncError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [activity, setActivity] = useState<LedgerActivity>({ phase: 'idle', lastCheck: null, error: null });
  const report = useRef<RecoveryReport | null>(null);
  const ledger = useMemo(() => openLedger(api, workspace, (r) => (report.current = r)), [api, workspace]);
  useEffect(() => () => ledger.close(), [ledger]);

  useEffect(() => {
    const subscription = liveQuery(() => loadProjections(db)).subscribe({
      next: (views) => setStored(views),
      error: (error: unknown) => setSyncError(asAppError(error)),
    });
    return () => subscription.unsubscribe();
  }, [db]);

  const project = useCallback(async () => {
    const head = await ledger.head();
    if (head) await saveProjection(db, viewOf(head.state, workspace, head.verifiedAt), Date.now());
  }, [db, ledger, workspace]);

  const reverifyNow = useCallback(async (): Promise<AppError | null> => {
    report.current = null;
    const started = performance.now();
    const entries = await ledger.height();
    const result = await ledger.reverify();
    if (!result.ok) return asAppError(result.error);
    await project();
    const check = report.current as RecoveryReport | null;
    setActivity((a) => ({
      ...a,
      lastCheck: { signatures: check?.signatures ?? 0, recoverer: check?.recoverer ?? 'none', entries, ms: Math.round(performance.now() - started), at: Date.now() },
    }));
    return null;
  }, [ledger, project]);

  // The Demo Commons: fetch its log, verify it on top of what is stored, project.
  useEffect(() => {
    if (workspace !== 'demo') return;
    let cancelled = false;
    setActivity((a) => ({ ...a, phase: 'syncing', error: null }));
    void (async () => {
      try {
        const answer = await api.call('demo.log', {});
        if (cancelled) return;
        if (!answer.ok) throw new RecoveryUnavailable(answer.error);
        const before = await ledger.height();
        const imported = await ledger.importEntries(answer.value.entries);
        if (!imported.ok) throw imported.error;
        // A first import verified everything from genesis; record it as a full check.
        const problem = before === 0 ? await reverifyNow() : (await project(), null);
        if (problem) throw problem;
        if (!cancelled) setSyncError(null);
      } catch (error) {
        if (!cancelled) setSyncError(asAppError(error));
      } finally {
        if (!cancelled) setActivity((a) => ({ ...a, phase: 'idle' }));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api, ledger, workspace, attempt, project, reverifyNow]);

  const refresh = useCallback(() => setAttempt((n) => n + 1), []);

  const reverify = useCallback(async () => {
    setActivity((a) => ({ ...a, phase: 'verifying', error: null }));
    let error: AppError | null;
    try {
      error = await reverifyNow();
    } catch (thrown) {
      error = asAppError(thrown);
    }
    setActivity((a) => ({ ...a, phase: 'idle', error }));
  }, [reverifyNow]);

  const importLog = useCallback(
    async (text: string) => {
      setActivity((a) => ({ ...a, phase: 'syncing', error: null }));
      try {
        const result = await ledger.importText(text);
        if (result.ok) await project();
        setActivity((a) => ({ ...a, phase: 'idle', error: result.ok ? null : asAppError(result.error) }));
        return result;
      } catch (thrown) {
        setActivity((a) => ({ ...a, phase: 'idle', error: asAppError(thrown) }));
        return null;
      }
    },
    [ledger, project],
  );

  const startDemoAgain = useCallback(async () => {
    await ledger.clear();
    await db.projections.clear();
    setAttempt((n) => n + 1);
  }, [ledger, db]);

  const exportLog = useCallback(() => ledger.exportLog(), [ledger]);

  const controls: LedgerControls = { ...activity, reverify, importLog, exportLog, startDemoAgain: workspace === 'demo' ? startDemoAgain : null };
  if (stored === null) return { state: { status: 'loading' }, refresh, ledger: controls };
  if (stored.length === 0 && syncError) return { state: { status: 'failed', error: syncError }, refresh, ledger: controls };
  if (stored.length === 0 && workspace === 'demo') return { state: { status: 'loading' }, refresh, ledger: controls };
  return { state: { status: 'ready', commons: stored, syncError }, refresh, ledger: controls };
}
