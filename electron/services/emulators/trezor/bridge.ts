/**
 * The Trezor Bridge HTTP protocol (trezord's `POST /`, `/enumerate`, `/listen`, `/acquire`,
 * `/release`, `/call`, `/post`, `/read`, as @trezor/transport's BridgeTransport speaks it), served
 * on 127.0.0.1 in front of emulated Trezors. Bodies are hex of the Bridge wire format
 * (type u16 || length u32 || protobuf).
 *
 * Emulated devices only: real Trezors are spoken to through the machine's own trezord by their
 * own source (devices/trezor/bridge-source.ts), never through this server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { decodeWire, encodeWire, type TrezorMessage } from './protobuf';
import { type TrezorEmulator } from './device';
import { CORS_ALLOWED_HEADERS, CORS_ALLOWED_METHODS, bridgeRequestRefusal } from './bridge-origin';

/** trezord 3 speaks the same HTTP protocol; connect treats Bridge < 3 as "outdated". */
const BRIDGE_VERSION = '3.0.0';
export const DEFAULT_BRIDGE_PORT = 21325;

interface Slot {
  readonly path: string;
  readonly device: TrezorEmulator;
  session: string | null;
  sessionOwner: string | null;
  readonly replies: Promise<TrezorMessage>[];
  readonly readers: ((reply: Promise<TrezorMessage>) => void)[];
}

interface Descriptor {
  path: string;
  session: string | null;
  sessionOwner?: string;
  product: number;
  vendor: number;
  debug: boolean;
  debugSession: null;
}

export interface TrezorBridge {
  readonly port: number;
  readonly url: string;
  attach(device: TrezorEmulator): string;
  detach(device: TrezorEmulator): void;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly error: string) {
    super(error);
  }
}

export async function startTrezorBridge(
  options: { port?: number; devices?: TrezorEmulator[] } = {},
): Promise<TrezorBridge> {
  const slots: Slot[] = [];
  let pathCounter = 0;
  let sessionCounter = 0;
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const listener of [...listeners]) listener();
  };

  const descriptors = (): Descriptor[] => [
    ...slots
      .filter((slot) => slot.device.isPlugged)
      .map((slot) => ({ path: slot.path, session: slot.session, ...(slot.sessionOwner ? { sessionOwner: slot.sessionOwner } : {}), product: 0x53c1, vendor: 0x1209, debug: false, debugSession: null })),
  ];

  const slotByPath = (path: string): Slot => {
    const slot = slots.find((s) => s.path === path && s.device.isPlugged);
    if (!slot) throw new HttpError('device not found');
    return slot;
  };
  const slotBySession = (session: string): Slot => {
    const slot = slots.find((s) => s.session === session);
    if (!slot) throw new HttpError('session not found');
    if (!slot.device.isPlugged) throw new HttpError('device disconnected during action');
    return slot;
  };
  const exchange = async (slot: Slot, body: string): Promise<TrezorMessage | null> => {
    let message: TrezorMessage;
    try {
      message = decodeWire(Buffer.from(body.trim(), 'hex'));
    } catch {
      throw new HttpError('malformed wire format');
    }
    try {
      return await slot.device.handle(message);
    } catch {
      throw new HttpError('device disconnected during action');
    }
  };

  const attach = (device: TrezorEmulator): string => {
    const existing = slots.find((s) => s.device === device);
    if (existing) return existing.path;
    pathCounter += 1;
    const slot: Slot = { path: String(pathCounter), device, session: null, sessionOwner: null, replies: [], readers: [] };
    slots.push(slot);
    device.on('state', (state) => {
      if (!state.plugged && slot.session !== null) {
        slot.session = null;
        slot.sessionOwner = null;
        slot.replies.length = 0;
      }
      notify();
    });
    notify();
    return slot.path;
  };

  const routes = async (req: IncomingMessage, res: ServerResponse, body: string): Promise<unknown> => {
    const [, endpoint = '', a, b] = (req.url ?? '/').split('?')[0]?.split('/') ?? [];
    switch (endpoint) {
      case '':
        return { version: BRIDGE_VERSION, configured: true };
      case 'enumerate':
        return descriptors();
      case 'listen': {
        const before = JSON.stringify(sortDescriptors(safeJson(body)));
        if (JSON.stringify(sortDescriptors(descriptors())) !== before) return descriptors();
        await new Promise<void>((resolve) => {
          const listener = (): void => {
            if (JSON.stringify(sortDescriptors(descriptors())) !== before) {
              listeners.delete(listener);
              resolve();
            }
          };
          listeners.add(listener);
          res.once('close', () => {
            listeners.delete(listener);
            resolve();
          });
        });
        return descriptors();
      }
      case 'acquire': {
        const slot = slotByPath(a ?? '');
        const previous = b === 'null' || b === undefined ? null : b;
        if (previous !== slot.session) throw new HttpError('wrong previous session');
        sessionCounter += 1;
        slot.session = String(sessionCounter);
        slot.sessionOwner = ownerOf(body);
        slot.replies.length = 0;
        notify();
        return { session: slot.session };
      }
      case 'release': {
        const slot = slots.find((s) => s.session === a);
        if (!slot) throw new HttpError('session not found');
        slot.session = null;
        slot.sessionOwner = null;
        notify();
        // Both trezord-go and the Node bridge answer with the released session.
        return { session: a };
      }
      case 'call': {
        const slot = slotBySession(a ?? '');
        const reply = await exchange(slot, body);
        if (!reply) throw new HttpError('unexpected error');
        return encodeWire(reply.type, reply.message).toString('hex');
      }
      case 'post': {
        const slot = slotBySession(a ?? '');
        const reply = await exchange(slot, body).then(
          (r) => (r ? Promise.resolve(r) : null),
          (error: unknown) => Promise.reject(error),
        ).catch(() => Promise.reject(new HttpError('device disconnected during action')));
        // connect posts only Cancel, answered at once, so /post may wait for it here.
        // A message with no reply of its own (Cancel during a prompt) leaves nothing to read.
        if (reply) {
          const reader = slot.readers.shift();
          if (reader) reader(Promise.resolve(reply));
          else slot.replies.push(Promise.resolve(reply));
        }
        return '';
      }
      case 'read': {
        const slot = slotBySession(a ?? '');
        const queued = slot.replies.shift() ?? (await new Promise<Promise<TrezorMessage>>((resolve) => slot.readers.push(resolve)));
        const reply = await queued;
        return encodeWire(reply.type, reply.message).toString('hex');
      }
      default:
        throw new HttpError('not found');
    }
  };

  let port = 0;
  const server: Server = createServer((req, res: ServerResponse) => {
    // Refused before the body is read: a refusal changes nothing (bridge-origin.ts).
    if (bridgeRequestRefusal(req.headers, port)) {
      res.writeHead(403).end();
      req.resume();
      return;
    }
    const origin = req.headers.origin;
    if (origin) res.setHeader('Access-Control-Allow-Origin', origin);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'GET') {
        serveStatusPage(req, res);
        return;
      }
      if (req.method === 'OPTIONS') {
        answerPreflight(req, res);
        return;
      }
      if (req.method !== 'POST') {
        res.writeHead(405).end();
        return;
      }
      routes(req, res, Buffer.concat(chunks).toString('utf8')).then(
        (value) => {
          if (res.writableEnded) return;
          if (typeof value === 'string') res.writeHead(200, { 'Content-Type': 'text/plain' }).end(value);
          else res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
        },
        (error: unknown) => {
          if (res.writableEnded) return;
          const message = error instanceof HttpError ? error.error : 'unexpected error';
          res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: message }));
        },
      );
    });
  });

  /** `GET /` sends a browser to the status page, as trezord does; only a page typed in (no Origin) gets it. */
  const serveStatusPage = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.headers.origin !== undefined) {
      res.writeHead(403).end();
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/') {
      res.writeHead(301, { Location: `http://127.0.0.1:${port}/status/` }).end();
    } else if (path === '/status/' || path === '/status') {
      const devices = descriptors();
      const rows = devices.map((d) => `<li>path ${escapeHtml(d.path)} (emulated): ${d.session ? 'in use' : 'idle'}</li>`).join('');
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'X-Frame-Options': 'DENY' })
        .end(`<!doctype html><title>Trezor Bridge (C3 Vault emulator)</title><h1>Trezor Bridge ${BRIDGE_VERSION} (C3 Vault emulator: test devices only)</h1><ul>${rows || '<li>no devices</li>'}</ul>`);
    } else {
      res.writeHead(404).end();
    }
  };

  /** A browser's CORS preflight, answered as trezord-go's cors.go does. */
  const answerPreflight = (req: IncomingMessage, res: ServerResponse): void => {
    const method = req.headers['access-control-request-method'];
    if (method === undefined) res.writeHead(400).end();
    else if (!CORS_ALLOWED_METHODS.split(', ').includes(method)) res.writeHead(405).end();
    else res.writeHead(200, { 'Access-Control-Allow-Methods': CORS_ALLOWED_METHODS, 'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS }).end();
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_BRIDGE_PORT, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  for (const device of options.devices ?? []) attach(device);

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    attach,
    detach(device) {
      const index = slots.findIndex((s) => s.device === device);
      if (index >= 0) slots.splice(index, 1);
      notify();
    },
    close: () =>
      new Promise<void>((resolve) => {
        listeners.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function ownerOf(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { sessionOwner?: unknown };
    return typeof parsed.sessionOwner === 'string' ? parsed.sessionOwner : null;
  } catch {
    return null;
  }
}

function safeJson(body: string): Descriptor[] {
  try {
    const parsed: unknown = JSON.parse(body);
    return Array.isArray(parsed) ? (parsed as Descriptor[]) : [];
  } catch {
    return [];
  }
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const sortDescriptors = (list: Descriptor[]): { path: string; session: string | null }[] =>
  list.map((d) => ({ path: d.path, session: d.session ?? null })).sort((x, y) => x.path.localeCompare(y.path));
