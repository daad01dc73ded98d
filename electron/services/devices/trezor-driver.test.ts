import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashTypedData, recoverAddress, recoverMessageAddress, type TypedDataDefinition } from 'viem';
import { createEmulatedDevicesService, type EmulatedDevicesService } from '../emulators/source';
import { goOffline, type OfflineGuard } from './offline.test-support';
import { refusedRequests } from './network-guard';
import { type TrezorEmulator } from '../emulators/trezor/device';
import { TREZOR_ALL_ADDRESS, vaultAction } from './fixtures/typed-data';

// The real @trezor/connect (Node build) over the Bridge protocol, on a random local port.
let offline: OfflineGuard;
let service: EmulatedDevicesService;
let trezor: TrezorEmulator;
let id: string;
const ctx = { via: 'test' } as const;
const PATH = "m/44'/60'/0'/0/0";

beforeAll(async () => {
  offline = goOffline();
  service = createEmulatedDevicesService({ emulatorBridgePort: 0 });
  const attached = await service.handlers['devices.emulator.attach']({ vendor: 'trezor', autoApprove: true }, ctx);
  if (!attached.ok) throw new Error(JSON.stringify(attached.error));
  id = attached.value.deviceId;
  trezor = service.emulators.get(id) as TrezorEmulator;
}, 60_000);

afterAll(async () => {
  await service.close();
  offline.restore();
});

describe('Trezor driver through @trezor/connect and the emulated Bridge', () => {
  it('lists the emulator with its model and firmware, labelled as emulated', async () => {
    const r = await service.handlers['devices.list']({}, ctx);
    expect(r.ok && r.value.devices).toEqual([
      expect.objectContaining({ id, vendor: 'trezor', model: 'Trezor Model T', firmwareVersion: '2.9.1', emulated: true }),
    ]);
  });

  it('gets and verifies an address', async () => {
    trezor.setAutoApprove(false);
    const stop = service.subscribe((event, payload) => {
      if (event === 'devices.prompt' && 'prompt' in payload && payload.prompt) setImmediate(() => trezor.approve());
    });
    const r = await service.handlers['devices.getAddress']({ deviceId: id, path: PATH, display: true }, ctx);
    stop();
    trezor.setAutoApprove(true);
    expect(r).toEqual({ ok: true, value: { path: PATH, address: TREZOR_ALL_ADDRESS, verifiedOnDevice: true } });
  });

  it('signs the Commons VaultAction through the full EIP-712 flow', async () => {
    const r = await service.handlers['devices.sign']({ deviceId: id, path: PATH, typedData: vaultAction as never, mode: 'auto' }, ctx);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value).toMatchObject({ address: TREZOR_ALL_ADDRESS, mode: 'full' });
    const digest = hashTypedData(vaultAction as unknown as TypedDataDefinition);
    expect(await recoverAddress({ hash: digest, signature: r.value.signature as `0x${string}` })).toBe(TREZOR_ALL_ADDRESS);
  });

  it('signs a personal message', async () => {
    const r = await service.registry.signer(id).signPersonalMessage(PATH, 'C3 Commons');
    expect(await recoverMessageAddress({ message: 'C3 Commons', signature: r.signature })).toBe(TREZOR_ALL_ADDRESS);
  });

  it('gets a Bitcoin xpub and the master fingerprint', async () => {
    const r = await service.handlers['devices.getXpub']({ deviceId: id, path: "m/48'/0'/0'/2'", display: false }, ctx);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.xpub).toMatch(/^xpub/);
    // "all all … all" master fingerprint (trezor-firmware tests: 0x73c5da0a little-endian in GetPublicKey fixtures).
    expect(r.value.masterFingerprint).toMatch(/^[0-9a-f]{8}$/);
  });

  it('gets a Cardano public key', async () => {
    const r = await service.handlers['devices.getCardanoKey']({ deviceId: id, path: "m/1852'/1815'/0'" }, ctx);
    expect(r).toMatchObject({ ok: true, value: { publicKey: expect.stringMatching(/^[0-9a-f]{64}$/), chainCode: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });

  it('maps a rejection on the device', async () => {
    trezor.setAutoApprove(false);
    trezor.once('prompt', () => setImmediate(() => trezor.reject()));
    const r = await service.handlers['devices.sign']({ deviceId: id, path: PATH, typedData: vaultAction as never, mode: 'auto' }, ctx);
    trezor.setAutoApprove(true);
    expect(r).toMatchObject({ ok: false, error: { kind: 'RejectedOnDevice' } });
  });

  it('a request cancelled in the app ends on the device and is reported as cancelled in the app, not as rejected on the device', async () => {
    trezor.setAutoApprove(false);
    const closed: boolean[] = [];
    trezor.once('promptClosed', ({ approved }) => closed.push(approved));
    const pending = service.handlers['devices.sign']({ deviceId: id, path: PATH, typedData: vaultAction as never, mode: 'auto' }, ctx);
    await new Promise((resolve) => trezor.once('prompt', resolve));
    const c = await service.handlers['devices.cancel']({ deviceId: id }, ctx);
    const r = await pending;
    trezor.setAutoApprove(true);
    expect(c).toEqual({ ok: true, value: { cancelled: true } });
    expect(r).toMatchObject({ ok: false, error: { kind: 'CancelledInApp', vendor: 'trezor', message: 'The request was cancelled in C3 Vault.' } });
    // The device's dialog went away (Cancel → Failure_ActionCancelled), and nothing waits on it.
    expect(closed).toEqual([false]);
    expect(trezor.state().pending).toBeNull();
    // …nor on the app's screens.
    const listed = await service.handlers['devices.list']({}, ctx);
    expect(listed.ok && listed.value.devices.find((d) => d.id === id)?.prompt).toBeNull();
    // The next request is not taken for a cancelled one.
    const again = await service.handlers['devices.getAddress']({ deviceId: id, path: PATH, display: false }, ctx);
    expect(again).toMatchObject({ ok: true, value: { address: TREZOR_ALL_ADDRESS } });
  });

  it('a rejection on the device after an earlier cancel from the app is still reported as rejected on the device', async () => {
    trezor.setAutoApprove(false);
    trezor.once('prompt', () => setImmediate(() => trezor.reject()));
    const r = await service.handlers['devices.sign']({ deviceId: id, path: PATH, typedData: vaultAction as never, mode: 'auto' }, ctx);
    trezor.setAutoApprove(true);
    expect(r).toMatchObject({ ok: false, error: { kind: 'RejectedOnDevice' } });
  });

  it('maps a locked device whose PIN entry is cancelled', async () => {
    trezor.setAutoApprove(false);
    trezor.lock();
    trezor.once('prompt', () => setImmediate(() => trezor.reject()));
    const r = await service.handlers['devices.getAddress']({ deviceId: id, path: PATH, display: false }, ctx);
    trezor.unlock();
    trezor.setAutoApprove(true);
    expect(r).toMatchObject({ ok: false, error: { kind: 'DeviceLocked' } });
  });

  it('maps an unplug mid-request, and lists the device again after a replug', async () => {
    trezor.setAutoApprove(false);
    trezor.once('prompt', () => setImmediate(() => trezor.unplug()));
    const r = await service.handlers['devices.sign']({ deviceId: id, path: PATH, typedData: vaultAction as never, mode: 'auto' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { kind: 'Disconnected' } });
    trezor.replug();
    trezor.setAutoApprove(true);
    await expect.poll(async () => {
      const l = await service.handlers['devices.list']({}, ctx);
      return l.ok && l.value.devices.find((d) => d.id === id)?.state;
    }, { timeout: 10_000 }).toBe('connected');
    const again = await service.handlers['devices.getAddress']({ deviceId: id, path: PATH, display: false }, ctx);
    expect(again).toMatchObject({ ok: true, value: { address: TREZOR_ALL_ADDRESS } });
  }, 30_000);

  it('never reached the network (vendor lookups were refused before any connection)', () => {
    expect(offline.attempts).toEqual([]);
    expect(refusedRequests.every((url) => /trezor\.io/.test(url))).toBe(true);
  });
});
