/**
 * The Ledger emulator behind the core of Speculos's REST API (the interface Ledger's own tools
 * and @ledgerhq/hw-transport-node-speculos-http use): `POST /apdu` {"data": hex} → {"data": hex},
 * `GET /events[?stream=true]` (screen texts, as server-sent events when streamed),
 * `POST /button/{left,right,both}` {"action": "press-and-release"}. Bound to 127.0.0.1 only.
 * Pressing both buttons confirms the prompt on screen; reject through the control API.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { DeviceUnplugged, type LedgerEmulator, type LedgerPrompt } from './device';

export const DEFAULT_SPECULOS_PORT = 5000;

export interface SpeculosServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export interface ExtraRoute {
  (req: IncomingMessage, body: string): Promise<{ status: number; body: unknown } | null>;
}

interface ScreenEvent {
  text: string;
  x: number;
  y: number;
}

export async function startSpeculosServer(device: LedgerEmulator, options: { port?: number; extraRoutes?: ExtraRoute } = {}): Promise<SpeculosServer> {
  const events: ScreenEvent[] = [];
  const streams = new Set<ServerResponse>();
  const push = (lines: readonly string[]): void => {
    lines.forEach((text, i) => {
      const e = { text, x: 0, y: 3 + i * 16 };
      events.push(e);
      for (const s of streams) s.write(`data: ${JSON.stringify(e)}\n\n`);
    });
  };
  const onPrompt = (p: LedgerPrompt): void => push(p.lines);
  const onClosed = (): void => push(['Ethereum is ready']);
  device.on('prompt', onPrompt);
  device.on('promptClosed', onClosed);

  const route = async (req: IncomingMessage, body: string): Promise<{ status: number; body: unknown }> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/apdu') {
      const data = (JSON.parse(body || '{}') as { data?: unknown }).data;
      if (typeof data !== 'string' || !/^[0-9a-fA-F]*$/.test(data)) return { status: 400, body: { error: 'data must be hex' } };
      try {
        const response = await device.exchange(Buffer.from(data, 'hex'));
        return { status: 200, body: { data: response.toString('hex') } };
      } catch (error) {
        if (error instanceof DeviceUnplugged) return { status: 503, body: { error: 'device unplugged' } };
        throw error;
      }
    }
    const button = /^\/button\/(left|right|both)$/.exec(url.pathname);
    if (req.method === 'POST' && button) {
      if (button[1] === 'both') device.approve();
      return { status: 200, body: {} };
    }
    if (req.method === 'GET' && url.pathname === '/events' && url.searchParams.get('stream') !== 'true') return { status: 200, body: { events } };
    if (req.method === 'DELETE' && url.pathname === '/events') {
      events.length = 0;
      return { status: 200, body: {} };
    }
    const extra = await options.extraRoutes?.(req, body);
    if (extra) return extra;
    return { status: 404, body: { error: 'not found' } };
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/events' && url.searchParams.get('stream') === 'true') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
      res.write(': speculos-compatible event stream\n\n');
      streams.add(res);
      res.on('close', () => streams.delete(res));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      route(req, Buffer.concat(chunks).toString('utf8')).then(
        (r) => res.writeHead(r.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(r.body)),
        (error: unknown) => res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: String(error) })),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_SPECULOS_PORT, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        device.off('prompt', onPrompt);
        device.off('promptClosed', onClosed);
        for (const s of streams) s.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
