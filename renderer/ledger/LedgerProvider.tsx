/**
 * The one ledger provider of a workspace: every page reads the open Commons from here, instead of
 * subscribing on its own. The main process owns and folds the logs (electron/services/ledger); this
 * asks it for the list of stored Commons and the open one's view, follows `ledger.changed`, and
 * keeps the last view in dexie as a read-model cache, so that a start shows it at once (it is
 * replaced by main's answer as soon as that arrives, and dropped if main no longer has it).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type CommonsSummary } from '../../shared/contract/ledger';
import { type Answer, type ResponseOf } from '../../shared/contract/define';
import { type Channels } from '../../shared/contract/channels';
import { useApi } from '../app/api/client';
import { loadProjections, saveProjection, type VaultDatabase, type Workspace } from '../app/db/databases';
import { ledgerClient } from './client';
import { reverifyError } from './reverify-error';
import { type ShownError } from '../ui/describe-error';

export type ImportReport = ResponseOf<Channels, 'ledger.import'>;
export type UpdateExport = ResponseOf<Channels, 'ledger.exportUpdate'>;

/** Where the open Commons stands: being asked for, shown, absent from this workspace, or unreachable. */
export type LedgerStatus =
  | { kind: 'loading' }
  | { kind: 'ready'; commons: CommonsView; summary: CommonsSummary | null; syncError: ShownError | null }
  | { kind: 'empty' }
  | { kind: 'failed'; error: ShownError };

export interface LedgerActivity {
  phase: 'idle' | 'importing' | 'verifying';
  /** The last full check from genesis run from this window: how many signatures, by what, how long. */
  lastCheck: { signatures: number; entries: number; ms: number; recoverer: string; at: number } | null;
  error: ShownError | null;
}

export interface LedgerState extends LedgerActivity {
  readonly workspace: Workspace;
  readonly status: LedgerStatus;
  /** Asks main again (after a demo action was sequenced, or a retry). */
  refresh(): void;
  /** Verifies a JSON Lines log in the main process and stores it only if every new entry holds. */
  importLog(text: string): Promise<Answer<ImportReport>>;
  /** Replays the open Commons from genesis in the main process, every signature and proof. */
  reverify(): Promise<void>;
  /** An update file of the open Commons' verified entries from `fromSeq` to its head (0: the whole log), made by main. */
  exportUpdate(fromSeq: number): Promise<Answer<UpdateExport>>;
}

const LedgerContext = createContext<LedgerState | null>(null);

export function useLedger(): LedgerState {
  const ledger = useContext(LedgerContext);
  if (!ledger) throw new Error('useLedger outside <LedgerProvider>');
  return ledger;
}

/** The open Commons, when there is one. */
export function useOpenCommons(): CommonsView | null {
  const { status } = useLedger();
  return status.kind === 'ready' ? status.commons : null;
}

export function LedgerProvider({ workspace, db, children }: { workspace: Workspace; db: VaultDatabase; children: ReactNode }) {
  const api = useApi();
  const client = useMemo(() => ledgerClient(api, workspace), [api, workspace]);
  const [status, setStatus] = useState<LedgerStatus>({ kind: 'loading' });
  const [activity, setActivity] = useState<LedgerActivity>({ phase: 'idle', lastCheck: null, error: null });
  const [attempt, setAttempt] = useState(0);
  const asked = useRef(0);
  const shown = useRef<string | null>(null);

  // The cached view first, if main has not answered yet.
  useEffect(() => {
    let live = true;
    void loadProjections(db)
      .then((views) => {
        const cached = views[0];
        if (live && cached) setStatus((now) => (now.kind === 'loading' ? { kind: 'ready', commons: cached, summary: null, syncError: null } : now));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [db]);

  const load = useCallback(async () => {
    const ask = ++asked.current;
    const answer = await client.open(shown.current);
    if (ask !== asked.current) return; // a later ask is under way
    if (!answer.ok) {
      setStatus((now) => (now.kind === 'ready' ? { ...now, syncError: answer.error } : { kind: 'failed', error: answer.error }));
      return;
    }
    if (!answer.value) {
      shown.current = null;
      setStatus({ kind: 'empty' });
      await db.projections.clear().catch(() => undefined);
      return;
    }
    const { view, summary } = answer.value;
    shown.current = view.commonsId;
    setStatus({ kind: 'ready', commons: view, summary, syncError: null });
    await db.transaction('rw', db.projections, async () => {
      await db.projections.clear();
      await saveProjection(db, view, Date.now());
    }).catch(() => undefined);
  }, [client, db]);

  useEffect(() => {
    void load();
  }, [load, attempt]);

  // One subscription for the whole workspace: whatever moved in main, ask again.
  useEffect(() => client.onChanged(() => void load()), [client, load]);

  const refresh = useCallback(() => setAttempt((n) => n + 1), []);

  const importLog = useCallback(
    async (text: string) => {
      setActivity((a) => ({ ...a, phase: 'importing', error: null }));
      const answer = await client.importLog(text);
      setActivity((a) => ({ ...a, phase: 'idle', error: answer.ok ? null : answer.error }));
      if (answer.ok) await load();
      return answer;
    },
    [client, load],
  );

  const reverify = useCallback(async () => {
    if (status.kind !== 'ready') return;
    setActivity((a) => ({ ...a, phase: 'verifying', error: null }));
    const answer = await client.reverify(status.commons.commonsId);
    setActivity((a) => ({
      ...a,
      phase: 'idle',
      error: answer.ok ? null : reverifyError(answer.error),
      lastCheck: answer.ok ? { signatures: answer.value.signatures, entries: answer.value.entries, ms: answer.value.ms, recoverer: answer.value.recoverer, at: answer.value.verifiedAt } : a.lastCheck,
    }));
  }, [client, status]);

  const exportUpdate = useCallback(
    async (fromSeq: number): Promise<Answer<UpdateExport>> => {
      if (status.kind !== 'ready') return { ok: false, error: { kind: 'UnknownCommons', message: 'No Commons is open in this workspace.' } };
      return client.exportUpdate(status.commons.commonsId, fromSeq);
    },
    [client, status],
  );

  const value = useMemo<LedgerState>(
    () => ({ workspace, status, ...activity, refresh, importLog, reverify, exportUpdate }),
    [workspace, status, activity, refresh, importLog, reverify, exportUpdate],
  );
  return <LedgerContext.Provider value={value}>{children}</LedgerContext.Provider>;
}
