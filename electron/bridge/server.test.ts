import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { channels } from '../../shared/contract/channels';
import { createDispatcher } from '../../shared/contract/dispatch';
import { createServices } from '../services';
import { startBridge, type Bridge } from './server';

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
