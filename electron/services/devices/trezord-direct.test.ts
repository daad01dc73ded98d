/**
 * A device service with no emulator source (the desktop app without the demo, `--no-emulators`):
 * @trezor/connect talks to the machine's trezord itself, with no emulator Bridge in between.
 * "trezord" is a Bridge on a random port with a Trezor behind it that the app did not attach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevicesService, type DevicesService } from './service';
import { goOffline, type OfflineGuard } from './offline.test-support';
import { startTrezorBridge, type TrezorBridge } from '../emulators/trezor/bridge';
import { TrezorEmulator } from '../emulators/trezor/device';
import { TREZOR_ALL_ADDRESS } from './fixtures/typed-data';

const ctx = { via: 'test' } as const;
let offline: OfflineGuard;
let trezord: TrezorBridge;
let behindTrezord: TrezorEmulator;
let service: DevicesService;

beforeAll(async () => {
  offline = goOffline();
  behindTrezord = new TrezorEmulator({ autoApprove: true, serial: 'TREZORD-DIRECT-1', label: 'Home Trezor' });
  trezord = await startTrezorBridge({ port: 0, devices: [behindTrezord] });
  service = createDevicesService({ trezor: true, trezorBridgePort: trezord.port });
}, 60_000);

afterAll(async () => {
  await service.close();
  await trezord.close();
  offline.restore();
});

describe('a real Trezor with no emulator source', () => {
  it('is found through trezord directly, listed as real, and answers', async () => {
    let real;
    for (let i = 0; i < 100 && !real; i++) {
      const r = await service.handlers['devices.list']({}, ctx);
      real = r.ok ? r.value.devices.find((d) => d.vendor === 'trezor') : undefined;
      if (!real) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(real).toMatchObject({ label: 'Home Trezor', emulated: false });
    const address = await service.handlers['devices.getAddress']({ deviceId: real!.id, path: "m/44'/60'/0'/0/0", display: false }, ctx);
    expect(address).toMatchObject({ ok: true, value: { address: TREZOR_ALL_ADDRESS } });
    expect(offline.attempts).toEqual([]);
  }, 30_000);

  it('cannot plug in an emulated device: there is no emulator source', async () => {
    expect(await service.handlers['devices.emulator.attach']({ vendor: 'trezor', autoApprove: true }, ctx)).toMatchObject({ ok: false, error: { kind: 'EmulatorsDisabled' } });
    expect(await service.handlers['devices.emulator.approve']({ deviceId: 'trezor:TREZORD-DIRECT-1' }, ctx)).toMatchObject({ ok: false, error: { kind: 'DeviceNotFound' } });
  });
});
