import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import axios from 'axios';
import { hashTypedData, recoverAddress, recoverMessageAddress, type TypedDataDefinition } from 'viem';
import { createEmulatedDevicesService, type EmulatedDevicesService } from '../emulators/source';
import { goOffline, type OfflineGuard } from './offline.test-support';
import { type LedgerEmulator } from '../emulators/ledger/device';
import { vaultAction, SPECULOS_ADDRESS } from './fixtures/typed-data';

let offline: OfflineGuard;
let service: EmulatedDevicesService;
let ledger: LedgerEmulator;
let id: string;
const axiosAttempts: string[] = [];

beforeAll(async () => {
  offline = goOffline();
  // Any axios request (hw-app-eth's CAL, plugins, NFT lookups) fails and is recorded.
  axios.defaults.adapter = async (config) => {
    axiosAttempts.push(String(config.url));
    throw new Error('offline test: axios refused');
  };
  service = createEmulatedDevicesService();
  const attached = await service.handlers['devices.emulator.attach']({ vendor: 'ledger', autoApprove: true }, { via: 'test' });
  if (!attached.ok) throw new Error(JSON.stringify(attached.error));
  id = attached.value.deviceId;
  ledger = service.emulators.get(id) as LedgerEmulator;
});

afterAll(async () => {
  await service.close();
  offline.restore();
});

const ctx = { via: 'test' } as const;

describe('Ledger driver through the emulator', () => {
  it('lists the emulator, labelled as emulated', async () => {
    const r = await service.handlers['devices.list']({}, ctx);
    expect(r.ok && r.value.devices).toEqual([
      expect.objectContaining({ id, vendor: 'ledger', emulated: true, state: 'connected', app: { name: 'Ethereum', version: '1.13.0' } }),
    ]);
  });

  it('gets and verifies an address on the device', async () => {
    ledger.setAutoApprove(false);
    const prompts: string[][] = [];
    const unsubscribe = service.subscribe((event, payload) => {
      if (event === 'devices.prompt' && 'prompt' in payload && payload.prompt) {
        prompts.push(payload.prompt.lines);
        setImmediate(() => ledger.approve());
      }
    });
    const r = await service.handlers['devices.getAddress']({ deviceId: id, path: "m/44'/60'/0'/0/0", display: true }, ctx);
    unsubscribe();
    ledger.setAutoApprove(true);
    expect(r).toEqual({ ok: true, value: { path: "m/44'/60'/0'/0/0", address: SPECULOS_ADDRESS, verifiedOnDevice: true } });
    expect(prompts).toEqual([['Verify address', SPECULOS_ADDRESS]]);
  });

  it('signs the Commons VaultAction, full and hashed, with the same signature', async () => {
    const digest = hashTypedData(vaultAction as unknown as TypedDataDefinition);
    const full = await service.handlers['devices.sign']({ deviceId: id, path: "m/44'/60'/0'/0/0", typedData: vaultAction as never, mode: 'full' }, ctx);
    const hashed = await service.handlers['devices.sign']({ deviceId: id, path: "m/44'/60'/0'/0/0", typedData: vaultAction as never, mode: 'hashed' }, ctx);
    if (!full.ok || !hashed.ok) throw new Error('signing failed');
    expect(full.value.mode).toBe('full');
    expect(hashed.value.mode).toBe('hashed');
    expect(full.value.signature).toBe(hashed.value.signature);
    expect(await recoverAddress({ hash: digest, signature: full.value.signature as `0x${string}` })).toBe(SPECULOS_ADDRESS);
  });

  it('signs a personal message', async () => {
    const signer = service.registry.signer(id);
    const r = await signer.signPersonalMessage("m/44'/60'/0'/0/0", 'C3 Commons');
    expect(await recoverMessageAddress({ message: 'C3 Commons', signature: r.signature })).toBe(SPECULOS_ADDRESS);
  });

  it('gets a Bitcoin xpub and master fingerprint from the Bitcoin app', async () => {
    ledger.openApp('Bitcoin');
    const r = await service.handlers['devices.getXpub']({ deviceId: id, path: "m/48'/0'/0'/2'", display: false }, ctx);
    expect(r.ok && r.value.xpub).toMatch(/^xpub/);
    expect(r.ok && r.value.masterFingerprint).toMatch(/^[0-9a-f]{8}$/);
  });

  it('gets a Cardano key from the Cardano app', async () => {
    ledger.openApp('Cardano ADA');
    const r = await service.handlers['devices.getCardanoKey']({ deviceId: id, path: "m/1854'/1815'/0'" }, ctx);
    expect(r.ok && r.value.publicKey).toMatch(/^[0-9a-f]{64}$/);
    ledger.openApp('Ethereum');
  });

  it('maps a locked device', async () => {
    ledger.lock();
    const r = await service.handlers['devices.getAddress']({ deviceId: id, path: "m/44'/60'/0'/0/0", display: false }, ctx);
    ledger.unlock();
    expect(r).toMatchObject({ ok: false, error: { kind: 'DeviceLocked', nextStep: expect.stringContaining('PIN') } });
  });

  it('maps a wrong app, naming the one to open', async () => {
    ledger.openApp('Bitcoin');
    const r = await service.handlers['devices.sign']({ deviceId: id, path: "m/44'/60'/0'/0/0", typedData: vaultAction as never, mode: 'auto' }, ctx);
    ledger.openApp('BOLOS');
    const dash = await service.handlers['devices.getAddress']({ deviceId: id, path: "m/44'/60'/0'/0/0", display: false }, ctx);
    ledger.openApp('Ethereum');
    expect(r).toMatchObject({ ok: false, error: { kind: 'WrongApp', expected: 'Ethereum', open: 'Bitcoin' } });
    expect(dash).toMatchObject({ ok: false, error: { kind: 'WrongApp', expected: 'Ethereum', open: 'BOLOS' } });
  });

  it('maps an app too old for clear signing, and falls back to hashes in auto mode', async () => {
    const old = createEmulatedDevicesService();
    const a = await old.handlers['devices.emulator.attach']({ vendor: 'ledger', autoApprove: true }, ctx);
    if (!a.ok) throw new Error('attach');
    const oldLedger = old.emulators.get(a.value.deviceId) as LedgerEmulator;
    (oldLedger.appVersions as { Ethereum: string }).Ethereum = '1.8.0';
    const full = await old.handlers['devices.sign']({ deviceId: a.value.deviceId, path: "m/44'/60'/0'/0/0", typedData: vaultAction as never, mode: 'full' }, ctx);
    const auto = await old.handlers['devices.sign']({ deviceId: a.value.deviceId, path: "m/44'/60'/0'/0/0", typedData: vaultAction as never, mode: 'auto' }, ctx);
    (oldLedger.appVersions as { Ethereum: string }).Ethereum = '1.4.0';
    const ancient = await old.handlers['devices.getAddress']({ deviceId: a.value.deviceId, path: "m/44'/60'/0'/0/0", display: false }, ctx);
    await old.close();
    expect(full).toMatchObject({ ok: false, error: { kind: 'AppTooOld', minimum: '1.9.19', actual: '1.8.0' } });
    expect(auto).toMatchObject({ ok: true, value: { mode: 'hashed' } });
    expect(ancient).toMatchObject({ ok: false, error: { kind: 'AppTooOld', minimum: '1.5.0', actual: '1.4.0' } });
  });

  it('a Ledger whose Ethereum app has Blind signing off says which setting to turn on, in both modes', async () => {
    ledger.blindSigning = false;
    const hashed = await service.handlers['devices.sign']({ deviceId: id, path: "m/44'/60'/0'/0/0", typedData: vaultAction as never, mode: 'hashed' }, ctx);
    const full = await service.handlers['devices.sign']({ deviceId: id, path: "m/44'/60'/0'/0/0", typedData: vaultAction as never, mode: 'full' }, ctx);
    ledger.blindSigning = true;
    const after = await service.handlers['devices.sign']({ deviceId: id, path: "m/44'/60'/0'/0/0", typedData: vaultAction as never, mode: 'hashed' }, ctx);
    for (const refused of [hashed, full]) {
      expect(refused).toMatchObject({ ok: false, error: { kind: 'BlindSigningDisabled', statusWord: '0x6a80', nextStep: expect.stringContaining('Settings → Blind signing') } });
    }
    expect(after).toMatchObject({ ok: true });
  });

  it('maps a rejection on the device', async () => {
    ledger.setAutoApprove(false);
    ledger.once('prompt', () => setImmediate(() => ledger.reject()));
    const r = await service.handlers['devices.sign']({ deviceId: id, path: "m/44'/60'/0'/0/0", typedData: vaultAction as never, mode: 'full' }, ctx);
    ledger.setAutoApprove(true);
    expect(r).toMatchObject({ ok: false, error: { kind: 'RejectedOnDevice' } });
  });

  it('maps a request already in flight as busy', async () => {
    ledger.setAutoApprove(false);
    const first = service.handlers['devices.sign']({ deviceId: id, path: "m/44'/60'/0'/0/0", typedData: vaultAction as never, mode: 'hashed' }, ctx);
    await new Promise((resolve) => ledger.once('prompt', resolve));
    const second = await service.handlers['devices.getAddress']({ deviceId: id, path: "m/44'/60'/0'/0/0", display: false }, ctx);
    ledger.approve();
    await first;
    ledger.setAutoApprove(true);
    expect(second).toMatchObject({ ok: false, error: { kind: 'DeviceBusy' } });
  });

  it('maps an unplug mid-request, lists it as disconnected, and works again after a replug', async () => {
    ledger.setAutoApprove(false);
    ledger.once('prompt', () => setImmediate(() => ledger.unplug()));
    const r = await service.handlers['devices.sign']({ deviceId: id, path: "m/44'/60'/0'/0/0", typedData: vaultAction as never, mode: 'full' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { kind: 'Disconnected' } });
    const listed = await service.handlers['devices.list']({}, ctx);
    expect(listed.ok && listed.value.devices[0]?.state).toBe('disconnected');
    ledger.replug();
    ledger.setAutoApprove(true);
    const again = await service.handlers['devices.getAddress']({ deviceId: id, path: "m/44'/60'/0'/0/0", display: false }, ctx);
    expect(again).toMatchObject({ ok: true, value: { address: SPECULOS_ADDRESS } });
  });

  it('never reached the network', () => {
    expect(offline.attempts).toEqual([]);
    expect(axiosAttempts).toEqual([]);
  });
});
