/**
 * The shape of one row of the contract table: a name (the key), a zod request schema, a zod
 * response schema and one sentence for people. Schemas are written in their decoded form
 * (bigint amounts); on the wire they are encoded (amounts as decimal strings) with zod codecs,
 * so both sides see bigint and the JSON in between stays exact.
 */
import { type z } from 'zod';
import { type Result } from '../result';
import { type AppError, type ContractError } from './errors';
import { type KnownError, type KnownErrorKind } from './known-errors';
import { type MessageLimits } from './limits';

export interface ChannelSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType, K extends KnownErrorKind = KnownErrorKind> {
  readonly request: Req;
  readonly response: Res;
  readonly summary: string;
  /**
   * The error kinds the service may answer this row with, beside the contract's own (any row may
   * answer those). The dispatcher answers any other kind as `UndeclaredError`, so that the row's
   * error type (`RowError`) is a closed union the renderer can switch on exhaustively.
   */
  readonly errors: readonly K[];
  /**
   * Caps on the request's shape where the defaults (./limits.ts: 1 MiB, 10,000 items, 64
   * levels) do not fit, e.g. a whole member tree in one call. Checked before decoding.
   */
  readonly limits?: Partial<MessageLimits>;
}

export const channel = <Req extends z.ZodType, Res extends z.ZodType, const K extends KnownErrorKind = never>(spec: ChannelSpec<Req, Res, K>): ChannelSpec<Req, Res, K> => spec;

/** Main-to-renderer pushes (progress, hotplug); one zod schema each. */
export interface EventSpec<Payload extends z.ZodType = z.ZodType> {
  readonly payload: Payload;
  readonly summary: string;
}
export const event = <Payload extends z.ZodType>(spec: EventSpec<Payload>): EventSpec<Payload> => spec;

export type ChannelTable = Record<string, ChannelSpec>;
export type EventTable = Record<string, EventSpec>;

export type RequestOf<T extends ChannelTable, C extends keyof T> = z.output<T[C]['request']>;
export type ResponseOf<T extends ChannelTable, C extends keyof T> = z.output<T[C]['response']>;
export type PayloadOf<T extends EventTable, E extends keyof T> = z.output<T[E]['payload']>;

/** What a service answers: its value, or a typed error. */
export type Answer<T> = Result<T, AppError>;

/** The kinds a row declares (`errors`). */
export type DeclaredKindOf<T extends ChannelTable, C extends keyof T> = T[C]['errors'][number];

/** The closed union of errors a row may answer with: the contract's own, and the kinds it declares. */
export type RowError<T extends ChannelTable, C extends keyof T> = ContractError | Extract<KnownError, { kind: DeclaredKindOf<T, C> }>;

/** What the renderer receives from a row: its value, or one of the row's errors. */
export type RowAnswer<T extends ChannelTable, C extends keyof T> = Result<ResponseOf<T, C>, RowError<T, C>>;
