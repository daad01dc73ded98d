/**
 * One WebSocket connection of the browser bridge: frames in, calls to the dispatcher, answers
 * out, with flow control so that no client can make the server hold more than a few answers
 * for it.
 *
 * A call is *in flight* from the moment its frame is taken up until its answer has been handed
 * to the operating system (the `ws.send` callback). At most `maxCallsInFlight` calls (and
 * `maxRequestBytesInFlight` bytes of requests) are in flight; beyond that the connection stops
 * reading its socket (`ws.pause()`), so TCP pushes back on the client, and frames it had already
 * sent wait in order. A client that sends calls and never reads the answers therefore stalls
 * itself at the cap, and the server holds a bounded amount for it. A client that falls further
 * behind than `maxUnsentBytes` (events it does not read either) is disconnected with 1008.
 *
 * Every path ends in an answer or a close with a reason: binary frames (1003), text that is not
 * JSON (1007), a frame that is not a call (1008), a frame over the transport's cap (1009, by ws).
 * No promise is left to reject unhandled.
 */
import { type RawData, type WebSocket } from 'ws';
import { events } from '../../shared/contract/channels';
import { encodeEvent } from '../../shared/contract/client';
import { type Dispatch } from '../../shared/contract/dispatch';
import { callRateExceeded, serviceFailed } from '../../shared/contract/errors';
import { BridgeRequestFrame, type BridgeServerFrame, type WireAnswer } from '../../shared/contract/wire';
import { err } from '../../shared/result';
import { type EventHub } from '../services/events';

export interface ConnectionLimits {
  /** Calls taken up and not yet answered to the OS. */
  readonly maxCallsInFlight: number;
  /** Bytes of request frames in flight (one call is always allowed, whatever its size). */
  readonly maxRequestBytesInFlight: number;
  /**
   * Frames received while paused. Pausing stops reading the socket, but ws still delivers the
   * frames of the chunk it was parsing (64 KiB at most, ~1,500 of the smallest calls); more than
   * this means something is wrong, and the connection is closed.
   */
  readonly maxWaitingFrames: number;
  /** Unsent bytes (answers and events) above which no new call is taken up. */
  readonly answerHighWaterBytes: number;
  /** Unsent bytes above which the client is taken not to be reading, and disconnected. */
  readonly maxUnsentBytes: number;
  /** The rate limit: a bucket of `burst` calls, refilled at `callsPerSecond`. */
  readonly callsPerSecond: number;
  readonly burst: number;
}

export const MAX_CALLS_IN_FLIGHT = 32;
export const MAX_REQUEST_BYTES_IN_FLIGHT = 32 * 1024 * 1024;
export const MAX_WAITING_FRAMES = 4_096;
export const ANSWER_HIGH_WATER_BYTES = 4 * 1024 * 1024;
export const MAX_UNSENT_BYTES = 64 * 1024 * 1024;
export const CALLS_PER_SECOND = 200;
export const CALL_BURST = 400;

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxCallsInFlight: MAX_CALLS_IN_FLIGHT,
  maxRequestBytesInFlight: MAX_REQUEST_BYTES_IN_FLIGHT,
  maxWaitingFrames: MAX_WAITING_FRAMES,
  answerHighWaterBytes: ANSWER_HIGH_WATER_BYTES,
  maxUnsentBytes: MAX_UNSENT_BYTES,
  callsPerSecond: CALLS_PER_SECOND,
  burst: CALL_BURST,
};

/** What a connection holds right now, for tests and for the log. */
export interface ConnectionStats {
  readonly callsInFlight: number;
  readonly requestBytesInFlight: number;
  readonly waitingFrames: number;
  readonly unsentBytes: number;
  readonly paused: boolean;
  readonly callsTaken: number;
}

export interface ConnectionOptions {
  readonly dispatch: Dispatch;
  readonly hub: EventHub;
  readonly limits: ConnectionLimits;
  readonly log: (line: string) => void;
  /** Milliseconds, for the rate limit; tests may fix it. */
  readonly now?: () => number;
}

/** Closes after this long even when the close frame cannot get through (a client that does not read). */
const TERMINATE_AFTER_MS = 1_000;

export function serveConnection(ws: WebSocket, options: ConnectionOptions): { stats(): ConnectionStats } {
  const { limits, log } = options;
  const now = options.now ?? Date.now;
  const waiting: Buffer[] = [];
  let callsInFlight = 0;
  let requestBytesInFlight = 0;
  let callsTaken = 0;
  let closing = false;
  let tokens = limits.burst;
  let refilledAt = now();

  const shut = (code: number, reason: string) => {
    if (closing) return;
    closing = true;
    waiting.length = 0;
    log(`bridge: closed a connection (${code}: ${reason})`);
    ws.close(code, reason);
    setTimeout(() => ws.terminate(), TERMINATE_AFTER_MS).unref();
  };

  /** Sends one frame; `sent` runs once the OS has it (or the socket is gone). */
  const send = (frame: BridgeServerFrame, sent: () => void = () => {}) => {
    if (ws.readyState !== ws.OPEN) {
      queueMicrotask(sent); // never synchronously, so that pump() does not recurse
      return;
    }
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch (cause) {
      // Answers and events are encoded by their schemas, so this is a bug; a call is still answered.
      log(`bridge: could not serialise a ${frame.type} frame: ${String(cause)}`);
      if (frame.type !== 'answer') {
        queueMicrotask(sent);
        return;
      }
      text = JSON.stringify({ type: 'answer', id: frame.id, answer: err(serviceFailed('(bridge)', 'the answer could not be serialised')) });
    }
    ws.send(text, () => sent());
    if (ws.bufferedAmount > limits.maxUnsentBytes) shut(1008, 'the client is not reading its answers');
  };

  const saturated = () =>
    callsInFlight >= limits.maxCallsInFlight ||
    (callsInFlight > 0 && requestBytesInFlight + (waiting[0]?.length ?? 0) > limits.maxRequestBytesInFlight) ||
    ws.bufferedAmount >= limits.answerHighWaterBytes;

  /** Takes up waiting frames while there is room, and reads the socket only while there is. */
  const pump = () => {
    while (!closing && ws.readyState === ws.OPEN && waiting.length > 0 && !saturated()) take(waiting.shift()!);
    if (closing || ws.readyState !== ws.OPEN) return;
    if (waiting.length > 0 || saturated()) ws.pause();
    else ws.resume();
  };

  const takeToken = (): boolean => {
    const at = now();
    tokens = Math.min(limits.burst, tokens + ((at - refilledAt) / 1000) * limits.callsPerSecond);
    refilledAt = at;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };

  const take = (data: Buffer) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString('utf8'));
    } catch {
      shut(1007, 'not JSON');
      return;
    }
    const frame = BridgeRequestFrame.safeParse(parsed);
    if (!frame.success) {
      shut(1008, 'not a call frame');
      return;
    }
    const { id, channel, payload } = frame.data;
    callsInFlight += 1;
    requestBytesInFlight += data.length;
    callsTaken += 1;
    const answered = (answer: WireAnswer) =>
      send({ type: 'answer', id, answer }, () => {
        callsInFlight -= 1;
        requestBytesInFlight -= data.length;
        pump();
      });
    if (!takeToken()) {
      answered(err(callRateExceeded(channel, limits.callsPerSecond, limits.burst)));
      return;
    }
    // The dispatcher never rejects; if another one does, the call is still answered.
    Promise.resolve()
      .then(() => options.dispatch(channel, payload, { via: 'bridge' }))
      .then(answered, (cause: unknown) => {
        log(`bridge: dispatch of ${channel} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
        answered(err(serviceFailed(channel, 'the call could not be dispatched')));
      })
      .catch((cause: unknown) => log(`bridge: answering ${channel} failed: ${String(cause)}`));
  };

  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (closing) return;
    if (isBinary) {
      shut(1003, 'text frames only');
      return;
    }
    waiting.push(Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data));
    if (waiting.length > limits.maxWaitingFrames) {
      shut(1008, `more than ${limits.maxWaitingFrames} calls waiting`);
      return;
    }
    pump();
  });

  send({ type: 'hello', shell: 'browser' });
  const unsubscribe = options.hub.subscribe((event, payload) => {
    let encoded: unknown;
    try {
      encoded = encodeEvent(events, event, payload);
    } catch (cause) {
      log(`bridge: event ${event} does not match its schema: ${String(cause)}`);
      return;
    }
    // An event's write completing may be what frees room for calls waiting on the high-water mark.
    send({ type: 'event', event, payload: encoded }, pump);
  });
  ws.on('close', () => {
    closing = true;
    waiting.length = 0;
    unsubscribe();
  });
  ws.on('error', (error) => {
    log(`bridge: connection error (${error.message})`);
    unsubscribe();
  });

  return {
    stats: () => ({ callsInFlight, requestBytesInFlight, waitingFrames: waiting.length, unsentBytes: ws.bufferedAmount, paused: ws.isPaused, callsTaken }),
  };
}
