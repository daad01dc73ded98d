/**
 * What actually crosses IPC and the bridge's WebSocket: JSON-safe values only. Requests and
 * responses are encoded with their schemas' codecs (bigint → decimal string) before they
 * leave and decoded (and so validated) when they arrive.
 */
import { z } from 'zod';
import { AppError } from './errors';

export const WireAnswer = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: AppError }),
]);
export type WireAnswer = z.infer<typeof WireAnswer>;

/** Bridge frames, renderer → main. */
export const BridgeRequestFrame = z.strictObject({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(200),
  payload: z.unknown(),
});

/** Bridge frames, main → renderer. */
export const BridgeServerFrame = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('answer'), id: z.number().int().nonnegative(), answer: WireAnswer }),
  z.strictObject({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
  z.strictObject({ type: z.literal('hello'), shell: z.literal('browser') }),
]);
export type BridgeServerFrame = z.infer<typeof BridgeServerFrame>;

/** Turns bigint (and nested bigint) in an error's details into decimal strings, so that errors stay JSON. */
export function toJsonSafe(value: unknown, depth = 0): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (depth > 8 || value === null || typeof value !== 'object') {
    return typeof value === 'function' || typeof value === 'symbol' || value === undefined ? null : value;
  }
  if (Array.isArray(value)) return value.map((item) => toJsonSafe(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJsonSafe(item, depth + 1)]));
}

/** The bridge's WebSocket path, and the subprotocol prefix that carries the per-run token. */
export const BRIDGE_PATH = '/bridge';
export const BRIDGE_TOKEN_PROTOCOL_PREFIX = 'c3-bridge.';
