import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { channels } from '../../shared/contract/channels';
import { createDispatcher, type Dispatch } from '../../shared/contract/dispatch';
import { MAX_MESSAGE_DEPTH } from '../../shared/contract/limits';
import { createServices } from '../services';
import { createEventHub, type EventHub } from '../services/events';
import { MAX_CALLS_IN_FLIGHT, MAX_WAITING_FRAMES, type ConnectionLimits } from './connection';
import { MAX_FRAME_BYTES, startBridge, type Bridge } from './server';

const staticDir = mkdtempSync(join(tmpdir(), 'c3-bridge-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>C3</title>');
writeFileSync(join(tmpdir(), 'c3-secret.txt'), 'outside the build');

const services = createServices({ version: '0.0.0-test', shell: 'browser', platform: 'linux', emulators: true, dataDir: mkdtempSync(join(tmpdir(), 'c3-services-')) });
let bridge: Bridge;

beforeAll(async () => {
  bridge = await startBridge({ staticDir, dispatch: createDispatcher(channels, services.handlers), hub: services.hub, port: 0 });
});
afterAll(async () => {
  await bridge.close();
  await services.close();
});

type Outcome = { opened: true; socket: WebSocket } | { opened: false; status: number };

function connect(options: { token?: string | null; origin?: string; host?: string; path?: string } = {}): Promise<Outcome> {
  const { token = bridge.token, origin = bridge.origin, path = '/bridge' } = options;
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${bridge.port}${path}`, token === null ? [] : [`c3-bridge.${token}`], {
      origin,
      headers: options.host ? { Host: options.host } : {},
    });
    socket.on('open', () => resolve({ opened: true, socket }));
    socket.on('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode ?? 0 }));
    socket.on('error', () => resolve({ opened: false, status: 0 }));
  });
}

function frames(socket: WebSocket): AsyncGenerator<Record<string, unknown>> {
  const queue: Record<string, unknown>[] = [];
  let wake: (() => void) | null = null;
  socket.on('message', (data) => {
    queue.push(JSON.parse(data.toString()) as Record<string, unknown>);
    wake?.();
  });
  return (async function* () {
    for (;;) {
      while (queue.length) yield queue.shift()!;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  })();
}

async function callOver(socket: WebSocket, channel: string, payload: unknown) {
  const stream = frames(socket);
  socket.send(JSON.stringify({ type: 'call', id: 7, channel, payload }));
  for await (const frame of stream) if (frame['type'] === 'answer') return frame;
  throw new Error('unreachable');
}

describe('the browser bridge', () => {
  it('listens on loopback only', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
  });

  it('refuses a connection without the token, or with a wrong one', async () => {
    expect(await connect({ token: null })).toEqual({ opened: false, status: 401 });
    expect(await connect({ token: 'f'.repeat(64) })).toEqual({ opened: false, status: 401 });
    expect(await connect({ token: bridge.token.slice(1) })).toEqual({ opened: false, status: 401 });
  });

  it('refuses a foreign Origin even with the right token', async () => {
    expect(await connect({ origin: 'http://evil.example' })).toEqual({ opened: false, status: 403 });
    expect(await connect({ origin: `http://127.0.0.1:${bridge.port + 1}` })).toEqual({ opened: false, status: 403 });
    expect(await connect({ origin: 'null' })).toEqual({ opened: false, status: 403 });
  });

  it('refuses a foreign Host (DNS rebinding) and other paths', async () => {
    expect(await connect({ host: `rebind.example:${bridge.port}` })).toEqual({ opened: false, status: 421 });
    expect(await connect({ path: '/other' })).toEqual({ opened: false, status: 404 });
  });

  it('serves the contract to a page of its own origin holding the token', async () => {
    const outcome = await connect();
    if (!outcome.opened) throw new Error(`refused with ${outcome.status}`);
    const answer = await callOver(outcome.socket, 'app.info', {});
    expect(answer).toMatchObject({ type: 'answer', id: 7, answer: { ok: true, value: { name: 'C3 Vault', shell: 'browser' } } });
    outcome.socket.close();
  });

  it('answers a message that fails its schema with a typed error', async () => {
    const outcome = await connect();
    if (!outcome.opened) throw new Error('refused');
    const answer = await callOver(outcome.socket, 'task.cancel', { taskId: 'rm -rf /' });
    expect(answer).toMatchObject({ answer: { ok: false, error: { kind: 'InvalidRequest', channel: 'task.cancel', issues: [{ path: 'taskId' }] } } });
    outcome.socket.close();
  });

  it('closes the socket on a frame that is not a call', async () => {
    const outcome = await connect();
    if (!outcome.opened) throw new Error('refused');
    const closed = new Promise<number>((resolve) => outcome.socket.on('close', (code) => resolve(code)));
    outcome.socket.send('{"type":"exec","cmd":"ls"}');
    expect(await closed).toBe(1008);
  });

  it('serves files of the build with the CSP, and nothing outside it', async () => {
    const get = (path: string, host = `127.0.0.1:${bridge.port}`) =>
      new Promise<{ status: number; csp: string | undefined }>((resolve) => {
        request({ host: '127.0.0.1', port: bridge.port, path, headers: { Host: host } }, (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, csp: res.headers['content-security-policy'] as string | undefined });
        }).end();
      });
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.csp).toContain("default-src 'none'");
    expect(index.csp).toContain(`ws://127.0.0.1:${bridge.port}`);
    expect((await get('/../c3-secret.txt')).status).not.toBe(200);
    expect((await get('/%2e%2e/c3-secret.txt')).status).not.toBe(200);
    expect((await get('/', 'evil.example')).status).toBe(421);
  });
});

/** A bridge of its own for one test, so that its connections are the only ones counted. */
async function withBridge(
  options: { dispatch?: Dispatch; hub?: EventHub; limits?: Partial<ConnectionLimits> & { maxConnections?: number }; log?: (line: string) => void },
  test: (bridge: Bridge) => Promise<void>,
): Promise<void> {
  const own = await startBridge({ staticDir, dispatch: options.dispatch ?? createDispatcher(channels, services.handlers), hub: options.hub ?? services.hub, port: 0, ...(options.limits ? { limits: options.limits } : {}), ...(options.log ? { log: options.log } : {}) });
  try {
    await test(own);
  } finally {
    await own.close();
  }
}

function open(target: Bridge): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${target.port}/bridge`, [`c3-bridge.${target.token}`], { origin: target.origin });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

const closing = (socket: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));

/** Collects the next `count` answer frames of a socket, in the order they arrive. */
function answers(socket: WebSocket, count: number): Promise<{ id: number; answer: { ok: boolean; error?: Record<string, unknown>; value?: unknown } }[]> {
  return new Promise((resolve) => {
    const seen: { id: number; answer: { ok: boolean } }[] = [];
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString()) as { type: string; id: number; answer: { ok: boolean } };
      if (frame.type !== 'answer') return;
      seen.push(frame);
      if (seen.length === count) {
        socket.off('message', onMessage);
        resolve(seen);
      }
    };
    socket.on('message', onMessage);
  });
}

const call = (id: number, channel: string, payload: unknown = {}) => JSON.stringify({ type: 'call', id, channel, payload });

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the bridge's one connection has stopped taking calls up: its caps hold it still. */
async function stalled(target: Bridge): Promise<void> {
  let last = -1;
  let still = 0;
  await until(() => {
    const taken = target.connections()[0]?.callsTaken ?? -1;
    still = taken === last && taken > 0 ? still + 1 : 0;
    last = taken;
    return still >= 20; // a full second without a new call taken up
  });
}

/** A devices.sign request whose EIP-712 message nests 1,500 arrays: 3 KB (issue 10, item 6). */
const NESTED_SIGN_REQUEST: unknown = JSON.parse(
  `{"deviceId":"emu-ledger-1","path":"m/44'/60'/0'/0/0","typedData":{"domain":{},"types":{},"primaryType":"Mail","message":{"x":${'['.repeat(1_500)}${']'.repeat(1_500)}}}}`,
);

describe('the browser bridge under hostile clients', () => {
  it('a devices.sign request nesting 1,500 arrays is refused with a typed error and the server stays up', async () => {
    const socket = await open(bridge);
    const replies = answers(socket, 2);
    socket.send(call(1, 'devices.sign', NESTED_SIGN_REQUEST));
    socket.send(call(2, 'app.info'));
    const [refused, served] = await replies;
    expect(refused).toMatchObject({ id: 1, answer: { ok: false, error: { kind: 'MessageTooDeep', channel: 'devices.sign', max: MAX_MESSAGE_DEPTH } } });
    expect(served).toMatchObject({ id: 2, answer: { ok: true, value: { name: 'C3 Vault' } } });
    socket.close();
    const again = await open(bridge);
    expect((await Promise.all([answers(again, 1), again.send(call(3, 'app.info'))]))[0]).toMatchObject([{ id: 3, answer: { ok: true } }]);
    again.close();
  });

  it('a request over its channel’s size cap is refused as too large, naming the cap', async () => {
    const socket = await open(bridge);
    const replies = answers(socket, 1);
    const message = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`memo${i}`, 'x'.repeat(250_000)]));
    socket.send(call(1, 'devices.sign', { deviceId: 'emu-ledger-1', path: "m/44'/60'/0'/0/0", typedData: { domain: {}, types: {}, primaryType: 'Mail', message } }));
    expect((await replies)[0]).toMatchObject({ answer: { ok: false, error: { kind: 'MessageTooLarge', channel: 'devices.sign', max: 1024 * 1024 } } });
    socket.close();
  });

  it("a client that never reads answers cannot grow the server's memory", async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const usage = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
    await withBridge({}, async (own) => {
      const warm = await open(own);
      await Promise.all([answers(warm, 1), warm.send(call(0, 'demo.log'))]); // the demo chain is built once, outside the measurement
      warm.close();
      await until(() => own.connections().length === 0);

      const socket = await open(own);
      socket.pause(); // the attack: send calls, never read an answer (each demo.log answer is ~58 KB)
      gc();
      const before = usage();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, usage())), 25);
      let sent = 0;
      let calls = 0;
      while (sent < 600 * 1024) {
        const frame = call(++calls, 'demo.log');
        sent += Buffer.byteLength(frame);
        socket.send(frame);
      }
      await stalled(own);
      clearInterval(sampler);
      const [held] = own.connections();
      const growth = (peak - before) / 1024 / 1024;
      console.info(`${calls} calls (${(sent / 1024).toFixed(0)} KB) never read: the server took up ${held?.callsTaken}, holds ${held?.callsInFlight} in flight and ${held?.waitingFrames} waiting; memory grew ${growth.toFixed(1)} MB at most`);
      expect(held).toMatchObject({ callsInFlight: MAX_CALLS_IN_FLIGHT, paused: true });
      expect(held!.callsTaken).toBeLessThan(calls / 10);
      expect(held!.waitingFrames).toBeLessThanOrEqual(MAX_WAITING_FRAMES);
      expect(growth).toBeLessThan(50);
      socket.terminate();
    });
  }, 120_000);

  it('a burst of calls beyond the in-flight cap is served in order once answers drain', async () => {
    await withBridge({}, async (own) => {
      const socket = await open(own);
      socket.pause();
      const burst = 300;
      const replies = answers(socket, burst);
      for (let id = 1; id <= burst; id++) socket.send(call(id, 'demo.log'));
      await stalled(own);
      expect(own.connections()[0]).toMatchObject({ callsInFlight: MAX_CALLS_IN_FLIGHT, paused: true });
      expect(own.connections()[0]!.callsTaken).toBeLessThan(burst);
      socket.resume();
      const served = await replies;
      expect(served.map((frame) => frame.id)).toEqual(Array.from({ length: burst }, (_, i) => i + 1));
      expect(served.every((frame) => frame.answer.ok)).toBe(true);
      await until(() => own.connections()[0]?.callsInFlight === 0);
      expect(own.connections()[0]).toMatchObject({ callsInFlight: 0, waitingFrames: 0, paused: false, callsTaken: burst });
      socket.close();
    });
  }, 120_000);

  it('frames that are binary, not JSON, not UTF-8 or too large are closed with a reason, and the server stays up', async () => {
    const cases: [string, (socket: WebSocket) => void, number][] = [
      ['binary', (socket) => socket.send(Buffer.from([1, 2, 3]), { binary: true }), 1003],
      ['not JSON', (socket) => socket.send('{"type":"call",'), 1007],
      ['not UTF-8', (socket) => socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false }), 1007],
      ['too large', (socket) => socket.send('x'.repeat(MAX_FRAME_BYTES + 1)), 1009],
    ];
    for (const [, attack, code] of cases) {
      const socket = await open(bridge);
      const closed = closing(socket);
      attack(socket);
      expect((await closed).code).toBe(code);
    }
    const socket = await open(bridge);
    expect((await Promise.all([answers(socket, 1), socket.send(call(1, 'app.info'))]))[0]).toMatchObject([{ answer: { ok: true } }]);
    socket.close();
  });

  it('a connection calling faster than its rate limit is told so in a typed error', async () => {
    await withBridge({ limits: { callsPerSecond: 1, burst: 3 } }, async (own) => {
      const socket = await open(own);
      const replies = answers(socket, 5);
      for (let id = 1; id <= 5; id++) socket.send(call(id, 'app.info'));
      // Refusals are answered at once, served calls a moment later: compare by id.
      const served = (await replies).sort((a, b) => a.id - b.id);
      expect(served.slice(0, 3).every((frame) => frame.answer.ok)).toBe(true);
      expect(served.slice(3)).toMatchObject([
        { id: 4, answer: { ok: false, error: { kind: 'CallRateExceeded', channel: 'app.info', callsPerSecond: 1, burst: 3 } } },
        { id: 5, answer: { ok: false, error: { kind: 'CallRateExceeded' } } },
      ]);
      expect(served[3]!.answer.error!['message']).toContain('this connection may make 1 calls a second');
      socket.close();
    });
  });

  it('a dispatcher that fails still gets its calls answered, and leaves no promise rejected unhandled', async () => {
    const unhandled: unknown[] = [];
    const watch = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', watch);
    try {
      const failing: Dispatch = (channel) => (channel === 'app.info' ? Promise.reject(new Error('boom')) : (() => { throw new Error('sync boom'); })());
      await withBridge({ dispatch: failing }, async (own) => {
        const socket = await open(own);
        const replies = answers(socket, 2);
        socket.send(call(1, 'app.info'));
        socket.send(call(2, 'demo.log'));
        expect((await replies).sort((a, b) => a.id - b.id)).toMatchObject([
          { id: 1, answer: { ok: false, error: { kind: 'ServiceFailed', channel: 'app.info' } } },
          { id: 2, answer: { ok: false, error: { kind: 'ServiceFailed', channel: 'demo.log' } } },
        ]);
        socket.close();
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', watch);
    }
  });

  it('a client that resets its socket while being refused does not stop the server', async () => {
    // Outside a test runner an uncaught exception ends the process; here, watch for one.
    const uncaught: unknown[] = [];
    const watch = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', watch);
    onTestFinished(() => void process.off('uncaughtException', watch));
    await withBridge({}, async (own) => {
      for (let attempt = 0; attempt < 100; attempt++) {
        await new Promise<void>((resolve) => {
          const raw = connectTcp(own.port, '127.0.0.1', () => {
            raw.write(
              `GET /bridge HTTP/1.1\r\nHost: 127.0.0.1:${own.port}\r\nOrigin: ${own.origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
                `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: c3-bridge.${'0'.repeat(64)}\r\n\r\n`,
            );
            raw.resetAndDestroy(); // an RST while the server writes its 401
            resolve();
          });
          raw.on('error', () => {});
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(uncaught).toEqual([]);
      const socket = await open(own);
      expect((await Promise.all([answers(socket, 1), socket.send(call(1, 'app.info'))]))[0]).toMatchObject([{ answer: { ok: true } }]);
      socket.close();
    });
  });

  it('connections beyond the cap are refused', async () => {
    await withBridge({ limits: { maxConnections: 2 } }, async (own) => {
      const first = await open(own);
      const second = await open(own);
      await expect(open(own)).rejects.toThrow('refused with 503');
      first.close();
      second.close();
    });
  });

  it('a client that reads neither answers nor events is disconnected once too much waits unsent', async () => {
    const hub = createEventHub();
    const lines: string[] = [];
    await withBridge({ hub, limits: { maxUnsentBytes: 1024 * 1024 }, log: (line) => lines.push(line) }, async (own) => {
      const socket = await open(own);
      socket.pause();
      const label = 'x'.repeat(10_000);
      for (let round = 0; round < 2_000 && own.connections().length > 0; round++) {
        for (let n = 0; n < 10; n++) hub.publish('task.progress', { taskId: 'task-1', label, stage: 'proving', done: n, total: 10, state: 'running' });
        await new Promise((resolve) => setImmediate(resolve));
      }
      await until(() => own.connections().length === 0);
      expect(lines).toContain('bridge: closed a connection (1008: the client is not reading its answers)');
      socket.terminate();
    });
  }, 60_000);
});
