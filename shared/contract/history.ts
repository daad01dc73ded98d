/**
 * The history browser's row of the contract: the verified log's actions in words, searched and
 * paged by the main process (which owns the log; the renderer never folds or reads it whole).
 */
import { z } from 'zod';
import { channel } from './define';
import { Hash } from '../commons/log';
import { LedgerWorkspace } from './ledger';
import { QUERY_ERRORS } from './ledger-errors';

/** The most rows one history page holds. */
export const MAX_HISTORY_ROWS = 100;

export const HistoryRowView = z.strictObject({
  seq: z.number().int().nonnegative(),
  index: z.number().int().nonnegative(),
  time: z.number().int().nonnegative(),
  kind: z.string(),
  vault: z.string(),
  words: z.string(),
  signedBy: z.array(z.string()).max(15),
  sealedBy: z.array(z.string()).max(15),
});

export const historyChannels = {
  'ledger.searchHistory': channel({
    request: z.strictObject({
      workspace: LedgerWorkspace,
      commonsId: Hash,
      /** Words that must all appear (a member, a vault, a kind, an amount as written); empty: every action. */
      query: z.string().max(200),
      offset: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
      limit: z.number().int().min(1).max(MAX_HISTORY_ROWS),
    }),
    response: z.strictObject({
      /** The log's height the rows were read to. */
      height: z.number().int().nonnegative(),
      /** How many actions match in all. */
      total: z.number().int().nonnegative(),
      rows: z.array(HistoryRowView).max(MAX_HISTORY_ROWS),
    }),
    summary: 'A page of a stored Commons’ verified actions in words (who signed, who sealed, when), newest first, that match the words searched for.',
    errors: [...QUERY_ERRORS],
  }),
} as const;

export type HistoryChannels = typeof historyChannels;
