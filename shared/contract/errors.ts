/**
 * Errors that cross the renderer/main boundary. Every error is an object with a `kind`
 * (the discriminant the UI switches on to choose its words, in one place), a `message` in
 * plain words for logs, and the numbers or names that explain it. Nothing parses `message`.
 */
import { z } from 'zod';
import { type ShapeRefusal } from './limits';

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
  | { kind: 'Cancelled'; message: string; taskId: string }
  | ({ message: string; channel: string } & ShapeRefusal)
  | { kind: 'CallRateExceeded'; message: string; channel: string; callsPerSecond: number; burst: number }
  /** A service answered with a kind its row does not declare (define.ts `errors`): a bug of the service, not passed through. */
  | { kind: 'UndeclaredError'; message: string; channel: string; undeclaredKind: string };

export type ContractErrorKind = ContractError['kind'];

/** The contract's own kinds, which any row may answer (a mapped record: no kind left out). */
export const CONTRACT_ERRORS: { readonly [K in ContractErrorKind]: true } = {
  UnknownChannel: true,
  InvalidRequest: true,
  InvalidResponse: true,
  ServiceFailed: true,
  SenderRejected: true,
  BridgeUnavailable: true,
  Cancelled: true,
  MessageTooDeep: true,
  MessageTooLarge: true,
  MessagePartTooLong: true,
  MessageNotJson: true,
  CallRateExceeded: true,
  UndeclaredError: true,
};

/** A row's declared kinds (define.ts `errors`) and the contract's own, which any row may answer. */
export const declaredKinds = (errors: readonly string[] | undefined): ReadonlySet<string> => new Set([...Object.keys(CONTRACT_ERRORS), ...(errors ?? [])]);

/** Whether an error is one of the contract's own (said in the contract's words), not a service's. */
export const isContractError = (error: { readonly kind: string }): error is ContractError => Object.hasOwn(CONTRACT_ERRORS, error.kind);

/** A service's error of a kind its row does not declare, answered instead of it. */
export const undeclaredError = (channel: string, undeclaredKind: string): ContractError => ({
  kind: 'UndeclaredError',
  message: `The service behind "${channel}" answered with an error of kind "${undeclaredKind.slice(0, 100)}", which that channel does not declare.`,
  channel,
  undeclaredKind: undeclaredKind.slice(0, 100),
});

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

/** A request refused before decoding, for its shape (./limits.ts), in plain words. */
export const messageRefused = (channel: string, refusal: ShapeRefusal): ContractError => ({
  ...refusal,
  channel,
  message: `The request for "${channel}" was refused before reading it: ${shapeWords(refusal)}`,
});

function shapeWords(refusal: ShapeRefusal): string {
  switch (refusal.kind) {
    case 'MessageTooDeep':
      return `it nests lists and objects more than ${refusal.max} levels deep.`;
    case 'MessageTooLarge':
      return `it is larger than ${refusal.max} bytes.`;
    case 'MessagePartTooLong':
      return `the ${refusal.part} at ${refusal.path} has ${refusal.length} ${refusal.part === 'array' ? 'items' : 'characters'}, more than the ${refusal.max} allowed.`;
    case 'MessageNotJson':
      return `it holds ${refusal.found} at ${refusal.path}, which no request of the app ever does.`;
  }
}

/** A request whose decoding threw (it should not, after the shape check): still a typed refusal. */
export const undecodableRequest = (channel: string, cause: unknown): ContractError => ({
  kind: 'InvalidRequest',
  message: `The request for "${channel}" could not be decoded.`,
  channel,
  issues: [{ path: '(root)', message: `decoding failed: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`.slice(0, 300) }],
});

/** An answer whose decoding threw in the renderer (a stack overflow, say): a typed error, not a rejected promise. */
export const undecodableResponse = (channel: string, cause: unknown): ContractError => ({
  kind: 'InvalidResponse',
  message: `The answer to "${channel}" could not be decoded.`,
  channel,
  issues: [{ path: '(root)', message: `decoding failed: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`.slice(0, 300) }],
});

/** The browser bridge answers this when one connection calls faster than its rate limit. */
export const callRateExceeded = (channel: string, callsPerSecond: number, burst: number): ContractError => ({
  kind: 'CallRateExceeded',
  message: `The call to "${channel}" was refused: this connection may make ${callsPerSecond} calls a second (${burst} at once), and it made more. Wait a moment and try again.`,
  channel,
  callsPerSecond,
  burst,
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
