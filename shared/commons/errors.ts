/**
 * Every rule the ledger enforces, as a typed error that names it and carries the numbers
 * (SPEC §0: rejected whole, state left exactly as it was): the core's (core-errors.ts) and each
 * registered module's (`<module>/errors.ts`), whose tables force a sentence per kind. Amounts stay
 * bigint here; `toWireError` writes them as decimal strings where an error crosses a boundary.
 */
import { bigintReplacer } from '../result';
import { type ErrorOf, type LedgerErrorOf } from './compose';
import { commons } from './ledger';
import { type ExtraOf } from './module';
import { type modules } from './registry';

export type CommonsError = ErrorOf<typeof modules>;
export type CommonsErrorKind = CommonsError['kind'];

/** Where in the log an error happened: entry `seq`, and the action's index inside it if any. */
export type LedgerError = LedgerErrorOf<typeof modules>;

/** Builds a typed error; its message says the rule in plain words, with the numbers. */
export const fail = <K extends CommonsErrorKind>(kind: K, extra: ExtraOf<CommonsError, K>): Extract<CommonsError, { kind: K }> => commons.fail(kind, extra);

/** The wire form of an error: amounts as decimal strings (shared/contract/errors.ts `AppError`). */
export const toWireError = (error: CommonsError | LedgerError): Record<string, unknown> & { kind: string; message: string } =>
  JSON.parse(JSON.stringify(error, bigintReplacer)) as Record<string, unknown> & { kind: string; message: string };
