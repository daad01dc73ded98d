/**
 * Real Trezors next to emulated ones: the app's one @trezor/connect follows the emulator Bridge,
 * which lists the devices of the machine's trezord (21325) and forwards their requests to it. Here
 * "trezord" is a second Bridge on a random port with a Trezor behind it that the app did not
 * attach, so the app sees it as a real device: listed, signing, gone when unplugged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashTypedData, recoverAddress, type TypedDataDefinition } from 'viem';
import { createEmulatedDevicesService, type EmulatedDevicesService } from '../emulators/source';
import { goOffline, type OfflineGuard } from './offline.test-support';
import { startTrezorBridge, type TrezorBridge } from '../emulators/trezor/bridge';
import { TrezorEmulator } from '../emulators/trezor/device';
import { TREZOR_ALL_ADDRESS, vaultAction } from './fixtures/typed-data';

const ctx = { via: 'test' } as const;
const PATH = "m/44'/60'/0'/0/0";
let offline: OfflineGuard;
let trezord: TrezorBridge;
let behindTrezord: TrezorEmulator;
let service: EmulatedDevicesService;

const listed = async () => {
  const r = await service.handlers['devices.list']({}, ctx);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.devices;
};

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  offline = goOffline();
  behindTrezord = new TrezorEmulator({ autoApprove: true, serial: 'TREZORD-DEVICE-1', label: 'Office Trezor' });
  trezord = await startTrezorBridge({ port: 0, devices: [behindTrezord] });
  service = createEmulatedDevicesService({ emulatorBridgePort: 0, trezor: true, trezorBridgePort: trezord.port });
}, 60_000);

afterAll(async () => {
  await service.close();
  await trezord.close();
  offline.restore();
});

describe('a Trezor behind the machine’s trezord, beside emulated ones', () => {
  it('is listed as a real device, and an emulated Trezor attached later is listed beside it', async () => {
    const real = await until(async () => (await listed()).find((d) => d.vendor === 'trezor' && !d.emulated), 'the real Trezor');
    expect(real).toMatchObject({ label: 'Office Trezor', emulated: false, state: 'connected' });
    const attached = await service.handlers['devices.emulator.attach']({ vendor: 'trezor', autoApprove: true }, ctx);
    if (!attached.ok) throw new Error(JSON.stringify(attached.error));
    const both = await until(async () => {
      const devices = (await listed()).filter((d) => d.vendor === 'trezor');
      return devices.length === 2 ? devices : undefined;
    }, 'both Trezors');
    expect(both.map((d) => d.emulated).sort()).toEqual([false, true]);
  });

  it('signs through trezord, the request forwarded unchanged', async () => {
    const real = (await listed()).find((d) => d.vendor === 'trezor' && !d.emulated)!;
    const busy = behindTrezord.busyMs;
    const r = await service.handlers['devices.sign']({ deviceId: real.id, path: PATH, typedData: vaultAction as never, mode: 'auto' }, ctx);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(behindTrezord.busyMs).toBeGreaterThan(busy); // the device behind trezord did the work
    const digest = hashTypedData(vaultAction as unknown as TypedDataDefinition);
    expect(await recoverAddress({ hash: digest, signature: r.value.signature as `0x${string}` })).toBe(TREZOR_ALL_ADDRESS);
  }, 30_000);

  it('disappears when unplugged from trezord, and never reached beyond 127.0.0.1', async () => {
    behindTrezord.unplug();
    await until(async () => ((await listed()).some((d) => d.vendor === 'trezor' && !d.emulated) ? undefined : true), 'the real Trezor to go');
    expect((await listed()).filter((d) => d.vendor === 'trezor')).toHaveLength(1);
    expect(offline.attempts).toEqual([]);
  }, 30_000);
});
