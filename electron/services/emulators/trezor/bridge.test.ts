/**
 * The emulator Bridge at the HTTP level: who may talk to it (the checks of trezord-go and of
 * trezor-suite's Node bridge, bridge-origin.ts) and the answers trezord gives.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrezorBridge, type TrezorBridge } from './bridge';
import { TrezorEmulator } from './device';
import { decodeWire, encodeWire } from './protobuf';
import { isAllowedBridgeOrigin } from './bridge-origin';

let bridge: TrezorBridge;
let device: TrezorEmulator;

/** One HTTP request with exactly these headers (Host included, which fetch will not let us set). */
function send(method: string, path: string, headers: Record<string, string>, body = ''): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, method, path, headers: { Host: `127.0.0.1:${bridge.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const APP_ORIGIN = { Origin: 'https://wallet.trezor.io' }; // what @trezor/connect's Node build sends
const post = (path: string, body = '', headers: Record<string, string> = APP_ORIGIN) => send('POST', path, headers, body);
const sessionOf = async (): Promise<string | null> => (JSON.parse((await post('/enumerate')).body) as { session: string | null }[])[0]?.session ?? null;

beforeAll(async () => {
  device = new TrezorEmulator({ autoApprove: true, serial: 'BRIDGE-TEST' });
  bridge = await startTrezorBridge({ port: 0, devices: [device] });
});
afterAll(() => bridge.close());

describe('who may talk to the emulator Bridge', () => {
  it('a request to the emulator Bridge from another Origin is refused', async () => {
    const foreign = ['https://evil.example', 'https://eviltrezor.io', 'https://trezor.io.evil.example', 'http://wallet.trezor.io', 'null', 'http://localhost.evil.example', 'file://'];
    for (const origin of foreign) {
      expect(isAllowedBridgeOrigin(origin), origin).toBe(false);
      const listed = await post('/enumerate', '', { Origin: origin });
      expect(listed.status, origin).toBe(403);
      expect(listed.headers['access-control-allow-origin']).toBeUndefined();
      expect(listed.body).toBe('');
    }
    // A page cannot take the device: the refused acquire leaves it free.
    expect((await post('/acquire/1/null', '', { Origin: 'https://evil.example' })).status).toBe(403);
    expect(await sessionOf()).toBeNull();

    // Nor drive a session the app holds: the device never sees the message.
    const { session } = JSON.parse((await post('/acquire/1/null')).body) as { session: string };
    const busy = device.busyMs;
    const prompts: unknown[] = [];
    device.on('prompt', (p) => prompts.push(p));
    const sign = encodeWire('EthereumSignMessage', { address_n: [0x8000002c, 0x8000003c, 0x80000000, 0, 0], message: Buffer.from('drain').toString('hex') }).toString('hex');
    expect((await post(`/call/${session}`, sign, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(`/post/${session}`, sign, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(`/release/${session}`, '', { Origin: 'https://evil.example' })).status).toBe(403);
    expect(device.busyMs).toBe(busy);
    expect(prompts).toEqual([]);
    expect(await sessionOf()).toBe(session);
    expect((await post(`/release/${session}`)).status).toBe(200);
  });

  it('a request addressed to another Host (DNS rebinding) is refused', async () => {
    // The page's own name, re-pointed at 127.0.0.1, arrives in Host — with or without an Origin
    // that would otherwise pass.
    for (const host of [`evil.example:${bridge.port}`, 'evil.example', `127.0.0.1:${bridge.port + 1}`, `wallet.trezor.io:${bridge.port}`]) {
      expect((await post('/enumerate', '', { Host: host })).status, host).toBe(403);
      expect((await post('/enumerate', '', { Host: host, Origin: 'https://wallet.trezor.io' })).status, host).toBe(403);
      expect((await post('/acquire/1/null', '', { Host: host, Origin: `http://${host}` })).status, host).toBe(403);
      expect((await send('GET', '/', { Host: host })).status, host).toBe(403);
    }
    expect(await sessionOf()).toBeNull();
  });

  it('lets through what the real Bridge lets through: trezor.io pages, localhost pages, and Origin-less loopback clients', async () => {
    for (const origin of ['https://wallet.trezor.io', 'https://suite.trezor.io', 'https://trezor.io', 'http://localhost:5173', 'http://localhost:8088', 'https://dev.sldev.cz']) {
      const r = await post('/enumerate', '', { Origin: origin });
      expect(r.status, origin).toBe(200);
      expect(r.headers['access-control-allow-origin']).toBe(origin);
    }
    expect((await post('/enumerate', '', {})).status).toBe(200);
    expect((await post('/enumerate', '', { Host: `localhost:${bridge.port}` })).status).toBe(200);
  });

  it('answers a browser preflight for an allowed Origin only', async () => {
    const allowed = await send('OPTIONS', '/acquire/1/null', { Origin: 'https://suite.trezor.io', 'Access-Control-Request-Method': 'POST' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://suite.trezor.io');
    expect(allowed.headers['access-control-allow-methods']).toContain('POST');
    expect((await send('OPTIONS', '/acquire/1/null', { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' })).status).toBe(403);
    expect((await send('OPTIONS', '/acquire/1/null', { Origin: 'https://suite.trezor.io', 'Access-Control-Request-Method': 'DELETE' })).status).toBe(405);
  });
});

describe('the answers trezord gives', () => {
  it('GET / sends a browser to the status page; a script (with an Origin) gets nothing', async () => {
    const root = await send('GET', '/', {});
    expect(root.status).toBe(301);
    expect(root.headers.location).toBe(`http://127.0.0.1:${bridge.port}/status/`);
    const status = await send('GET', '/status/', {});
    expect(status.status).toBe(200);
    expect(status.headers['x-frame-options']).toBe('DENY');
    expect(status.body).toContain('Trezor Bridge 3.0.0');
    expect((await send('GET', '/', { Origin: 'https://wallet.trezor.io' })).status).toBe(403);
    expect((await send('GET', '/nothing-here', {})).status).toBe(404);
  });

  it('POST / answers the version, and /release answers the session it released', async () => {
    expect(JSON.parse((await post('/')).body)).toMatchObject({ version: '3.0.0' });
    const { session } = JSON.parse((await post('/acquire/1/null')).body) as { session: string };
    const released = await post(`/release/${session}`);
    expect(released.status).toBe(200);
    expect(JSON.parse(released.body)).toEqual({ session });
    expect(await sessionOf()).toBeNull();
    expect((await post(`/release/${session}`)).status).toBe(400);
  });

  it('an unknown message type reaches the device, which answers Failure_UnexpectedMessage as the firmware does', async () => {
    const { session } = JSON.parse((await post('/acquire/1/null')).body) as { session: string };
    // Wire id 0x7ffe is no message in the definitions; trezord forwards such bytes unchanged.
    const unknown = await post(`/call/${session}`, '7ffe00000002abcd');
    expect(unknown.status).toBe(200);
    expect(decodeWire(Buffer.from(unknown.body, 'hex'))).toEqual({ type: 'Failure', message: { code: 'Failure_UnexpectedMessage', message: 'Unexpected message' } });
    // A message the emulated firmware does not implement gets the same answer.
    const unsupported = await post(`/call/${session}`, encodeWire('SignTx', { outputs_count: 1, inputs_count: 1, coin_name: 'Bitcoin' }).toString('hex'));
    expect(decodeWire(Buffer.from(unsupported.body, 'hex'))).toMatchObject({ type: 'Failure', message: { code: 'Failure_UnexpectedMessage' } });
    // And the device still works.
    const features = await post(`/call/${session}`, encodeWire('GetFeatures', {}).toString('hex'));
    expect(decodeWire(Buffer.from(features.body, 'hex')).type).toBe('Features');
    // Bytes that are no message at all (shorter than the 6-byte header) are the Bridge's to refuse.
    expect(JSON.parse((await post(`/call/${session}`, 'abcd')).body)).toEqual({ error: 'malformed wire format' });
    await post(`/release/${session}`);
  });

  it('Cancel with nothing to cancel is answered Failure_ActionCancelled, as the firmware does', async () => {
    const { session } = JSON.parse((await post('/acquire/1/null')).body) as { session: string };
    const cancelled = await post(`/call/${session}`, encodeWire('Cancel', {}).toString('hex'));
    expect(decodeWire(Buffer.from(cancelled.body, 'hex'))).toEqual({ type: 'Failure', message: { code: 'Failure_ActionCancelled', message: 'Cancelled' } });
    await post(`/release/${session}`);
  });

  it('a message the device did not ask for ends the flow in progress and is answered on its own, as the firmware does', async () => {
    const manual = new TrezorEmulator({ serial: 'BRIDGE-TEST-2' });
    const path = [0x8000002c, 0x8000003c, 0x80000000, 0, 0];
    // Waiting for a struct definition, the device gets another request instead.
    expect(await manual.handle({ type: 'EthereumSignTypedData', message: { address_n: path, primary_type: 'Mail' } })).toMatchObject({ type: 'EthereumTypedDataStructRequest' });
    expect(await manual.handle({ type: 'EthereumGetAddress', message: { address_n: path } })).toEqual({ type: 'EthereumAddress', message: { address: '0x73d0385F4d8E00C5e6504C6030F47BF6212736A8' } });
    // The abandoned flow takes nothing more: its answer is now an unexpected message.
    expect(await manual.handle({ type: 'EthereumTypedDataStructAck', message: { members: [] } })).toMatchObject({ type: 'Failure', message: { code: 'Failure_UnexpectedMessage' } });
    // Showing a dialog, the device gets a new request: the dialog closes, unanswered by the person.
    const closed: boolean[] = [];
    manual.on('promptClosed', ({ approved }) => closed.push(approved));
    expect(await manual.handle({ type: 'EthereumSignMessage', message: { address_n: path, message: '6869' } })).toMatchObject({ type: 'ButtonRequest' });
    const signing = manual.handle({ type: 'ButtonAck', message: {} });
    await new Promise((resolve) => manual.once('prompt', resolve));
    expect((await manual.handle({ type: 'GetFeatures', message: {} }))?.type).toBe('Features');
    expect(closed).toEqual([false]);
    expect(manual.state().pending).toBeNull();
    expect(manual.approve()).toBe(false);
    void signing; // superseded: it is never answered, as the firmware never answers a dropped workflow
  });
});
