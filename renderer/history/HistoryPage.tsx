/**
 * The history browser: the verified log's actions in words (who signed, who sealed, when),
 * searched by a member, a vault, a kind or an amount as written, a page at a time. The main
 * process reads and describes its verified log (`ledger.searchHistory`); nothing here folds it.
 */
import { useEffect, useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type AppError } from '../../shared/contract/errors';
import { type ResponseOf } from '../../shared/contract/define';
import { type Channels } from '../../shared/contract/channels';
import { useApi } from '../app/api/client';
import { useLedger } from '../ledger/LedgerProvider';
import { Card, ErrorNotice, Loading } from '../ui/components';

const PAGE = 20;
type Page = ResponseOf<Channels, 'ledger.searchHistory'>;

export function HistoryPage({ commons }: { commons: CommonsView }) {
  const api = useApi();
  const { workspace } = useLedger();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ key: string; page: Page } | { key: string; error: AppError } | null>(null);
  const key = `${commons.commonsId} ${commons.height} ${query} ${offset}`;

  useEffect(() => {
    let cancelled = false;
    void api.call('ledger.searchHistory', { workspace, commonsId: commons.commonsId.toLowerCase() as `0x${string}`, query, offset, limit: PAGE }).then((answer) => {
      if (cancelled) return;
      setPage(answer.ok ? { key, page: answer.value } : { key, error: answer.error });
    });
    return () => {
      cancelled = true;
    };
  }, [api, workspace, commons.commonsId, query, offset, key]);

  const shown = page?.key === key ? page : null;
  const search = () => {
    setOffset(0);
    setQuery(typed.trim());
  };
  return (
    <Card title="History of the verified ledger">
      <form
        className="actions"
        onSubmit={(e) => {
          e.preventDefault();
          search();
        }}
      >
        <label>
          Search the history
          <input type="search" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="a member, a vault, a kind, an amount such as 12.5 CONX" />
        </label>
        <button type="submit">Search</button>
      </form>
      {!shown && <Loading label="Reading the verified log…" />}
      {shown && 'error' in shown && <ErrorNotice error={shown.error} />}
      {shown && 'page' in shown && (
        <>
          <p className="small" data-testid="history-total">
            {shown.page.total === 0
              ? `No action of the ${shown.page.height} entries matches${query ? ` “${query}”` : ''}.`
              : `${shown.page.total} action${shown.page.total === 1 ? '' : 's'}${query ? ` match “${query}”` : ''}; showing ${offset + 1}–${offset + shown.page.rows.length}, newest first.`}
          </p>
          <ol className="history">
            {shown.page.rows.map((row) => (
              <li key={`${row.seq}.${row.index}`} data-testid="history-row" data-seq={row.seq} data-kind={row.kind}>
                <p>
                  <strong>Entry {row.seq}</strong> · {new Date(row.time * 1000).toLocaleString()} · <span className="mono small">{row.kind}</span>
                </p>
                <p data-testid="history-words">{row.words}</p>
                <p className="small muted">
                  {row.signedBy.length > 0 ? `Signed by ${row.signedBy.join(', ')}. ` : 'No vault signature (sealed by the sequencers, or authorised by a proof). '}
                  Sealed by {row.sealedBy.join(', ')}.
                </p>
              </li>
            ))}
          </ol>
          <div className="actions">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Newer
            </button>
            <button type="button" disabled={offset + PAGE >= shown.page.total} onClick={() => setOffset(offset + PAGE)}>
              Older
            </button>
          </div>
        </>
      )}
    </Card>
  );
}
