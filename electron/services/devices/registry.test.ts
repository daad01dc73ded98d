/**
 * The device list and its requests as the screens see them: Cancel ending a Ledger request on
 * the device and in the app, the prompt carried in the list (so a reloaded page still shows it
 * and its Cancel), prompts leaving the screens when a request ends however it ends, two
 * emulated Ledgers of one model told apart, and a malformed path named part by part.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import axios from 'axios';
import { createEmulatedDevicesService, type EmulatedDevicesService } from '../emulators/source';
import { goOffline, type OfflineGuard } from './offline.test-support';
import { type LedgerEmulator } from '../emulators/ledger/device';
import { SPECULOS_ADDRESS, vaultAction } from './fixtures/typed-data';

/** The BIP-39 test vector ("abandon … about") at m/44'/60'/0'/0/0, as every wallet derives it. */
const ABANDON_ADDRESS = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94';
const PATH = "m/44'/60'/0'/0/0";
const ctx = { via: 'test' } as const;

let offline: OfflineGuard;
let service: EmulatedDevicesService;
let ledger: LedgerEmulator;
let id: string;

beforeAll(async () => {
  offline = goOffline();
  axios.defaults.adapter = async () => {
    throw new Error('offline test: axios refused');
  };
  service = createEmulatedDevicesService();
  const attached = await service.handlers['devices.emulator.attach']({ vendor: 'ledger', autoApprove: false }, ctx);
  if (!attached.ok) throw new Error(JSON.stringify(attached.error));
  id = attached.value.deviceId;
  ledger = service.emulators.get(id) as LedgerEmulator;
});

afterAll(async () => {
  await service.close();
  offline.restore();
});

const listed = async (deviceId: string) => {
  const r = await service.handlers['devices.list']({}, ctx);
  if (!r.ok) throw new Error('list failed');
  return r.value.devices.find((d) => d.id === deviceId);
};

const promptEvents = () => {
  const events: { deviceId: string; shown: boolean }[] = [];
  const stop = service.subscribe((event, payload) => {
    if (event === 'devices.prompt' && 'deviceId' in payload) events.push({ deviceId: payload.deviceId, shown: payload.prompt !== null });
  });
  return { events, stop };
};

describe('the device list and its requests', () => {
  it('a Ledger request cancelled in the app ends on the device and in the app, after which the next request works', async () => {
    const { events, stop } = promptEvents();
    const pending = service.handlers['devices.sign']({ deviceId: id, path: PATH, typedData: vaultAction as never, mode: 'full' }, ctx);
    await new Promise((resolve) => ledger.once('prompt', resolve));
    const cancelled = await service.handlers['devices.cancel']({ deviceId: id }, ctx);
    // Before the fix, cancel closed the transport only once the exchange in flight ended, i.e. never: this hung.
    const answer = await pending;
    stop();
    expect(cancelled).toEqual({ ok: true, value: { cancelled: true } });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'CancelledInApp', vendor: 'ledger', nextStep: expect.stringContaining('reject it on the device') } });
    expect(ledger.state().pending).toBeNull();
    expect(await listed(id)).toMatchObject({ state: 'connected', prompt: null });
    expect(events.filter((e) => e.deviceId === id)).toEqual([{ deviceId: id, shown: true }, { deviceId: id, shown: false }]);

    ledger.once('prompt', () => setImmediate(() => ledger.approve()));
    const next = await service.handlers['devices.getAddress']({ deviceId: id, path: PATH, display: true }, ctx);
    expect(next).toEqual({ ok: true, value: { path: PATH, address: SPECULOS_ADDRESS, verifiedOnDevice: true } });
  });

  it('a cancel with no request in flight changes nothing and says so', async () => {
    expect(await service.handlers['devices.cancel']({ deviceId: id }, ctx)).toEqual({ ok: true, value: { cancelled: false } });
    expect(await listed(id)).toMatchObject({ state: 'connected', prompt: null });
  });

  it('the list carries what the device shows, so a reloaded page still shows the prompt and can cancel it', async () => {
    const pending = service.handlers['devices.getAddress']({ deviceId: id, path: PATH, display: true }, ctx);
    await new Promise((resolve) => ledger.once('prompt', resolve));
    // A page that was reloaded has missed the prompt event: the list alone must tell it.
    expect(await listed(id)).toMatchObject({ state: 'awaiting-confirmation', prompt: { action: 'verify-address', lines: ['Verify address', SPECULOS_ADDRESS] } });
    await service.handlers['devices.cancel']({ deviceId: id }, ctx);
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'CancelledInApp' } });
    expect(await listed(id)).toMatchObject({ prompt: null });
  });

  it('a prompt ended by an unplug leaves the screens', async () => {
    const { events, stop } = promptEvents();
    const pending = service.handlers['devices.sign']({ deviceId: id, path: PATH, typedData: vaultAction as never, mode: 'hashed' }, ctx);
    await new Promise((resolve) => ledger.once('prompt', resolve));
    ledger.unplug();
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'Disconnected' } });
    stop();
    expect(events.filter((e) => e.deviceId === id).at(-1)).toEqual({ deviceId: id, shown: false });
    expect(await listed(id)).toMatchObject({ state: 'disconnected', prompt: null });
    ledger.replug();
  });

  it('two emulated Ledgers of one model are told apart by their first address', async () => {
    const second = await service.handlers['devices.emulator.attach']({ vendor: 'ledger', autoApprove: true, seed: 'bip39-test-vector' }, ctx);
    if (!second.ok) throw new Error(JSON.stringify(second.error));
    const [a, b] = [await listed(id), await listed(second.value.deviceId)];
    expect(a?.model).toBe(b?.model);
    expect(a).toMatchObject({ firstAddress: SPECULOS_ADDRESS, emulated: true });
    expect(b).toMatchObject({ firstAddress: ABANDON_ADDRESS, emulated: true });
  });

  it('flows asking which device holds a key share one read of its accounts, and a request waits for it instead of finding the device busy', async () => {
    const before = ledger.exchanges;
    const [a, b, signed] = await Promise.all([
      service.handlers['devices.accounts']({ deviceId: id, count: 20 }, ctx),
      service.handlers['devices.accounts']({ deviceId: id, count: 5 }, ctx),
      service.handlers['devices.getAddress']({ deviceId: id, path: "m/44'/60'/0'/0/3", display: false }, ctx),
    ]);
    if (!a.ok || !b.ok || !signed.ok) throw new Error('a request failed');
    expect(a.value.accounts).toHaveLength(20);
    expect(b.value.accounts).toEqual(a.value.accounts.slice(0, 5));
    expect(a.value.accounts[0]).toEqual({ path: PATH, address: SPECULOS_ADDRESS });
    expect(a.value.accounts[3]?.address).toBe(signed.value.address);
    const exchangesForAccounts = ledger.exchanges - before;
    expect(exchangesForAccounts).toBe(2 * 21); // 20 accounts + 1 address, each GET APP AND VERSION + GET ADDRESS: one read
    await service.handlers['devices.accounts']({ deviceId: id, count: 20 }, ctx);
    expect(ledger.exchanges - before).toBe(exchangesForAccounts); // kept: not read again
  });

  it('a malformed derivation path is refused naming the part at fault, not as a device failure', async () => {
    const r = await service.handlers['devices.getAddress']({ deviceId: id, path: "m/44'/60x'/0'/0/0", display: false }, ctx);
    expect(r).toMatchObject({ ok: false, error: { kind: 'InvalidPath', path: "m/44'/60x'/0'/0/0", message: expect.stringContaining('Part 3, “60x\'”') } });
    expect(ledger.state().pending).toBeNull();
  });
});
