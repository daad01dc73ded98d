/**
 * How the renderer reaches the main process: the Electron preload when it is there, the
 * browser bridge's WebSocket otherwise. Both carry the same contract; nothing above this
 * file can tell which one it has.
 */
import { type Transport } from '../../../shared/contract/client';
import { BRIDGE_PATH, BRIDGE_TOKEN_PROTOCOL_PREFIX, BridgeServerFrame } from '../../../shared/contract/wire';

/** What electron/preload exposes on `window.c3`. */
interface PreloadApi {
  shell: 'electron';
  call: Record<string, (payload: unknown) => Promise<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    c3?: PreloadApi;
  }
}

export function preloadTransport(api: PreloadApi): Transport {
  return {
    shell: 'electron',
    invoke(channel, payload) {
      const call = api.call[channel];
      if (!call) return Promise.reject(new Error(`The preload exposes no channel "${channel}".`));
      return call(payload);
    },
    subscribe: (event, listener) => api.on(event, listener),
  };
}

const TOKEN_KEY = 'c3.bridge.token';

/**
 * The bridge token arrives once in the URL fragment (#token=…); it is kept for this tab's
 * session (so a reload works) and removed from the address bar so it is not copied around.
 */
export function takeBridgeToken(): string | null {
  const match = /(?:^#|&)token=([0-9a-f]{64})(?:&|$)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export interface BridgeStatus {
  state: 'connecting' | 'open' | 'closed';
  detail?: string;
}

export function bridgeTransport(token: string, onStatus: (status: BridgeStatus) => void): Transport {
  const url = `ws://${window.location.host}${BRIDGE_PATH}`;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  let retryDelay = 250;

  const connect = (): Promise<WebSocket> => {
    onStatus({ state: 'connecting' });
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, [`${BRIDGE_TOKEN_PROTOCOL_PREFIX}${token}`]);
      ws.onopen = () => {
        retryDelay = 250;
        socket = ws;
        onStatus({ state: 'open' });
        resolve(ws);
      };
      ws.onmessage = (message) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(String(message.data));
        } catch {
          return; // the server only sends JSON; anything else is not ours to act on
        }
        const frame = BridgeServerFrame.safeParse(parsed);
        if (!frame.success) return;
        if (frame.data.type === 'answer') {
          pending.get(frame.data.id)?.resolve(frame.data.answer);
          pending.delete(frame.data.id);
        } else if (frame.data.type === 'event') {
          const { event, payload } = frame.data;
          listeners.get(event)?.forEach((listener) => listener(payload));
        }
      };
      ws.onclose = (close) => {
        const wasOpen = socket === ws;
        socket = null;
        opened = null;
        for (const call of pending.values()) call.reject(new Error('The connection to the app’s services closed.'));
        pending.clear();
        onStatus({ state: 'closed', detail: close.reason || `code ${close.code}` });
        if (!wasOpen) reject(new Error('The app’s services refused the connection (is this the URL the server printed?).'));
        // Come back by ourselves if the server restarts; back off so a stopped server costs nothing.
        setTimeout(() => void ensureOpen().catch(() => {}), retryDelay);
        retryDelay = Math.min(retryDelay * 2, 10_000);
      };
    });
  };
  const ensureOpen = () => (socket ? Promise.resolve(socket) : (opened ??= connect()));

  void ensureOpen().catch(() => {});

  return {
    shell: 'browser',
    async invoke(channel, payload) {
      const ws = await ensureOpen();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ type: 'call', id, channel, payload }));
      });
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
