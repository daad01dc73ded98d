/**
 * The device sources the composition root plugs (electron/services/index.ts): the machine's Trezor
 * Bridge always (here an emulator served as a Bridge on a random port stands for trezord, with a
 * Trezor behind it that the app did not attach), the emulator source only in the Demo workspace.
 * A real Trezor is spoken to through trezord directly, beside emulated Trezors in the demo.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashTypedData, recoverAddress, type TypedDataDefinition } from 'viem';
import { channels } from '../../../../shared/contract/channels';
import { createDispatcher } from '../../../../shared/contract/dispatch';
import { type WireAnswer } from '../../../../shared/contract/wire';
import { createServices, type Services } from '../..';
import { goOffline, type OfflineGuard } from '../offline.test-support';
import { TREZOR_ALL_ADDRESS, vaultAction } from '../fixtures/typed-data';
import { startTrezorBridge, type TrezorBridge } from '../../emulators/trezor/bridge';
import { TrezorEmulator } from '../../emulators/trezor/device';

const PATH = "m/44'/60'/0'/0/0";
let offline: OfflineGuard;
let behindTrezord: TrezorEmulator;
let trezord: TrezorBridge;
let services: Services;
let call: (channel: keyof typeof channels, payload?: unknown) => Promise<WireAnswer>;

const devicesListed = async () => {
  const r = await call('devices.list');
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { devices: { id: string; vendor: string; emulated: boolean; state: string }[] }).devices;
};
const sourceKinds = () => services.devices.sources().map((s) => (s === services.emulators ? 'emulators' : 'url' in s && s.url === trezord.url ? 'trezord' : 'other'));

beforeAll(async () => {
  offline = goOffline();
  behindTrezord = new TrezorEmulator({ autoApprove: true, serial: 'TREZORD-HOME', label: 'Home Trezor' });
  trezord = await startTrezorBridge({ port: 0, devices: [behindTrezord] });
  services = createServices({
    version: '0.0.0-test',
    shell: 'electron',
    platform: 'linux',
    emulators: true,
    workspace: 'real',
    trezordUrl: trezord.url,
    dataDir: mkdtempSync(join(tmpdir(), 'c3-sources-')),
  });
  const dispatch = createDispatcher(channels, services.handlers);
  call = (channel, payload = {}) => dispatch(channel, payload, { via: 'test' });
}, 60_000);

afterAll(async () => {
  await services.close();
  await trezord.close();
  offline.restore();
});

describe('the device sources of the desktop app', () => {
  it('in the member’s own workspace: the trezord source alone, no emulator source, and the real Trezor answers', async () => {
    expect(sourceKinds()).toEqual(['trezord']);
    expect(services.emulators).toBeNull();
    await expect.poll(async () => (await devicesListed()).find((d) => d.id === 'trezor:TREZORD-HOME')?.state, { timeout: 10_000 }).toBe('connected');
    expect(await call('devices.getAddress', { deviceId: 'trezor:TREZORD-HOME', path: PATH })).toMatchObject({ ok: true, value: { address: TREZOR_ALL_ADDRESS } });
  });

  it('in the Demo workspace: the emulator source too, an emulated Trezor beside the real one, each through its own Bridge', async () => {
    await call('workspace.open', { workspace: 'demo' });
    expect(sourceKinds().sort()).toEqual(['emulators', 'trezord']);
    const attached = await call('devices.emulator.attach', { vendor: 'trezor', autoApprove: true });
    if (!attached.ok) throw new Error(attached.error.message);
    const trezors = (await devicesListed()).filter((d) => d.vendor === 'trezor');
    expect(trezors.map((d) => d.emulated).sort()).toEqual([false, true]);
    // The real Trezor signs through trezord, the device behind it doing the work.
    const busy = behindTrezord.busyMs;
    const signed = await call('devices.sign', { deviceId: 'trezor:TREZORD-HOME', path: PATH, typedData: vaultAction, mode: 'auto' });
    if (!signed.ok) throw new Error(signed.error.message);
    expect(behindTrezord.busyMs).toBeGreaterThan(busy);
    const digest = hashTypedData(vaultAction as unknown as TypedDataDefinition);
    expect(await recoverAddress({ hash: digest, signature: (signed.value as { signature: `0x${string}` }).signature })).toBe(TREZOR_ALL_ADDRESS);
    // The emulated one answers through the emulators' own Bridge.
    const emulatedId = (attached.value as { deviceId: string }).deviceId;
    expect(await call('devices.getAddress', { deviceId: emulatedId, path: PATH })).toMatchObject({ ok: true, value: { address: TREZOR_ALL_ADDRESS } });
  }, 60_000);

  it('back in the member’s own workspace: the emulator source is pulled out, the real Trezor stays', async () => {
    await call('workspace.open', { workspace: 'real' });
    expect(sourceKinds()).toEqual(['trezord']);
    expect(services.emulators).toBeNull();
    expect((await devicesListed()).map((d) => ({ id: d.id, emulated: d.emulated }))).toEqual([{ id: 'trezor:TREZORD-HOME', emulated: false }]);
    expect(services.devices.registry.list().some((d) => d.emulated)).toBe(false);
    expect(offline.attempts).toEqual([]);
  });
});
