/**
 * In the desktop app, emulated devices (keys from public test seeds) and the demo's sequencer
 * exist only while the Demo workspace is open; browser mode, whose one bridge serves every tab and
 * test at once, is not gated.
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
import { type ServiceOptions, createServices } from '.';

const started: ReturnType<typeof createServices>[] = [];
afterAll(() => Promise.all(started.map((s) => s.close())));

function desktop(overrides: Partial<ServiceOptions> = {}) {
  const services = createServices({
    version: '0.0.0-test',
    shell: 'electron',
    platform: 'linux',
    emulators: true,
    workspace: 'real',
    dataDir: mkdtempSync(join(tmpdir(), 'c3-workspace-')),
    ...overrides,
  });
  started.push(services);
  const dispatch = createDispatcher(channels, services.handlers);
  const call = (channel: keyof typeof channels, payload: unknown = {}): Promise<WireAnswer> => dispatch(channel, payload, { via: 'test' });
  const events: { event: string; payload: unknown }[] = [];
  services.hub.subscribe((event, payload) => events.push({ event, payload }));
  return { services, call, events };
}

const demoOnly = { ok: false, error: { kind: 'DemoWorkspaceOnly' } };
const PATH = "m/44'/60'/0'/0/0";

describe('the desktop app in the member’s own workspace', () => {
  it('starts with nothing emulated, and says so', async () => {
    const { call } = desktop();
    expect(await call('app.info')).toMatchObject({ ok: true, value: { shell: 'electron', emulatorsEnabled: false } });
  });

  it('refuses to plug in an emulated device, and none appears', async () => {
    const { services, call } = desktop();
    for (const vendor of ['ledger', 'trezor']) {
      expect(await call('devices.emulator.attach', { vendor, autoApprove: true })).toMatchObject({ ...demoOnly, error: { ...demoOnly.error, channel: 'devices.emulator.attach' } });
    }
    expect(await call('devices.list')).toEqual({ ok: true, value: { devices: [], problems: [] } });
    expect(services.emulators).toBeNull();
  });

  it('refuses to sequence an action into the demo log, and the log is unchanged', async () => {
    const { call } = desktop();
    const before = await call('demo.log');
    const state = genesisState();
    const action = enrolAction(state, member('Mallory', 'Guild', [keys.bob], 1, state.commonsId));
    const request = z.encode(channels['demo.submit'].request, { action });
    expect(await call('demo.submit', request)).toMatchObject(demoOnly);
    expect(await call('demo.log')).toEqual(before);
    // In the Demo workspace the same action reaches the demo's stewards, who judge it on the ledger's rules.
    await call('workspace.open', { workspace: 'demo' });
    const judged = await call('demo.submit', request);
    expect(judged.ok ? 'sequenced' : judged.error.kind).not.toBe('DemoWorkspaceOnly');
  });
});

describe('the demo’s clock in the desktop app', () => {
  it('refuses to move the demo’s clock outside the Demo workspace, and the clock is unchanged', async () => {
    const { call } = desktop();
    const before = await call('demo.clock');
    expect(before).toMatchObject({ ok: true });
    expect(await call('demo.wait', { seconds: 86_400 })).toMatchObject(demoOnly);
    expect(await call('demo.clock')).toEqual(before);
    // In the Demo workspace the stewards seal the next entry a day later.
    await call('workspace.open', { workspace: 'demo' });
    const moved = await call('demo.wait', { seconds: 86_400 });
    const next = (before as { ok: true; value: { nextTime: number } }).value.nextTime;
    expect(moved).toEqual({ ok: true, value: { time: next - 3_600, nextTime: next + 86_400 } });
  });
});

describe('leaving the Demo workspace in the desktop app', () => {
  it('hides the emulated devices, refuses their use and their controls, and drops their prompts', async () => {
    const { call, events } = desktop();
    expect(await call('workspace.open', { workspace: 'demo' })).toEqual({ ok: true, value: { workspace: 'demo', emulatorsEnabled: true } });
    const attached = await call('devices.emulator.attach', { vendor: 'ledger', autoApprove: false });
    if (!attached.ok) throw new Error(attached.error.message);
    const { deviceId } = attached.value as { deviceId: string };
    expect(await call('devices.getAddress', { deviceId, path: PATH })).toMatchObject({ ok: true });
    // The member is asked to check an address on the emulated device…
    const pending = call('devices.getAddress', { deviceId, path: PATH, display: true });
    await expect.poll(() => events.some((e) => e.event === 'devices.prompt' && (e.payload as { prompt: unknown }).prompt !== null)).toBe(true);

    // …and opens their own Commons instead: the prompt goes, as if the cable had been pulled.
    expect(await call('workspace.open', { workspace: 'real' })).toEqual({ ok: true, value: { workspace: 'real', emulatorsEnabled: false } });
    expect(await pending).toMatchObject({ ok: false });
    expect(await call('devices.list')).toEqual({ ok: true, value: { devices: [], problems: [] } });
    // The emulator source is pulled out with the demo: the device no longer exists for any request…
    for (const [channel, payload] of [
      ['devices.getAddress', { deviceId, path: PATH }],
      ['devices.getXpub', { deviceId, path: "m/44'/60'/0'" }],
      ['devices.cancel', { deviceId }],
    ] as const) {
      expect(await call(channel, payload), channel).toMatchObject({ ok: false, error: { kind: 'DeviceNotFound' } });
    }
    // …and the emulators' controls are the demo's alone.
    for (const [channel, payload] of [
      ['devices.emulator.replug', { deviceId }],
      ['devices.emulator.approve', { deviceId }],
    ] as const) {
      expect(await call(channel, payload), channel).toMatchObject(demoOnly);
    }
    // What the window hears about devices leaves the emulated one out too.
    const lastList = events.filter((e) => e.event === 'devices.changed').at(-1)?.payload as { devices: { id: string }[] };
    expect(lastList.devices.map((d) => d.id)).not.toContain(deviceId);
    expect(await call('app.info')).toMatchObject({ ok: true, value: { emulatorsEnabled: false } });

    // Back in the demo, the emulators are plugged in afresh: emulated devices can be attached again.
    await call('workspace.open', { workspace: 'demo' });
    expect(await call('devices.list')).toEqual({ ok: true, value: { devices: [], problems: [] } });
    const again = await call('devices.emulator.attach', { vendor: 'ledger', autoApprove: true });
    if (!again.ok) throw new Error(again.error.message);
    expect(await call('devices.getAddress', { deviceId: (again.value as { deviceId: string }).deviceId, path: PATH })).toMatchObject({ ok: true });
  });
});

describe('browser mode', () => {
  it('is not gated: its one bridge serves every tab, each in a workspace of its own', async () => {
    const { call } = desktop({ shell: 'browser', workspace: undefined });
    expect(await call('workspace.open', { workspace: 'real' })).toEqual({ ok: true, value: { workspace: 'real', emulatorsEnabled: true } });
    expect(await call('devices.emulator.attach', { vendor: 'ledger', autoApprove: true })).toMatchObject({ ok: true });
    expect(await call('app.info')).toMatchObject({ ok: true, value: { emulatorsEnabled: true, secretProtection: 'file-permissions' } });
  });
});
