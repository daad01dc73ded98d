import { describe, expect, it } from 'vitest';
import { demoLog } from '../commons/demo';
import { commons, demoKeys } from './fixtures';
import { historyRows, matchesQuery, searchHistory } from './history';

const entries = demoLog(demoKeys);
const rows = historyRows(commons, entries);

describe('the history browser’s rows (the verified log in words)', () => {
  it('one row per action of every entry, genesis included, each said in words with who sealed it', () => {
    expect(rows).toHaveLength(entries.reduce((n, e) => n + e.actions.length, 0));
    expect(rows[0]).toMatchObject({ seq: 0, index: 0, kind: 'commons.genesis' });
    expect(rows[0]!.words).toContain('begins, with its treasury');
    for (const row of rows) {
      expect(row.words, `${row.seq}.${row.index}`).not.toMatch(/undefined|NaN|\[object/);
      expect(row.sealedBy.length).toBeGreaterThan(0);
    }
  });

  it('is searched by member, vault, kind and amount text; every word must match', () => {
    const transfers = rows.filter((r) => r.kind === 'token.transfer');
    expect(transfers.length).toBeGreaterThan(0);
    const sample = transfers[0]!;
    const amount = /Send ([0-9.,]+ [A-Z]+)/.exec(sample.words)![1]!;
    expect(matchesQuery(sample, amount)).toBe(true);
    expect(matchesQuery(sample, `token.transfer ${amount.toLowerCase()}`)).toBe(true);
    expect(matchesQuery(sample, `${amount} nobody-at-all`)).toBe(false);
    const alice = searchHistory(rows, 'alice', 0, 1000);
    expect(alice.total).toBeGreaterThan(0);
    expect(alice.rows.every((r) => (r.words + r.signedBy.join(' ')).toLowerCase().includes('alice'))).toBe(true);
    expect(searchHistory(rows, 'treasury', 0, 1000).total).toBeGreaterThan(0);
  });

  it('pages newest first', () => {
    const all = searchHistory(rows, '', 0, 1000);
    expect(all.total).toBe(rows.length);
    const first = searchHistory(rows, '', 0, 3);
    const second = searchHistory(rows, '', 3, 3);
    expect(first.rows).toEqual(all.rows.slice(0, 3));
    expect(second.rows).toEqual(all.rows.slice(3, 6));
    expect(first.rows[0]!.seq).toBe(entries.at(-1)!.seq);
  });
});
