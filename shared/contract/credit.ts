/**
 * The credit rows of the contract (SPEC §4, VELOC). The dashboard's view holds a credit line as
 * it stands; how its health moved needs the states along the log, which only the main process
 * has (it owns and verifies every log, and the renderer never folds one): `credit.history` reads
 * them from the verified log and answers with one point per entry that changed the line or a price.
 */
import { z } from 'zod';
import { channel } from './define';
import { Address } from '../commons/view-schema';
import { Amount } from '../money';
import { Hash } from '../commons/log';
import { LedgerWorkspace } from './ledger';
import { CREDIT_HISTORY_ERRORS } from './ledger-errors';

/** The most points one answer holds: the latest ones (a chart has no room for more). */
export const MAX_CREDIT_POINTS = 1_000;

export const CreditPointCause = z.enum(['line', 'price', 'line-and-price']);

export const CreditPoint = z.strictObject({
  /** The entry after which the line stood so. */
  seq: z.number().int().nonnegative(),
  /** The entry's time (seconds). */
  time: z.number().int().nonnegative(),
  /** Health in bps of 1.0; null while the line has no debt. */
  healthBps: z.number().int().nonnegative().nullable(),
  /** CONX minor units. */
  capacity: Amount,
  debt: Amount,
  /** What the entry changed: the line (an action on it, fees accruing), a price, or both. */
  cause: CreditPointCause,
});
export type CreditPoint = z.output<typeof CreditPoint>;

export const creditChannels = {
  'credit.history': channel({
    request: z.strictObject({ workspace: LedgerWorkspace, commonsId: Hash, vault: Address }),
    response: z.strictObject({
      /** The log's height the history was read to. */
      height: z.number().int().nonnegative(),
      points: z.array(CreditPoint).max(MAX_CREDIT_POINTS),
      /** Earlier points left out (beyond MAX_CREDIT_POINTS). */
      earlier: z.number().int().nonnegative(),
    }),
    errors: [...CREDIT_HISTORY_ERRORS],
    summary: 'How a vault’s credit line stood (health, capacity, debt) after each verified entry that changed it or a price, read by the main process from the verified log.',
  }),
} as const;

export type CreditChannels = typeof creditChannels;
