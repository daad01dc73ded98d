/**
 * Main-to-renderer events, typed by the contract's event table. Services publish; the
 * Electron shell and the browser bridge subscribe and forward to their renderers.
 */
import { type PayloadOf } from '../../shared/contract/define';
import { type EventName, type Events } from '../../shared/contract/channels';

/** A listener sees (name, payload) pairs as a union, so that checking the name narrows the payload. */
export type EventListener = (...args: { [N in EventName]: [event: N, payload: PayloadOf<Events, N>] }[EventName]) => void;

export interface EventHub {
  publish<N extends EventName>(event: N, payload: PayloadOf<Events, N>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    publish<N extends EventName>(event: N, payload: PayloadOf<Events, N>) {
      for (const listener of listeners) {
        try {
          (listener as (event: N, payload: PayloadOf<Events, N>) => void)(event, payload);
        } catch {
          // A broken subscriber (a closed window, a dropped socket) must not stop the others.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
