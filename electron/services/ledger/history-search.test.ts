import { describe, expect, it } from 'vitest';
import { demoLog } from '../../../shared/commons/demo';
import { ok, err } from '../../../shared/result';
import { commons, demoKeys } from '../../../shared/quorum/fixtures';
import { historySearcher } from './history-search';
import { type LedgerService } from './interface';

const entries = demoLog(demoKeys);

function fakeService(reads: { pages: number }): Pick<LedgerService, 'history' | 'view'> {
  return {
    view: async (_w, id) => (id === commons.commonsId ? ok(commons) : err({ kind: 'UnknownCommons', message: 'no such Commons', commonsId: id } as never)),
    history: async (_w, _id, from, limit) => {
      reads.pages++;
      return ok({ height: entries.length, entries: entries.slice(from, from + limit) });
    },
  };
}

describe('ledger.searchHistory (main)', () => {
  it('answers a page of the verified actions in words, newest first, read once per height', async () => {
    const reads = { pages: 0 };
    const search = historySearcher(fakeService(reads));
    const page = await search('demo', commons.commonsId, 'alice', 0, 5);
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value.height).toBe(commons.height);
    expect(page.value.rows.length).toBeGreaterThan(0);
    expect(page.value.rows.length).toBeLessThanOrEqual(5);
    expect(page.value.rows.every((r) => (r.words + r.signedBy.join(' ')).toLowerCase().includes('alice'))).toBe(true);
    const again = await search('demo', commons.commonsId, 'treasury', 5, 5);
    expect(again.ok).toBe(true);
    expect(reads.pages).toBe(1);
  });

  it('a Commons it does not store is UnknownCommons', async () => {
    const search = historySearcher(fakeService({ pages: 0 }));
    expect(await search('real', `0x${'77'.repeat(32)}`, '', 0, 5)).toMatchObject({ ok: false, error: { kind: 'UnknownCommons' } });
  });
});
