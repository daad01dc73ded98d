/**
 * The browser bridge: the renderer's build and the main-process services on 127.0.0.1 only,
 * for machines without the Electron binary, for tests, and for people who run the app
 * headless. The WebSocket speaks the same contract the preload exposes over IPC.
 *
 * Who may connect: a page served by this very server (exact Origin, and Host, so that DNS
 * rebinding and other local pages are refused) that also holds the random per-run token,
 * which travels in the URL fragment (never sent over HTTP, never logged) and comes back as
 * a WebSocket subprotocol.
 *
 * What one client may cost: 16 connections, each served with flow control, a rate limit and
 * caps on what it may have in flight (./connection.ts); each request is held to its channel's
 * shape caps before decoding (shared/contract/limits.ts).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { type AddressInfo, type Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { channels } from '../../shared/contract/channels';
import { type Dispatch } from '../../shared/contract/dispatch';
import { largestRequestBytes } from '../../shared/contract/limits';
import { BRIDGE_PATH, BRIDGE_TOKEN_PROTOCOL_PREFIX as TOKEN_PROTOCOL_PREFIX } from '../../shared/contract/wire';
import { type EventHub } from '../services/events';
import { DEFAULT_CONNECTION_LIMITS, serveConnection, type ConnectionLimits, type ConnectionStats } from './connection';
import { SECURITY_HEADERS, contentSecurityPolicy } from './csp';
import { contentTypeOf, resolveStaticPath } from './static-files';

/**
 * Largest frame accepted: the largest request any channel allows (a whole member tree for a
 * proof, 16 MiB), plus room for the frame around it. Most channels allow 1 MiB; the dispatcher
 * holds each to its own cap. ws closes a connection that sends more with 1009.
 */
export const MAX_FRAME_BYTES = largestRequestBytes(channels) + 1024;
/** Connections open at once (one per tab); the per-connection caps mean little without this one. */
export const MAX_CONNECTIONS = 16;

export interface BridgeOptions {
  readonly staticDir: string;
  readonly dispatch: Dispatch;
  readonly hub: EventHub;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Fixed only in tests; otherwise 32 random bytes per run. */
  readonly token?: string;
  readonly log?: (line: string) => void;
  /** Flow control and rate limit of each connection; the defaults outside tests. */
  readonly limits?: Partial<ConnectionLimits> & { readonly maxConnections?: number };
}

export interface Bridge {
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** What each open connection holds now (calls in flight, frames waiting, unsent bytes). */
  connections(): ConnectionStats[];
  close(): Promise<void>;
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const log = options.log ?? (() => {});
  const { maxConnections = MAX_CONNECTIONS, ...connectionLimits } = options.limits ?? {};
  const limits: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...connectionLimits };
  const live = new Map<WebSocket, { stats(): ConnectionStats }>();
  const server = createServer();
  await listen(server, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const csp = contentSecurityPolicy({ bridgeOrigins: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] });

  server.on('request', (request, response) => {
    if (!hosts.has(request.headers.host ?? '')) {
      response.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request: this server answers only on 127.0.0.1.');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolveStaticPath(options.staticDir, request.url ?? '/');
    if (!file) {
      response.writeHead(400).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          ...SECURITY_HEADERS,
          'Content-Security-Policy': csp,
          'Content-Type': contentTypeOf(file),
          'Cache-Control': 'no-store',
        });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      () => response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found'),
    ).catch(() => response.destroy());
  });

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (protocols) => [...protocols].find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX)) ?? false,
  });

  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    // Node hands over an upgrading socket with no 'error' listener: a client that resets it
    // while we answer would otherwise be an uncaught exception, and stop the server.
    const dropOnError = () => socket.destroy();
    socket.on('error', dropOnError);
    const refusal = refuse(request);
    if (refusal) {
      log(`bridge: refused a connection (${refusal.reason})`);
      socket.end(`HTTP/1.1 ${refusal.status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    socket.off('error', dropOnError); // ws listens from here on
    sockets.handleUpgrade(request, socket, head, (ws) => {
      live.set(ws, serveConnection(ws, { dispatch: options.dispatch, hub: options.hub, limits, log }));
      ws.once('close', () => live.delete(ws));
    });
  });

  function refuse(request: IncomingMessage): { status: string; reason: string } | null {
    const path = (request.url ?? '').split('?')[0];
    if (path !== BRIDGE_PATH) return { status: '404 Not Found', reason: 'wrong path' };
    if (!hosts.has(request.headers.host ?? '')) return { status: '421 Misdirected Request', reason: 'foreign Host' };
    if (!origins.has(request.headers.origin ?? '')) return { status: '403 Forbidden', reason: `foreign Origin ${JSON.stringify(request.headers.origin ?? null)}` };
    const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const presented = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length);
    if (!presented || !sameSecret(presented, token)) return { status: '401 Unauthorized', reason: presented ? 'wrong token' : 'no token' };
    if (live.size >= maxConnections) return { status: '503 Service Unavailable', reason: `already ${live.size} connections` };
    return null;
  }

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    origin: `http://127.0.0.1:${port}`,
    port,
    token,
    connections: () => [...live.values()].map((connection) => connection.stats()),
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the bridge is never reachable from another machine.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
