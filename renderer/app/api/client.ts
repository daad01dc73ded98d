/**
 * The renderer's one client of the contract, over the preload or the bridge. Screens use
 * `useApi()`; nothing in the renderer opens its own connection.
 */
import { createContext, useContext } from 'react';
import { channels, events, type Channels, type Events } from '../../../shared/contract/channels';
import { createClient, type Client } from '../../../shared/contract/client';
import { bridgeTransport, preloadTransport, takeBridgeToken, type BridgeStatus } from './transports';

export type Api = Client<Channels, Events>;

export type Connection = { kind: 'ready'; api: Api } | { kind: 'no-token' };

export function connect(onBridgeStatus: (status: BridgeStatus) => void): Connection {
  if (window.c3) return { kind: 'ready', api: createClient(channels, events, preloadTransport(window.c3)) };
  const token = takeBridgeToken();
  if (!token) return { kind: 'no-token' };
  return { kind: 'ready', api: createClient(channels, events, bridgeTransport(token, onBridgeStatus)) };
}

export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiContext.Provider>');
  return api;
}
