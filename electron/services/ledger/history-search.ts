/**
 * `ledger.searchHistory`: the verified log's actions in words (shared/quorum/history.ts), searched
 * and paged here, where the log is. The rows of the Commons last asked about are kept for its
 * height, so that paging and refining a search reads and describes the log once; an entry more
 * describes the whole log again (names are the current ledger's: a vault renamed reads by its
 * new name throughout).
 */
import { type HistoryPage, type HistoryRow, historyRows, searchHistory } from '../../../shared/quorum/history';
import { MAX_HISTORY_PAGE } from '../../../shared/contract/ledger';
import { type Entry } from '../../../shared/commons/log';
import { type Result, ok } from '../../../shared/result';
import { type LedgerService, type LedgerWorkspace } from './interface';
import { type LedgerServiceError } from './errors';

export function historySearcher(service: Pick<LedgerService, 'history' | 'view'>) {
  let cached: { key: string; rows: HistoryRow[] } | null = null;

  async function rowsOf(workspace: LedgerWorkspace, commonsId: string): Promise<Result<{ height: number; rows: HistoryRow[] }, LedgerServiceError>> {
    const view = await service.view(workspace, commonsId);
    if (!view.ok) return view;
    const key = `${workspace} ${view.value.commonsId} ${view.value.height}`;
    if (cached?.key === key) return ok({ height: view.value.height, rows: cached.rows });
    const entries: Entry[] = [];
    for (let from = 0; from < view.value.height; from += MAX_HISTORY_PAGE) {
      const page = await service.history(workspace, commonsId, from, MAX_HISTORY_PAGE);
      if (!page.ok) return page;
      entries.push(...page.value.entries.filter((e) => e.seq < view.value.height));
    }
    const rows = historyRows(view.value, entries);
    cached = { key, rows };
    return ok({ height: view.value.height, rows });
  }

  return async (workspace: LedgerWorkspace, commonsId: string, query: string, offset: number, limit: number): Promise<Result<HistoryPage & { height: number }, LedgerServiceError>> => {
    const found = await rowsOf(workspace, commonsId);
    if (!found.ok) return found;
    return ok({ height: found.value.height, ...searchHistory(found.value.rows, query, offset, limit) });
  };
}
