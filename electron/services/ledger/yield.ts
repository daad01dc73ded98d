/**
 * Long work on the main process's thread (a replay, an import's decoding) lets the event loop turn
 * every few milliseconds, so that IPC, timers and I/O keep being answered while it runs (issue 11:
 * a 10,000-member import must not freeze the app).
 */
import { setImmediate as turn } from 'node:timers/promises';

/** Work between two turns of the event loop, at most (about a frame). */
export const YIELD_EVERY_MS = 10;

/** A function to await between steps: it lets the event loop turn once `everyMs` have passed since the last time. */
export function eventLoopYielder(everyMs = YIELD_EVERY_MS): () => Promise<boolean> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < everyMs) return false;
    await turn();
    last = performance.now();
    return true;
  };
}
