/**
 * The Trezor driver keeps its Bridge session between calls: a signature is the EIP-712 exchange
 * alone, not an acquire, Initialize, feature reload and release around it (four round trips and a
 * session change per call, more than a third of its app-side time; bench/devices).
 */
import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEmulatedDevicesService, type EmulatedDevicesService } from '../emulators/source';
import { goOffline, type OfflineGuard } from './offline.test-support';
import { vaultAction } from './fixtures/typed-data';

const ctx = { via: 'test' } as const;
let offline: OfflineGuard;
let service: EmulatedDevicesService;
let id: string;
const requests: string[] = [];
const originalEmit = http.Server.prototype.emit;

beforeAll(async () => {
  offline = goOffline();
  // Every request the emulator Bridge receives, by endpoint.
  http.Server.prototype.emit = function emit(this: http.Server, event: string, ...args: unknown[]) {
    if (event === 'request') requests.push(String((args[0] as http.IncomingMessage).url).split('/')[1] ?? '');
    return (originalEmit as (event: string, ...args: unknown[]) => boolean).call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
  service = createEmulatedDevicesService({ emulatorBridgePort: 0 });
  const attached = await service.handlers['devices.emulator.attach']({ vendor: 'trezor', autoApprove: true }, ctx);
  if (!attached.ok) throw new Error(JSON.stringify(attached.error));
  id = attached.value.deviceId;
}, 60_000);

afterAll(async () => {
  http.Server.prototype.emit = originalEmit;
  await service.close();
  offline.restore();
});

it('a Trezor signature after the first is the EIP-712 exchange alone: no acquire, Initialize or release around it', async () => {
  const sign = () => service.handlers['devices.sign']({ deviceId: id, path: "m/44'/60'/0'/0/0", typedData: vaultAction as never, mode: 'auto' }, ctx);
  expect(await sign()).toMatchObject({ ok: true });
  requests.length = 0;
  expect(await sign()).toMatchObject({ ok: true });
  const calls = requests.filter((endpoint) => endpoint !== 'listen');
  expect(calls.every((endpoint) => endpoint === 'call')).toBe(true);
  // EthereumSignTypedData, 2 struct acks, 10 value acks (3 domain + 6 message fields + …), the signature: 14 before.
  expect(calls.length).toBeLessThanOrEqual(14);
});
