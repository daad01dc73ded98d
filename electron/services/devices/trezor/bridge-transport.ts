/**
 * Trezor's own Bridge client, @trezor/transport's BridgeTransport (the one @trezor/connect drives),
 * used on its own: one instance per Bridge URL, not connect's process-wide singleton, so that the
 * machine's trezord is spoken to directly whatever else the app runs. It speaks trezord's HTTP
 * protocol (POST `/`, `/enumerate`, `/acquire/{path}/{previous}`, `/call/{session}`, `/post`,
 * `/release/{session}`) with the Origin header trezord checks, and encodes the messages with
 * @trezor/protobuf's definitions. Both packages come with @trezor/connect (package.json).
 */
import { createRequire } from 'node:module';

/** What a Bridge answers: `{ success: true, payload }` or `{ success: false, error }`, never a throw. */
export type BridgeResult<T> = { success: true; payload: T } | { success: false; error: string; message?: string };

export interface BridgeDescriptor {
  readonly path: string;
  /** The session holding the device, ours or another app's (Trezor Suite, a browser wallet); null when free. */
  readonly session: string | null;
}

export interface BridgeMessage {
  readonly type: string;
  readonly message: Record<string, unknown>;
}

/** The part of BridgeTransport this layer uses. */
export interface BridgeTransportApi {
  init(): Promise<BridgeResult<undefined>>;
  enumerate(): Promise<BridgeResult<BridgeDescriptor[]>>;
  acquire(params: { input: { path: string; previous: string | null } }): Promise<BridgeResult<string>>;
  release(params: { path: string; session: string }): Promise<BridgeResult<null>>;
  call(params: { session: string; name: string; data: Record<string, unknown> }): Promise<BridgeResult<BridgeMessage>>;
  /** Writes a message without waiting for its answer (Cancel while a call waits on the device). */
  send(params: { session: string; name: string; data: Record<string, unknown> }): Promise<BridgeResult<undefined>>;
  stop(): void;
}

/** The machine's Trezor Bridge (trezord, or the Bridge inside Trezor Suite). */
export const TREZORD_URL = 'http://127.0.0.1:21325';

const requireFromConnect = createRequire(createRequire(import.meta.url).resolve('@trezor/connect'));

/**
 * The port of a Bridge URL. BridgeTransport only ever speaks to 127.0.0.1, as trezord only ever
 * listens there: another host is refused rather than silently replaced by the loopback.
 */
export function bridgePort(url: string): number {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' || (parsed.hostname !== '127.0.0.1' && parsed.hostname !== 'localhost')) {
    throw new Error(`A Trezor Bridge listens on http://127.0.0.1 only, not ${url}`);
  }
  return Number(parsed.port || 80);
}

export function openBridgeTransport(url: string, appName: string): BridgeTransportApi {
  const { BridgeTransport } = requireFromConnect('@trezor/transport') as { BridgeTransport: new (params: Record<string, unknown>) => BridgeTransportApi };
  const messages = requireFromConnect('@trezor/protobuf/messages.json') as Record<string, unknown>;
  // `id` is the session owner trezord records, so that other apps can see who holds the device.
  return new BridgeTransport({ messages, port: bridgePort(url), id: appName });
}
