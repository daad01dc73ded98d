/**
 * The trezord source end to end: the real source (Trezor's own BridgeTransport) against the
 * project's Trezor emulator served as a Bridge on a random local port, with the Origin and Host
 * checks trezord applies. Nothing but 127.0.0.1 is reached.
 */
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashTypedData, recoverAddress, type TypedDataDefinition } from 'viem';
import { createDevicesService, type DevicesService } from '../service';
import { goOffline, type OfflineGuard } from '../offline.test-support';
import { TREZOR_ALL_ADDRESS, vaultAction } from '../fixtures/typed-data';
import { startTrezorBridge, type TrezorBridge } from '../../emulators/trezor/bridge';
import { isAllowedBridgeOrigin } from '../../emulators/trezor/bridge-origin';
import { TrezorEmulator } from '../../emulators/trezor/device';
import { createTrezorBridgeSource, type TrezorBridgeSource } from './bridge-source';

const ctx = { via: 'test' } as const;
const PATH = "m/44'/60'/0'/0/0";
const ID = 'trezor:TREZORD-1';
let offline: OfflineGuard;
let trezor: TrezorEmulator;
let trezord: TrezorBridge;
let source: TrezorBridgeSource;
let service: DevicesService;
/** Every request trezord received: endpoint and Origin. */
const requests: { endpoint: string; origin: string | undefined }[] = [];
const originalEmit = http.Server.prototype.emit;

const listed = async () => {
  const r = await service.handlers['devices.list']({}, ctx);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.devices;
};
const stateOf = async (id: string) => (await listed()).find((d) => d.id === id)?.state ?? 'absent';
/** What trezord itself says of the device (another app would see this). */
const descriptors = async () => (await (await fetch(`${trezord.url}/enumerate`, { method: 'POST' })).json()) as { path: string; session: string | null }[];

beforeAll(async () => {
  offline = goOffline();
  http.Server.prototype.emit = function emit(this: http.Server, event: string, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as http.IncomingMessage;
      requests.push({ endpoint: String(req.url).split('/')[1] ?? '', origin: req.headers.origin });
    }
    return (originalEmit as (event: string, ...args: unknown[]) => boolean).call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
  trezor = new TrezorEmulator({ autoApprove: true, serial: 'TREZORD-1', label: 'Home Trezor' });
  trezord = await startTrezorBridge({ port: 0, devices: [trezor] });
  source = createTrezorBridgeSource({ url: trezord.url, pollMs: 50 });
  service = createDevicesService({ sources: [source] });
}, 60_000);

afterAll(async () => {
  http.Server.prototype.emit = originalEmit;
  await service.close();
  await trezord.close();
  offline.restore();
});

describe('a real Trezor through trezord', () => {
  it('is enumerated, read once and listed as a real device', async () => {
    await expect.poll(() => stateOf(ID), { timeout: 10_000 }).toBe('connected');
    expect((await listed()).find((d) => d.id === ID)).toMatchObject({ vendor: 'trezor', model: 'Trezor Model T', label: 'Home Trezor', firmwareVersion: '2.9.1', emulated: false });
    expect(source.status()).toEqual({ running: true });
    // Its first address is read without showing it, to tell two Trezors apart.
    await expect.poll(async () => (await listed()).find((d) => d.id === ID)?.firstAddress).toBe(TREZOR_ALL_ADDRESS);
  });

  it('acquires the device, gets an address and signs EIP-712 typed data, then releases it', async () => {
    requests.length = 0;
    const address = await service.handlers['devices.getAddress']({ deviceId: ID, path: PATH, display: true }, ctx);
    expect(address).toEqual({ ok: true, value: { path: PATH, address: TREZOR_ALL_ADDRESS, verifiedOnDevice: true } });
    const signed = await service.handlers['devices.sign']({ deviceId: ID, path: PATH, typedData: vaultAction as never, mode: 'auto' }, ctx);
    if (!signed.ok) throw new Error(JSON.stringify(signed.error));
    expect(signed.value).toMatchObject({ address: TREZOR_ALL_ADDRESS, mode: 'full' });
    const digest = hashTypedData(vaultAction as unknown as TypedDataDefinition);
    expect(await recoverAddress({ hash: digest, signature: signed.value.signature as `0x${string}` })).toBe(TREZOR_ALL_ADDRESS);
    // Each request: acquire, its calls, release; the device is free for Trezor Suite afterwards.
    const endpoints = requests.map((r) => r.endpoint).filter((e) => e !== 'enumerate' && e !== '');
    expect(endpoints.filter((e) => e === 'acquire')).toHaveLength(2);
    expect(endpoints.filter((e) => e === 'release')).toHaveLength(2);
    expect(endpoints.at(-1)).toBe('release');
    expect((await descriptors())[0]?.session).toBeNull();
    // Every request of the source carried an Origin trezord accepts (the test's own look at trezord sends none).
    const sources = requests.filter((r) => r.endpoint !== 'enumerate' || r.origin !== undefined);
    expect(sources.length).toBeGreaterThan(4);
    expect(sources.every((r) => r.origin !== undefined && isAllowedBridgeOrigin(r.origin))).toBe(true);
  });

  it('a device held by another app (another session) is busy: the request is refused and that session is left alone', async () => {
    const other = (await (await fetch(`${trezord.url}/acquire/${(await descriptors())[0]!.path}/null`, { method: 'POST', body: '{}' })).json()) as { session: string };
    await expect.poll(() => stateOf(ID)).toBe('busy');
    const refused = await service.handlers['devices.sign']({ deviceId: ID, path: PATH, typedData: vaultAction as never, mode: 'auto' }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'DeviceBusy' } });
    expect((await descriptors())[0]?.session).toBe(other.session); // not taken over
    await fetch(`${trezord.url}/release/${other.session}`, { method: 'POST' });
    await expect.poll(() => stateOf(ID)).toBe('connected');
    expect(await service.handlers['devices.getAddress']({ deviceId: ID, path: PATH, display: false }, ctx)).toMatchObject({ ok: true, value: { address: TREZOR_ALL_ADDRESS } });
  });

  it('a device unplugged mid-call answers Disconnected, leaves the list, and is listed again once plugged back in', async () => {
    trezor.setAutoApprove(false);
    trezor.once('prompt', () => setImmediate(() => trezor.unplug()));
    const r = await service.handlers['devices.sign']({ deviceId: ID, path: PATH, typedData: vaultAction as never, mode: 'auto' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { kind: 'Disconnected' } });
    await expect.poll(() => stateOf(ID)).toBe('absent');
    trezor.setAutoApprove(true);
    trezor.replug();
    await expect.poll(() => stateOf(ID), { timeout: 10_000 }).toBe('connected');
    expect(await service.handlers['devices.getAddress']({ deviceId: ID, path: PATH, display: false }, ctx)).toMatchObject({ ok: true, value: { address: TREZOR_ALL_ADDRESS } });
  });

  it('a request cancelled in the app ends on the device and is reported as cancelled in the app', async () => {
    trezor.setAutoApprove(false);
    const pending = service.handlers['devices.sign']({ deviceId: ID, path: PATH, typedData: vaultAction as never, mode: 'auto' }, ctx);
    await new Promise((resolve) => trezor.once('prompt', resolve));
    expect(await service.handlers['devices.cancel']({ deviceId: ID }, ctx)).toEqual({ ok: true, value: { cancelled: true } });
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'CancelledInApp', vendor: 'trezor' } });
    trezor.setAutoApprove(true);
    expect(trezor.state().pending).toBeNull();
    await expect.poll(async () => (await descriptors())[0]?.session).toBeNull();
  });

  it('never reached beyond 127.0.0.1', () => {
    expect(offline.attempts).toEqual([]);
  });
});

describe('trezord not running', () => {
  it('says so in words, lists no Trezor, and finds the Trezor once the Bridge starts', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const lonely = createTrezorBridgeSource({ url, pollMs: 50 });
    const devices = createDevicesService({ sources: [lonely] });
    const announced: unknown[] = [];
    devices.subscribe((event, payload) => event === 'devices.changed' && announced.push((payload as { problems: unknown[] }).problems));
    try {
      await lonely.refresh();
      // The device list carries the words, so the Devices page says why no Trezor is listed.
      const list = await devices.handlers['devices.list']({}, ctx);
      expect(list.ok && list.value.problems).toEqual([expect.objectContaining({ kind: 'TrezorBridgeNotRunning' })]);
      expect(lonely.status()).toEqual({
        running: false,
        error: expect.objectContaining({ kind: 'TrezorBridgeNotRunning', message: 'Trezor Bridge is not running — install or start Trezor Suite/Bridge.', url }),
      });
      expect(devices.registry.list()).toEqual([]);
      // Trezor Suite is started: its Bridge appears on the port, with a Trezor behind it.
      const late = await startTrezorBridge({ port, devices: [new TrezorEmulator({ autoApprove: true, serial: 'TREZORD-LATE' })] });
      try {
        await expect.poll(() => devices.registry.list().find((d) => d.id === 'trezor:TREZORD-LATE')?.state, { timeout: 10_000 }).toBe('connected');
        expect(lonely.status()).toEqual({ running: true });
        const listed = await devices.handlers['devices.list']({}, ctx);
        expect(listed.ok && listed.value.problems).toEqual([]);
        expect(announced.at(-1)).toEqual([]);
      } finally {
        await late.close();
      }
      // …and stopped again: the Trezor leaves the list, the words come back.
      await expect.poll(() => devices.registry.list().length, { timeout: 10_000 }).toBe(0);
      expect(lonely.status()).toMatchObject({ running: false, error: { kind: 'TrezorBridgeNotRunning' } });
    } finally {
      await devices.close();
    }
  }, 30_000);

  it('a Bridge URL off this machine is refused, never contacted', () => {
    expect(() => createTrezorBridgeSource({ url: 'http://evil.example:21325' })).toThrow(/127\.0\.0\.1/);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = http.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
