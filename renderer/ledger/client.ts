/**
 * The renderer's client of the ledger service (electron/services/ledger/interface.ts), over the
 * contract: the main process stores, verifies and folds; this only asks, for one workspace.
 */
import { type Action } from '../../shared/commons/log';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type RowAnswer, type RowError } from '../../shared/contract/define';
import { type Result } from '../../shared/result';
import { type Channels } from '../../shared/contract/channels';
import { type CommonsSummary, MAX_HISTORY_PAGE } from '../../shared/contract/ledger';
import { type Hex } from '../../shared/crypto/canonical';
import { ok } from '../../shared/result';
import { type Api } from '../app/api/client';
import { type Workspace } from '../app/db/databases';

export interface LedgerClient {
  /** The Commons to show: `preferred` if it is stored, else the first; null when the workspace holds none. */
  open(preferred: string | null): Promise<Result<{ view: CommonsView; summary: CommonsSummary } | null, RowError<Channels, 'ledger.list' | 'ledger.state'>>>;
  importLog(text: string): Promise<RowAnswer<Channels, 'ledger.import'>>;
  reverify(commonsId: string): Promise<RowAnswer<Channels, 'ledger.reverify'>>;
  /** An update file of the stored entries from `fromSeq` to the head (from 0: the whole log), made by main. */
  exportUpdate(commonsId: string, fromSeq: number): Promise<RowAnswer<Channels, 'ledger.exportUpdate'>>;
  /** An action checked against the current verified state, signatures aside: allowed, or the rule it breaks. */
  preflight(commonsId: string, action: Action, time?: number): Promise<RowAnswer<Channels, 'ledger.preflight'>>;
  history(commonsId: string, from: number, limit?: number): Promise<RowAnswer<Channels, 'ledger.history'>>;
  /** Calls `listener` whenever a Commons of this workspace moved on in main. */
  onChanged(listener: () => void): () => void;
}

export function ledgerClient(api: Api, workspace: Workspace): LedgerClient {
  const ref = (commonsId: string) => ({ workspace, commonsId: commonsId.toLowerCase() as Hex });
  return {
    async open(preferred) {
      const listed = await api.call('ledger.list', { workspace });
      if (!listed.ok) return listed;
      const summary = listed.value.commons.find((c) => c.commonsId === preferred?.toLowerCase()) ?? listed.value.commons[0];
      if (!summary) return ok(null);
      const view = await api.call('ledger.state', ref(summary.commonsId));
      return view.ok ? ok({ view: view.value, summary }) : view;
    },
    importLog: (text) => api.call('ledger.import', { log: text }),
    reverify: (commonsId) => api.call('ledger.reverify', ref(commonsId)),
    exportUpdate: (commonsId, fromSeq) => (fromSeq === 0 ? api.call('ledger.export', ref(commonsId)) : api.call('ledger.exportUpdate', { ...ref(commonsId), fromSeq })),
    preflight: (commonsId, action, time) => api.call('ledger.preflight', { ...ref(commonsId), action, ...(time === undefined ? {} : { time }) }),
    history: (commonsId, from, limit = MAX_HISTORY_PAGE) => api.call('ledger.history', { ...ref(commonsId), from, limit }),
    onChanged: (listener) =>
      api.on('ledger.changed', (change) => {
        if (change.workspace === workspace) listener();
      }),
  };
}
