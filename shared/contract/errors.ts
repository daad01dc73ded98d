/**
 * Errors that cross the renderer/main boundary. Every error is an object with a `kind`
 * (the discriminant the UI switches on to choose its words, in one place), a `message` in
 * plain words for logs, and the numbers or names that explain it. Nothing parses `message`.
 */
import { z } from 'zod';

const JsonScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
type JsonValue = z.infer<typeof JsonScalar> | JsonValue[] | { [key: string]: JsonValue };
const JsonValue: z.ZodType<JsonValue> = z.lazy(() => z.union([JsonScalar, z.array(JsonValue), z.record(z.string(), JsonValue)]));

/** The wire shape every error must have: a kind, a message, and JSON details (amounts as decimal strings). */
export const AppError = z.looseObject({
  kind: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'an error kind in PascalCase'),
  message: z.string(),
}).catchall(JsonValue);
export type AppError = z.infer<typeof AppError>;

/** Errors raised by the contract itself, before or after a service runs. */
export type ContractError =
  | { kind: 'UnknownChannel'; message: string; channel: string }
  | { kind: 'InvalidRequest'; message: string; channel: string; issues: { path: string; message: string }[] }
  | { kind: 'InvalidResponse'; message: string; channel: string; issues: { path: string; message: string }[] }
  | { kind: 'ServiceFailed'; message: string; channel: string }
  | { kind: 'SenderRejected'; message: string; channel: string }
  | { kind: 'BridgeUnavailable'; message: string; reason: string }
  | { kind: 'Cancelled'; message: string; taskId: string };

export const issuesOf = (error: z.ZodError): { path: string; message: string }[] =>
  error.issues.slice(0, 20).map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message }));

export const unknownChannel = (channel: string): ContractError => ({
  kind: 'UnknownChannel',
  message: `No channel named "${channel}" exists in the contract.`,
  channel,
});

export const invalidRequest = (channel: string, error: z.ZodError): ContractError => ({
  kind: 'InvalidRequest',
  message: `The request for "${channel}" does not match its schema.`,
  channel,
  issues: issuesOf(error),
});

export const invalidResponse = (channel: string, error: z.ZodError): ContractError => ({
  kind: 'InvalidResponse',
  message: `The service answered "${channel}" with something its schema does not allow.`,
  channel,
  issues: issuesOf(error),
});

export const serviceFailed = (channel: string, cause: unknown): ContractError => ({
  kind: 'ServiceFailed',
  message: `The service behind "${channel}" failed: ${cause instanceof Error ? cause.message : String(cause)}`,
  channel,
});

/**
 * A typed failure a service may throw from deep inside its own code; the dispatcher turns it
 * into `{ ok: false, error }`. It never crosses the boundary as an exception.
 */
export class ServiceError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'ServiceError';
  }
}
