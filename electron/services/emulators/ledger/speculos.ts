/**
 * The Ledger emulator behind Speculos's REST API, as its OpenAPI document (speculos/api/
 * swagger.yaml) and request schemas (speculos/api/resources/*.schema) define it, so that Ledger's
 * tools and @ledgerhq/hw-transport-node-speculos-http drive it unchanged:
 *
 *   POST /apdu {"data": hex}                      → {"data": hex} (response and status word)
 *   POST /button/{left,right,both} {"action": "press"|"release"|"press-and-release", "delay"?}
 *   POST /finger {"action", "x", "y", ...}        (touch screens; a Nano has none, so no effect)
 *   GET  /events[?stream=true][&currentscreenonly=true], DELETE /events
 *   GET  /screenshot                              → image/png of the current screen
 *   POST /automation {"version": 1, "rules": [...]} (speculos/mcu/resources/automation.schema)
 *   POST /ticker/ {"action": "pause"|"resume"|"single-step"}
 *
 * Bodies that break a schema are answered 400 as Speculos answers them; JSON is written as
 * Python's json.dumps writes it (flask-restful), one object per line. Bound to 127.0.0.1 only.
 * Optionally the raw APDU TCP port too (Speculos's --apdu-port: 4-byte big-endian length, APDU;
 * answered with 4-byte length of the data, data and status word).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { type AddressInfo } from 'node:net';
import { DeviceUnplugged, type LedgerButton, type LedgerEmulator } from './device';
import { type TextEvent } from './screens';
import { renderScreen } from './screenshot';
import { Automation, AutomationInvalid } from './speculos-automation';
import { pythonJson } from './python-json';

export const DEFAULT_SPECULOS_PORT = 5000;
export const DEFAULT_APDU_PORT = 9999;

export interface SpeculosServer {
  readonly port: number;
  readonly url: string;
  /** The raw APDU TCP port, when asked for. */
  readonly apduPort: number | null;
  close(): Promise<void>;
}

export interface ExtraRoute {
  (req: IncomingMessage, body: string): Promise<{ status: number; body: unknown } | null>;
}

export interface SpeculosOptions {
  readonly port?: number;
  /** Also serve the raw APDU protocol on this TCP port (0: any free port). */
  readonly apduPort?: number;
  readonly extraRoutes?: ExtraRoute;
}

type Answer = { status: number; body: unknown } | { status: number; png: Buffer };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ACTIONS = ['press', 'release', 'press-and-release'] as const;
const BUTTON_NUMBERS: Record<LedgerButton, number[]> = { left: [1], right: [2], both: [1, 2] };

/** jsonschema's ValidationError text is long; ours names the property and the rule it broke. */
function invalid(message: string): Answer {
  return { status: 400, body: { error: message } };
}

function checkProperties(body: Record<string, unknown>, allowed: readonly string[]): string | null {
  const extra = Object.keys(body).find((k) => !allowed.includes(k));
  return extra === undefined ? null : `Additional properties are not allowed ('${extra}' was unexpected)`;
}

/** flask-restful's inputs.boolean: "true"/"1" and "false"/"0", any case. */
function queryBoolean(value: string | null): boolean | 'invalid' {
  if (value === null) return false;
  const v = value.toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return 'invalid';
}

/**
 * Buttons as Speculos sends them to the device (seproxyhal.handle_button): a press adds a button,
 * any release ends the gesture, and the device acts on the set that was down.
 */
class Buttons {
  private down = new Set<number>();

  constructor(private readonly device: LedgerEmulator) {}

  set(button: number, pressed: boolean): void {
    if (pressed) {
      this.down.add(button);
      return;
    }
    const held = this.down;
    this.down = new Set();
    if (held.has(1) && held.has(2)) this.device.press('both');
    else if (held.has(1)) this.device.press('left');
    else if (held.has(2)) this.device.press('right');
  }
}

export async function startSpeculosServer(device: LedgerEmulator, options: SpeculosOptions = {}): Promise<SpeculosServer> {
  /** Every event since the last DELETE /events, and those of the screen shown now. */
  const events: TextEvent[] = [];
  let screenContent: TextEvent[] = [];
  const streams = new Set<ServerResponse>();
  const buttons = new Buttons(device);
  let automation: Automation | null = null;

  const onScreen = (shown: readonly TextEvent[]): void => {
    screenContent = [];
    for (const e of shown) {
      screenContent.push(e);
      events.push(e);
      for (const s of streams) s.write(`data: ${pythonJson(e)}\n\n`);
    }
    const rules = automation;
    // Speculos applies the rules after each display update; later, so a rule's press redraws afresh.
    if (rules) setImmediate(() => shown.forEach((e) => rules.apply(e, { button: (b, pressed) => buttons.set(b, pressed), exit: () => device.unplug() })));
  };
  device.on('screen', onScreen);
  onScreen(device.screen().events);

  const route = async (req: IncomingMessage, bytes: Buffer): Promise<Answer> => {
    const raw = bytes.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const json = (): { ok: true; value: unknown } | { ok: false } => {
      try {
        return { ok: true, value: JSON.parse(raw) as unknown };
      } catch {
        return { ok: false };
      }
    };
    const known = ['/apdu', '/button/left', '/button/right', '/button/both', '/finger', '/events', '/screenshot', '/automation', '/ticker', '/ticker/'];
    if (known.includes(path)) {
      const allowed: Record<string, string[]> = { '/events': ['GET', 'DELETE'], '/screenshot': ['GET'] };
      if (!(allowed[path] ?? ['POST']).includes(req.method ?? '')) return { status: 405, body: { message: 'The method is not allowed for the requested URL.' } };
    }

    if (path === '/apdu') {
      const parsed = json();
      if (!parsed.ok) return { status: 400, body: { message: 'Failed to decode JSON object' } };
      const body = parsed.value;
      if (!isObject(body)) return invalid(`${pythonJson(body)} is not of type 'object'`);
      const extra = checkProperties(body, ['data', 'tick_timeout']);
      if (extra) return invalid(extra);
      if (!('data' in body)) return invalid("'data' is a required property");
      if (typeof body.data !== 'string') return invalid(`${pythonJson(body.data)} is not of type 'string'`);
      if (!/^([a-fA-F0-9]{2})+$/.test(body.data)) return invalid(`${pythonJson(body.data)} does not match '^([a-fA-F0-9]{2})+$'`);
      if ('tick_timeout' in body && typeof body.tick_timeout !== 'number') return invalid(`${pythonJson(body.tick_timeout)} is not of type 'number'`);
      try {
        const response = await device.exchange(Buffer.from(body.data, 'hex'));
        return { status: 200, body: { data: response.toString('hex') } };
      } catch (error) {
        if (error instanceof DeviceUnplugged) return { status: 503, body: { error: 'device unplugged' } };
        throw error;
      }
    }

    const button = /^\/button\/(left|right|both)$/.exec(path)?.[1] as LedgerButton | undefined;
    if (button) {
      const parsed = json();
      if (!parsed.ok) return { status: 400, body: { message: 'Failed to decode JSON object' } };
      const body = parsed.value;
      if (!isObject(body)) return invalid(`${pythonJson(body)} is not of type 'object'`);
      const extra = checkProperties(body, ['action', 'delay']);
      if (extra) return invalid(extra);
      if (!('action' in body)) return invalid("'action' is a required property");
      if (!ACTIONS.includes(body.action as (typeof ACTIONS)[number])) return invalid(`${pythonJson(body.action)} is not one of ['press', 'release', 'press-and-release']`);
      if ('delay' in body && typeof body.delay !== 'number') return invalid(`${pythonJson(body.delay)} is not of type 'number'`);
      const numbers = BUTTON_NUMBERS[button];
      if (body.action === 'press-and-release') {
        for (const n of numbers) buttons.set(n, true);
        buttons.set(numbers[0] ?? 1, false);
      } else {
        for (const n of numbers) buttons.set(n, body.action === 'press');
      }
      return { status: 200, body: {} };
    }

    if (path === '/finger') {
      const parsed = json();
      if (!parsed.ok) return { status: 400, body: { message: 'Failed to decode JSON object' } };
      const body = parsed.value;
      if (!isObject(body)) return invalid(`${pythonJson(body)} is not of type 'object'`);
      const extra = checkProperties(body, ['x', 'y', 'x2', 'y2', 'action', 'delay']);
      if (extra) return invalid(extra);
      for (const k of ['action', 'x', 'y']) if (!(k in body)) return invalid(`'${k}' is a required property`);
      if (!ACTIONS.includes(body.action as (typeof ACTIONS)[number])) return invalid(`${pythonJson(body.action)} is not one of ['press', 'release', 'press-and-release']`);
      for (const k of ['x', 'y', 'x2', 'y2']) {
        if (!(k in body)) continue;
        const v = body[k];
        if (typeof v !== 'number' || !Number.isInteger(v)) return invalid(`${pythonJson(v)} is not of type 'integer'`);
        if (v < 0) return invalid(`${pythonJson(v)} is less than the minimum of 0`);
      }
      if ('delay' in body && typeof body.delay !== 'number') return invalid(`${pythonJson(body.delay)} is not of type 'number'`);
      // A Nano's screen is not a touch screen: the event reaches the app, which ignores it.
      return { status: 200, body: {} };
    }

    if (path === '/events' && req.method === 'GET') {
      const current = queryBoolean(url.searchParams.get('currentscreenonly'));
      if (current === 'invalid') return { status: 400, body: { message: { currentscreenonly: `Invalid literal for boolean(): ${url.searchParams.get('currentscreenonly') ?? ''}` } } };
      return { status: 200, body: { events: current ? screenContent : events } };
    }
    if (path === '/events' && req.method === 'DELETE') {
      events.length = 0;
      return { status: 200, body: {} };
    }

    if (path === '/screenshot') {
      const { page } = device.screen();
      return { status: 200, png: renderScreen(page, device.geometry) };
    }

    if (path === '/automation') {
      // speculos/api/automation.py: ASCII only, no "file:" documents, a valid rules document.
      if (bytes.some((b) => b > 0x7f)) return { status: 400, body: 'invalid encoding' };
      if (raw.startsWith('file:')) return { status: 400, body: 'invalid document' };
      try {
        automation = new Automation(raw);
      } catch (error) {
        if (error instanceof AutomationInvalid) return { status: 400, body: 'invalid document' };
        throw error;
      }
      return { status: 200, body: {} };
    }

    if (path === '/ticker' || path === '/ticker/') {
      const parsed = json();
      if (!parsed.ok) return { status: 400, body: { message: 'Failed to decode JSON object' } };
      const body = parsed.value;
      if (!isObject(body)) return invalid(`${pythonJson(body)} is not of type 'object'`);
      const extra = checkProperties(body, ['action']);
      if (extra) return invalid(extra);
      if (!('action' in body)) return invalid("'action' is a required property");
      if (!['pause', 'resume', 'single-step'].includes(body.action as string)) return invalid(`${pythonJson(body.action)} is not one of ['pause', 'resume', 'single-step']`);
      // The emulator has no clock of its own to pause: screens change only on APDUs and buttons.
      return { status: 200, body: {} };
    }

    const extra = await options.extraRoutes?.(req, raw);
    if (extra) return extra;
    return { status: 404, body: { message: 'The requested URL was not found on the server.' } };
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/events') {
      const stream = queryBoolean(url.searchParams.get('stream'));
      if (stream === 'invalid') {
        res.writeHead(400, { 'Content-Type': 'application/json' }).end(pythonJson({ message: { stream: `Invalid literal for boolean(): ${url.searchParams.get('stream') ?? ''}` } }) + '\n');
        return;
      }
      if (stream) {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
        res.flushHeaders();
        streams.add(res);
        res.on('close', () => streams.delete(res));
        return;
      }
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      route(req, Buffer.concat(chunks)).then(
        (r) => {
          if ('png' in r) res.writeHead(r.status, { 'Content-Type': 'image/png', 'Cache-control': 'no-cache,no-store' }).end(r.png);
          else res.writeHead(r.status, { 'Content-Type': 'application/json' }).end(`${pythonJson(r.body)}\n`);
        },
        (error: unknown) => res.writeHead(500, { 'Content-Type': 'application/json' }).end(`${pythonJson({ error: String(error) })}\n`),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_SPECULOS_PORT, '127.0.0.1', () => resolve());
  });
  const apdu = options.apduPort !== undefined ? await startApduPort(device, options.apduPort) : null;
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    apduPort: apdu ? (apdu.address() as AddressInfo).port : null,
    close: async () => {
      device.off('screen', onScreen);
      for (const s of streams) s.end();
      server.closeAllConnections();
      await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), apdu ? new Promise<void>((resolve) => apdu.close(() => resolve())) : Promise.resolve()]);
    },
  };
}

/** Speculos's ApduServer: length-prefixed APDUs over TCP, one exchange at a time per connection. */
async function startApduPort(device: LedgerEmulator, port: number): Promise<TcpServer> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let pending = Buffer.alloc(0);
    let queue = Promise.resolve();
    socket.on('data', (data: Buffer) => {
      pending = Buffer.concat([pending, data]);
      while (pending.length >= 4) {
        const size = pending.readUInt32BE(0);
        if (pending.length < 4 + size) break;
        const apdu = pending.subarray(4, 4 + size);
        pending = pending.subarray(4 + size);
        queue = queue.then(async () => {
          try {
            const response = await device.exchange(apdu);
            const head = Buffer.alloc(4);
            head.writeUInt32BE((response.length - 2) >>> 0);
            socket.write(Buffer.concat([head, response]));
          } catch {
            socket.destroy(); // unplugged: the connection drops, as when Speculos stops
          }
        });
      }
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  server.on('close', () => {
    for (const s of sockets) s.destroy();
  });
  const close = server.close.bind(server);
  server.close = (cb?: (err?: Error) => void) => {
    for (const s of sockets) s.destroy();
    return close(cb);
  };
  return server;
}
