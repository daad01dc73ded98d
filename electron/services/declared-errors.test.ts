/**
 * The real services answer only with the error kinds their rows declare (shared/contract/define.ts
 * `errors`): driven through the dispatcher into their refusals, none is answered as UndeclaredError
 * and none is logged as a fault, so that the renderer's closed unions hold for what main sends.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { channels } from '../../shared/contract/channels';
import { createDispatcher } from '../../shared/contract/dispatch';
import { type WireAnswer } from '../../shared/contract/wire';
import { enrolAction, genesisState, keys, member } from '../../shared/commons/fixtures';
import { createServices } from '.';

const services = createServices({ version: '0.0.0-test', shell: 'browser', platform: 'linux', emulators: true, dataDir: mkdtempSync(join(tmpdir(), 'c3-declared-')) });
const faults: unknown[] = [];
const dispatch = createDispatcher(channels, services.handlers, { onFault: (_channel, fault) => faults.push(fault) });
afterAll(() => services.close());

const call = (channel: keyof typeof channels, payload: unknown = {}): Promise<WireAnswer> => dispatch(channel, payload, { via: 'test' });
const kindOf = (answer: WireAnswer) => (answer.ok ? 'ok' : answer.error.kind);
const unknownId = `0x${'12'.repeat(32)}`;

describe('the services’ refusals, through the dispatcher', () => {
  it('a locked device, a device that is not there: the device’s own kinds, declared by its rows', async () => {
    const attached = await call('devices.emulator.attach', { vendor: 'ledger', autoApprove: true });
    if (!attached.ok) throw new Error(attached.error.message);
    const { deviceId } = attached.value as { deviceId: string };
    await call('devices.emulator.lock', { deviceId });
    expect(kindOf(await call('devices.getAddress', { deviceId, path: "m/44'/60'/0'/0/0" }))).toBe('DeviceLocked');
    expect(kindOf(await call('devices.accounts', { deviceId: 'no-such-device', count: 1 }))).toBe('DeviceNotFound');
    expect(kindOf(await call('devices.emulator.approve', { deviceId: 'no-such-device' }))).toBe('DeviceNotFound');
    expect(faults).toEqual([]);
  });

  it('a Commons this app does not store: the ledger’s UnknownCommons, from the ledger and from the prover', async () => {
    expect(kindOf(await call('ledger.state', { workspace: 'real', commonsId: unknownId }))).toBe('UnknownCommons');
    expect(kindOf(await call('ledger.reverify', { workspace: 'real', commonsId: unknownId }))).toBe('UnknownCommons');
    expect(kindOf(await call('identity.proveEnrolment', { commonsId: unknownId }))).toBe('UnknownCommons');
    expect(faults).toEqual([]);
  });

  it('a log that breaks a rule, an action the demo’s stewards refuse: the Commons’ rules, declared by their rows', async () => {
    expect(kindOf(await call('ledger.import', { log: '' }))).toBe('GenesisInvalid');
    expect(kindOf(await call('ledger.import', { log: '{"v":1}\n' }))).toBe('MalformedEntry');
    // An enrolment built for another Commons than the demo's: refused by a rule, not by the contract.
    const state = genesisState();
    const action = enrolAction(state, member('Mallory', 'Guild', [keys.bob], 1, state.commonsId));
    const judged = await call('demo.submit', z.encode(channels['demo.submit'].request, { action }));
    expect(judged.ok).toBe(false);
    expect(['UndeclaredError', 'ServiceFailed']).not.toContain(kindOf(judged));
    expect(faults).toEqual([]);
  });
});
