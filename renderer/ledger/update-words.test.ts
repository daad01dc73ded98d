/** What the screens say of update files: a fork as a hard error naming both entries, an export in words, the client's rows. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { type Api } from '../app/api/client';
import { describeError } from '../ui/describe-error';
import { ForkNotice, type ForkError } from './ImportLedger';
import { exportedWords } from './ExportLedger';
import { ledgerClient } from './client';

const stored = `0x${'a1'.repeat(32)}` as const;
const imported = `0x${'b2'.repeat(32)}` as const;
const steward1 = `0x${'11'.repeat(20)}`;
const steward2 = `0x${'22'.repeat(20)}`;
const steward3 = `0x${'33'.repeat(20)}`;
const fork: ForkError = {
  kind: 'Fork',
  message: `Two different entries were sealed at height 12: ${stored} (stored here, sealed by ${steward1}, ${steward2}) and ${imported} (in this file, sealed by ${steward1}, ${steward3}). The stewards signed both; this Commons has forked. Nothing was imported.`,
  seq: 12,
  storedHash: stored,
  importedHash: imported,
  storedSigners: [steward1, steward2],
  importedSigners: [steward1, steward3],
};

describe('a fork, shown', () => {
  it('a fork is a hard error naming both entries and who sealed each, and says nothing was imported', () => {
    const words = describeError(fork);
    expect(words.title).toBe('This Commons has forked at height 12');
    expect(words.detail).toContain(stored);
    expect(words.detail).toContain(imported);
    const html = renderToStaticMarkup(createElement(ForkNotice, { fork }));
    expect(html).toContain('role="alert"');
    expect(html).toContain('Two different entries were sealed at height 12');
    expect(html).toContain('The stewards signed both; this Commons has forked. Nothing was imported.');
    expect(html).toContain(`${stored} · sealed by ${steward1}, ${steward2}`);
    expect(html).toContain(`${imported} · sealed by ${steward1}, ${steward3}`);
  });

  it('an update that skips entries names the missing range', () => {
    const words = describeError({ kind: 'UpdateSkipsEntries', message: 'm', nextStep: 'n', commonsId: stored, fromSeq: 4, toSeq: 6 } as never);
    expect(words.title).toBe('Entries 4 to 6 are missing before this update');
  });
});

describe('an export, said and asked for', () => {
  it('an export says which entries it saved and the head they reach', () => {
    const header = { commonsId: stored, genesisHash: stored, fromSeq: 4, toSeq: 9, headHash: imported };
    expect(exportedWords({ header, fileName: 'x-update-4-9.jsonl' })).toBe(`Saved entries 4 to 9 (6 entries) as x-update-4-9.jsonl; importing it reaches head ${imported}.`);
    expect(exportedWords({ header: { ...header, fromSeq: 0 }, fileName: 'x.jsonl' })).toContain('the whole ledger (10 entries)');
  });

  it('the whole ledger is asked of ledger.export, an update of ledger.exportUpdate, for the client’s own workspace', async () => {
    const asked: [string, unknown][] = [];
    const api = { call: async (channel: string, request: unknown) => (asked.push([channel, request]), { ok: true, value: {} }) } as unknown as Api;
    const client = ledgerClient(api, 'real');
    await client.exportUpdate(stored.toUpperCase().replace('0X', '0x'), 0);
    await client.exportUpdate(stored, 7);
    expect(asked).toEqual([
      ['ledger.export', { workspace: 'real', commonsId: stored }],
      ['ledger.exportUpdate', { workspace: 'real', commonsId: stored, fromSeq: 7 }],
    ]);
  });
});
