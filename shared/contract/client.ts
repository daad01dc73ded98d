/**
 * The renderer's side of the contract: a typed `call` and `on`, over whatever transport is
 * present (the Electron preload or the browser bridge). Requests are encoded with their
 * schemas before they leave, answers decoded and validated when they arrive, so a screen
 * only ever sees `{ ok: true, value }` of the right type or a typed error.
 */
import { z } from 'zod';
import { err } from '../result';
import { type ChannelTable, type EventTable, type PayloadOf, type RequestOf, type ResponseOf, type RowAnswer, type RowError } from './define';
import { type ContractError, declaredKinds, invalidRequest, invalidResponse, undeclaredError, undecodableRequest, undecodableResponse } from './errors';
import { WireAnswer } from './wire';

export interface Transport {
  /** Which shell the transport reaches. */
  readonly shell: 'electron' | 'browser';
  invoke(channel: string, payload: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export interface Client<T extends ChannelTable, E extends EventTable> {
  readonly shell: 'electron' | 'browser';
  /** The row's value, or one of its errors: a closed union (define.ts `RowError`) to switch on. */
  call<C extends keyof T & string>(channel: C, request: RequestOf<T, C>): Promise<RowAnswer<T, C>>;
  on<N extends keyof E & string>(event: N, listener: (payload: PayloadOf<E, N>) => void): () => void;
}

export function createClient<T extends ChannelTable, E extends EventTable>(table: T, events: E, transport: Transport): Client<T, E> {
  const declared = new Map<string, ReadonlySet<string>>(Object.entries(table).map(([name, spec]) => [name, declaredKinds(spec.errors)]));
  return {
    shell: transport.shell,
    async call(channel, request) {
      const spec = table[channel]!;
      let encoded: ReturnType<typeof z.safeEncode>;
      try {
        encoded = z.safeEncode(spec.request, request as never);
      } catch (cause) {
        return err(undecodableRequest(channel, cause));
      }
      if (!encoded.success) return err(invalidRequest(channel, encoded.error));
      let raw: unknown;
      try {
        raw = await transport.invoke(channel, encoded.data);
      } catch (cause) {
        const unavailable: ContractError = {
          kind: 'BridgeUnavailable',
          message: 'The app could not reach its background services.',
          reason: cause instanceof Error ? cause.message : String(cause),
        };
        return err(unavailable);
      }
      // Schemas recurse: an answer nested deep enough overflows the stack. That too is a typed error.
      try {
        const wire = WireAnswer.safeParse(raw);
        if (!wire.success) return err(invalidResponse(channel, wire.error));
        if (!wire.data.ok) {
          // Main checks this too (dispatch.ts); a main process of another version may not have.
          if (!declared.get(channel)?.has(wire.data.error.kind)) return err(undeclaredError(channel, wire.data.error.kind));
          return err(wire.data.error as unknown as RowError<T, typeof channel>);
        }
        const decoded = z.safeDecode(spec.response, wire.data.value as never);
        if (!decoded.success) return err(invalidResponse(channel, decoded.error));
        return { ok: true, value: decoded.data as ResponseOf<T, typeof channel> };
      } catch (cause) {
        return err(undecodableResponse(channel, cause));
      }
    },
    on(event, listener) {
      const spec = events[event]!;
      return transport.subscribe(event, (raw) => {
        let decoded: ReturnType<typeof z.safeDecode>;
        try {
          decoded = z.safeDecode(spec.payload, raw as never);
        } catch {
          return; // an event that cannot be decoded is dropped, like one that fails its schema
        }
        if (decoded.success) listener(decoded.data as PayloadOf<E, typeof event>);
      });
    },
  };
}

/** Encodes an event payload for the wire (bigint → decimal string); main uses it before sending. */
export function encodeEvent<E extends EventTable, N extends keyof E>(events: E, event: N, payload: PayloadOf<E, N>): unknown {
  return z.encode(events[event]!.payload, payload as never);
}
