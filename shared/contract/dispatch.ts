/**
 * The one gate through which every message from a renderer reaches a service (Trezor Suite's
 * single ipcMain gate). It checks the channel exists, decodes and validates the request against
 * its schema, runs the handler, and encodes the answer against the response schema. Whatever
 * a handler does (throws, returns garbage, returns bigint in an error), what leaves is a valid
 * WireAnswer: nothing untyped crosses, and no exception does.
 *
 * Before a schema sees a request, its shape is measured (./limits.ts: depth, size, array and
 * string lengths, no `__proto__`), so that a hostile message is refused with a typed error
 * rather than overflowing zod's recursion. Both gates, the IPC one and the bridge, come here.
 */
import { z } from 'zod';
import { err, ok } from '../result';
import { type Answer, type ChannelTable, type RequestOf, type ResponseOf } from './define';
import { AppError, ServiceError, declaredKinds, invalidRequest, invalidResponse, messageRefused, serviceFailed, undeclaredError, undecodableRequest, unknownChannel } from './errors';
import { limitsOf, measureMessage, type MessageLimits } from './limits';
import { toJsonSafe, type WireAnswer } from './wire';

export interface CallContext {
  /** Where the call came from: the Electron preload or the browser bridge. */
  readonly via: 'ipc' | 'bridge' | 'test';
}

export type Handler<T extends ChannelTable, C extends keyof T> = (
  request: RequestOf<T, C>,
  context: CallContext,
) => Promise<Answer<ResponseOf<T, C>>>;

export type Handlers<T extends ChannelTable> = { [C in keyof T]: Handler<T, C> };

export type Dispatch = (channel: unknown, payload: unknown, context: CallContext) => Promise<WireAnswer>;

export interface DispatcherHooks {
  /** Called when a service breaks its contract or throws something untyped: a bug to log. */
  onFault?(channel: string, fault: unknown): void;
}

export function createDispatcher<T extends ChannelTable>(table: T, handlers: Handlers<T>, hooks: DispatcherHooks = {}): Dispatch {
  const fault = (channel: string, cause: unknown) => {
    try {
      hooks.onFault?.(channel, cause);
    } catch {
      // A logger that throws must not turn an answer into an exception.
    }
  };

  const limits = new Map<string, MessageLimits>(Object.entries(table).map(([name, spec]) => [name, limitsOf(spec.limits)]));
  const declared = new Map<string, ReadonlySet<string>>(Object.entries(table).map(([name, spec]) => [name, declaredKinds(spec.errors)]));

  async function route(channel: unknown, payload: unknown, context: CallContext): Promise<WireAnswer> {
    if (typeof channel !== 'string' || !Object.hasOwn(table, channel)) {
      return err(unknownChannel(typeof channel === 'string' ? channel.slice(0, 200) : typeof channel));
    }
    const spec = table[channel]!;
    const refusal = measureMessage(payload, limits.get(channel)!);
    if (refusal) return err(messageRefused(channel, refusal));

    let request: ReturnType<typeof z.safeDecode>;
    try {
      request = z.safeDecode(spec.request, payload as never);
    } catch (cause) {
      // The shape check should leave nothing that makes a schema throw; if something does, it is a bug to see.
      fault(channel, cause);
      return err(undecodableRequest(channel, cause));
    }
    if (!request.success) return err(invalidRequest(channel, request.error));

    let answer: unknown;
    try {
      answer = await handlers[channel as keyof T](request.data as RequestOf<T, keyof T>, context);
    } catch (cause) {
      if (cause instanceof ServiceError) return errorAnswer(channel, cause.error, declared.get(channel)!, fault);
      fault(channel, cause);
      return err(serviceFailed(channel, cause));
    }

    if (typeof answer !== 'object' || answer === null || typeof (answer as { ok?: unknown }).ok !== 'boolean') {
      fault(channel, new Error('handler returned something that is not a result'));
      return err(serviceFailed(channel, 'the service returned something that is not a result'));
    }
    const result = answer as Answer<unknown>;
    if (!result.ok) return errorAnswer(channel, result.error, declared.get(channel)!, fault);

    const encoded = z.safeEncode(spec.response, result.value as never);
    if (!encoded.success) {
      fault(channel, encoded.error);
      return err(invalidResponse(channel, encoded.error));
    }
    return ok(encoded.data);
  }

  return async function dispatch(channel, payload, context) {
    try {
      return await route(channel, payload, context);
    } catch (cause) {
      // Whatever slipped through above (an answer that cannot be encoded, an engine limit) is
      // still answered, never thrown: a rejected promise here would be unhandled in a gate.
      const name = typeof channel === 'string' ? channel.slice(0, 200) : typeof channel;
      fault(name, cause);
      return err(serviceFailed(name, 'the service’s answer could not be checked'));
    }
  };
}

/**
 * A service's error, checked: it must have the shape of an error, and a kind its row declares (or
 * one of the contract's). Anything else is a bug of the service, logged and answered as a typed
 * contract error, so that what the renderer receives is always one of the row's closed union.
 */
function errorAnswer(channel: string, error: unknown, declared: ReadonlySet<string>, fault: (channel: string, cause: unknown) => void): WireAnswer {
  const checked = AppError.safeParse(toJsonSafe(error));
  if (!checked.success) {
    fault(channel, checked.error);
    return err(serviceFailed(channel, 'the service failed with an error of no known kind'));
  }
  if (!declared.has(checked.data.kind)) {
    fault(channel, new Error(`the service answered with the undeclared error kind ${checked.data.kind}`));
    return err(undeclaredError(channel, checked.data.kind));
  }
  return err(checked.data);
}
