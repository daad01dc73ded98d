/**
 * The Ledger emulator behind Speculos's REST API, driven as Ledger's own tools drive Speculos:
 * hw-transport-node-speculos-http, button walks by the screen texts, the cases of Speculos's own
 * API tests (LedgerHQ/speculos, tests/python/api/test_api.py) and its request schemas
 * (speculos/api/resources/*.schema).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { inflateSync } from 'node:zlib';
import SpeculosHttpTransport from '@ledgerhq/hw-transport-node-speculos-http';
import Eth from '@ledgerhq/hw-app-eth';
import { LedgerEmulator } from './device';
import { startSpeculosServer, type SpeculosServer } from './speculos';
import { controlRoutes } from '../control';

let device: LedgerEmulator;
let server: SpeculosServer;
const OFFLINE = { calServiceURL: null, cryptoassetsBaseURL: null, pluginBaseURL: null, nftExplorerBaseURL: null, extraPlugins: null };
const PATH = "44'/60'/0'/0/0";

const mail = {
  domain: { chainId: 1, name: 'C3 Commons', verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC', version: '1' },
  message: { contents: 'Hello, Bob!', amount: '7' },
  primaryType: 'Note',
  types: {
    EIP712Domain: [
      { name: 'name', type: 'string' },
      { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' },
      { name: 'verifyingContract', type: 'address' },
    ],
    Note: [
      { name: 'contents', type: 'string' },
      { name: 'amount', type: 'uint256' },
    ],
  },
};

beforeAll(async () => {
  device = new LedgerEmulator();
  server = await startSpeculosServer(device, { port: 0, apduPort: 0, extraRoutes: controlRoutes({ ledger: device }) });
});
afterAll(() => server.close());

const post = (path: string, body: unknown) => fetch(`${server.url}${path}`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
const press = async (button: 'left' | 'right' | 'both') => expect((await post(`/button/${button}`, { action: 'press-and-release' })).status).toBe(200);
const screen = async (): Promise<string[]> => ((await (await fetch(`${server.url}/events?currentscreenonly=true`)).json()) as { events: { text: string }[] }).events.map((e) => e.text);

/** Waits until the screen shows `text` (a review appears once its APDU arrived). */
async function waitFor(text: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if ((await screen()).includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the screen never showed ${text}`);
}

/** A Speculos script's walk: right until `text` is on the screen, then both buttons. */
async function walkTo(text: string): Promise<string[][]> {
  const seen: string[][] = [];
  for (let i = 0; i < 30; i += 1) {
    const shown = await screen();
    seen.push(shown);
    if (shown.includes(text)) {
      await press('both');
      return seen;
    }
    await press('right');
  }
  throw new Error(`no ${text} in the review: ${JSON.stringify(seen)}`);
}

describe('the Ledger emulator behind the Speculos REST API', () => {
  it('is driven by hw-transport-node-speculos-http: APDUs, screen events, buttons', async () => {
    const transport = await SpeculosHttpTransport.open({ baseURL: 'http://127.0.0.1', apiPort: String(server.port) });
    const texts: string[] = [];
    transport.automationEvents.subscribe((e) => {
      texts.push(String(e.text));
      // ux_display_public_flow: Verify address, Address, Approve, Reject
      if (e.text === 'address' || String(e.text).startsWith('Address')) void transport.button('right');
      if (e.text === 'Approve') void transport.button('both');
    });
    const eth = new Eth(transport as never, 'w0w', OFFLINE as never);
    const r = await eth.getAddress(PATH, true);
    expect(r.address).toBe('0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D');
    expect(texts).toEqual(expect.arrayContaining(['Verify', 'address', 'Address', '0xDad77910DbDFdE7', '64fC21FCD4E74D71b', 'BACA6D8D', 'Approve', 'Application', 'is ready']));
    await transport.close();
  });

  it('a Speculos-style button walk to Reject refuses the signature', async () => {
    device.setEthereumSetting('blindSigning', true);
    const transport = await SpeculosHttpTransport.open({ baseURL: 'http://127.0.0.1', apiPort: String(server.port) });
    const eth = new Eth(transport as never, 'w0w', OFFLINE as never);
    const signing = eth.signEIP712Message(PATH, mail as never);
    const outcome = signing.then(
      () => 'signed',
      (e: { statusCode?: number }) => e.statusCode,
    );
    await waitFor('Blind');
    // both buttons on information pages do nothing, as on the device
    await press('both');
    expect(await screen()).toEqual(['Blind', 'signing']);
    const seen = await walkTo('Reject');
    expect(await outcome).toBe(0x6985);
    expect(seen.map((s) => s[0])).toEqual(['Blind', 'Review', 'name', 'version', 'chainId', 'verifyingContract', 'Message hash (1/2)', 'Message hash (2/2)', 'Accept risk', 'Reject']);
    expect(seen[2]).toEqual(['name', 'C3 Commons']);
    expect(await screen()).toEqual(['Application', 'is ready']);
    await transport.close();
  });

  it('the same walk to "Accept risk" signs, and left goes back a page', async () => {
    device.setEthereumSetting('blindSigning', true);
    const transport = await SpeculosHttpTransport.open({ baseURL: 'http://127.0.0.1', apiPort: String(server.port) });
    const eth = new Eth(transport as never, 'w0w', OFFLINE as never);
    const signing = eth.signPersonalMessage(PATH, Buffer.from('C3 Vault').toString('hex'));
    await waitFor('Review');
    await press('right');
    expect(await screen()).toEqual(['Message', 'C3 Vault']);
    await press('left');
    expect(await screen()).toEqual(['Review', 'message']);
    await walkTo('Sign');
    await expect(signing).resolves.toMatchObject({ r: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await transport.close();
  });

  it('turns Blind signing on from the app\'s own Settings menu, with the buttons', async () => {
    device.setEthereumSetting('blindSigning', false);
    expect(await screen()).toEqual(['Application', 'is ready']);
    await walkTo('Settings');
    expect(await screen()).toEqual(['Blind signing', 'Enables transaction', 'blind signing', 'Disabled']);
    await press('both');
    expect(await screen()).toEqual(['Blind signing', 'Enables transaction', 'blind signing', 'Enabled']);
    expect(device.blindSigning).toBe(true);
    await walkTo('Back');
    expect(await screen()).toEqual(['Application', 'is ready']);
  });

  it('rejects and locks through the control API, and changes settings through it', async () => {
    const transport = await SpeculosHttpTransport.open({ baseURL: 'http://127.0.0.1', apiPort: String(server.port) });
    const eth = new Eth(transport as never, 'w0w', OFFLINE as never);
    device.once('prompt', () => void fetch(`${server.url}/c3/ledger/reject`, { method: 'POST' }));
    await expect(eth.signPersonalMessage(PATH, '6869')).rejects.toMatchObject({ statusCode: 0x6985 });
    expect((await post('/c3/ledger/settings', { blindSigning: false })).status).toBe(200);
    expect((await post('/c3/ledger/settings', { blindSigning: 'yes' })).status).toBe(400);
    expect((await post('/c3/ledger/settings', { pin: true })).status).toBe(400);
    await expect(eth.signEIP712HashedMessage(PATH, '00'.repeat(32), '11'.repeat(32))).rejects.toMatchObject({ statusCode: 0x6a80 });
    await post('/c3/ledger/lock', {});
    await expect(eth.getAddress(PATH)).rejects.toMatchObject({ statusCode: 0x5515 });
    const state = (await (await fetch(`${server.url}/c3/state`)).json()) as { ledger: { locked: boolean; ethereumSettings: { blindSigning: boolean } } };
    expect(state.ledger).toMatchObject({ locked: true, ethereumSettings: { blindSigning: false } });
    await post('/c3/ledger/unlock', {});
    await press('both'); // dismiss the blind-signing error
    await transport.close();
  });

  it('an automation rule set approves by itself (the swagger "press-buttons" example, walking with right)', async () => {
    const rules = {
      version: 1,
      rules: [
        { text: 'Approve', actions: [['button', 1, true], ['button', 2, true], ['button', 1, false], ['button', 2, false]] },
        { regexp: '^(address|Address)', actions: [['button', 2, true], ['button', 2, false]] },
      ],
    };
    expect((await post('/automation', rules)).status).toBe(200);
    const transport = await SpeculosHttpTransport.open({ baseURL: 'http://127.0.0.1', apiPort: String(server.port) });
    const eth = new Eth(transport as never, 'w0w', OFFLINE as never);
    await expect(eth.getAddress(PATH, true)).resolves.toMatchObject({ address: '0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D' });
    expect((await post('/automation', { version: 1, rules: [] })).status).toBe(200);
    await transport.close();
  });

  it('speaks the raw APDU TCP protocol when asked for a port', async () => {
    const socket = connect(server.apduPort ?? 0, '127.0.0.1');
    const answer = await new Promise<Buffer>((resolve, reject) => {
      socket.once('error', reject);
      socket.once('data', resolve);
      socket.write(Buffer.concat([Buffer.from([0, 0, 0, 5]), Buffer.from('e006000000', 'hex')]));
    });
    socket.destroy();
    // 4-byte length of the data (without the status word), data, status word
    expect(answer.toString('hex')).toBe(`00000004${device.blindSigning ? '03' : '02'}010d009000`);
  });
});

describe("Speculos's own API tests and schemas, against the emulator", () => {
  it('test_apdu / test_apdu_invalid_data: hex in, hex out; bad hex or no data is a 400', async () => {
    const ok = await post('/apdu', { data: 'e006000000' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/^\{"data": "0[23]010d009000"\}\n$/);
    for (const bad of [{ data: 'xyz' }, { data: 'abc' }, { data: '' }, {}, { data: 'e006000000', extra: 1 }, { data: 5 }, [1]]) {
      const r = await post('/apdu', bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(((await r.json()) as { error: string }).error).toEqual(expect.any(String));
    }
    expect((await fetch(`${server.url}/apdu`, { method: 'POST' })).status).toBe(400);
    expect((await fetch(`${server.url}/apdu`)).status).toBe(405);
  });

  it('test_button: press-and-release on each button; unknown actions and buttons are refused', async () => {
    // right, left: back on "Application is ready", where both buttons do nothing
    for (const b of ['right', 'left', 'both'] as const) await press(b);
    expect((await post('/button/right', { action: 'push' })).status).toBe(400);
    expect((await post('/button/right', {})).status).toBe(400);
    expect((await post('/button/right', { action: 'press', delay: 'soon' })).status).toBe(400);
    expect((await post('/button/up', { action: 'press' })).status).toBe(404);
    // press then release is one gesture, as Speculos sends it to the device
    expect(await screen()).toEqual(['Application', 'is ready']);
    expect((await post('/button/right', { action: 'press' })).status).toBe(200);
    expect(await screen()).toEqual(['Application', 'is ready']);
    expect((await post('/button/right', { action: 'release' })).status).toBe(200);
    expect(await screen()).toEqual(['Version', '1.13.0']);
    await press('left');
  });

  it('test_finger: a touch is accepted (a Nano ignores it); a touch without a place is refused', async () => {
    expect((await post('/finger', { x: 0, y: 0, action: 'press-and-release' })).status).toBe(200);
    expect((await post('/finger', { action: 'press-and-release' })).status).toBe(400);
    expect((await post('/finger', { x: -1, y: 0, action: 'press' })).status).toBe(400);
  });

  it('test_events: the stream, the current screen in flask-restful\'s JSON, and DELETE', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/events?stream=true`, { signal: controller.signal });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const reader = stream.body!.getReader();
    await press('right');
    const { value } = await reader.read();
    expect(Buffer.from(value!).toString()).toMatch(/^data: \{"text": "Version", "x": \d+, "y": \d+, "w": \d+, "h": 14, "clear": false\}\n\n/);
    controller.abort();
    const current = await (await fetch(`${server.url}/events?currentscreenonly=true`)).text();
    expect(current).toMatch(/^\{"events": \[\{"text": "Version", "x": \d+, "y": \d+, "w": \d+, "h": 14, "clear": false\}, \{"text": "1\.13\.0", "x": \d+, "y": \d+, "w": \d+, "h": 14, "clear": false\}\]\}\n$/);
    await press('left');
    expect(((await (await fetch(`${server.url}/events`)).json()) as { events: unknown[] }).events.length).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/events`, { method: 'DELETE' })).status).toBe(200);
    expect(await (await fetch(`${server.url}/events`)).json()).toEqual({ events: [] });
    expect((await fetch(`${server.url}/events?currentscreenonly=maybe`)).status).toBe(400);
  });

  it('test_screenshot: a PNG of the screen as it is now', async () => {
    const r = await fetch(`${server.url}/screenshot`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await r.arrayBuffer());
    expect(png.subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([128, 64]);
    // the pixels carry the text: white pixels on the black screen, and another page draws others
    const idat = (b: Buffer) => inflateSync(b.subarray(41, 41 + b.readUInt32BE(33)));
    const lit = idat(png).filter((v) => v === 0xff).length;
    expect(lit).toBeGreaterThan(100);
    await press('right');
    const next = Buffer.from(await (await fetch(`${server.url}/screenshot`)).arrayBuffer());
    expect(idat(next).equals(idat(png))).toBe(false);
    await press('left');
  });

  it('test_automation_*: a valid rules document is taken; file: documents and bad JSON are refused', async () => {
    const valid = { version: 1, rules: [{ text: 'Application', x: 35, y: 3, conditions: [['seen', false]], actions: [['setbool', 'seen', true]] }, { regexp: '\\d+', actions: [['exit']] }] };
    const ok = await post('/automation', valid);
    expect([ok.status, await ok.text()]).toEqual([200, '{}\n']);
    for (const bad of ['file:/etc/passwd', 'x', JSON.stringify({ version: 2, rules: [] }), JSON.stringify({ version: 1, rules: [{ actions: [['jump']] }] })]) {
      const r = await post('/automation', bad);
      expect(r.status, bad).toBe(400);
    }
    expect((await post('/automation', { version: 1, rules: [] })).status).toBe(200);
  });

  it('ticker: pause, resume and single-step are taken, anything else refused', async () => {
    for (const action of ['pause', 'resume', 'single-step']) expect((await post('/ticker/', { action })).status).toBe(200);
    expect((await post('/ticker/', { action: 'stop' })).status).toBe(400);
    expect((await post('/ticker', {})).status).toBe(400);
  });
});
