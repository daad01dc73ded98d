/**
 * Fidelity: the emulated Trezor, driven by the real @trezor/connect over the Bridge protocol,
 * must give the results Trezor's own device tests expect for "all all … all" (fixtures/).
 * RFC 6979 signatures are deterministic, so they must match byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fixtures from '../fixtures/trezor-all-all.json';
import { createEmulatedDevicesService, type EmulatedDevicesService } from '../source';
import { type Signer, type TypedData } from '../../devices/types';

let service: EmulatedDevicesService;
let signer: Signer;

beforeAll(async () => {
  service = createEmulatedDevicesService({ emulatorBridgePort: 0 });
  const attached = await service.handlers['devices.emulator.attach']({ vendor: 'trezor', autoApprove: true }, { via: 'test' });
  if (!attached.ok) throw new Error(JSON.stringify(attached.error));
  signer = service.registry.signer(attached.value.deviceId);
}, 60_000);
afterAll(() => service.close());

describe('Trezor emulator against trezor-firmware device-test fixtures', () => {
  for (const c of fixtures.getAddress) {
    it(`getaddress ${c.path}`, async () => {
      expect((await signer.getAddress(c.path)).address).toBe(c.address);
    });
  }
  for (const c of fixtures.signMessage) {
    it(`signmessage "${c.msg}"`, async () => {
      expect((await signer.signPersonalMessage(c.path, c.msg)).signature).toBe(`0x${c.sig}`);
    });
  }
  for (const c of fixtures.cardanoGetPublicKey) {
    it(`cardano get_public_key ${c.path}`, async () => {
      expect(await signer.getCardanoKey(c.path)).toEqual({ path: c.path, publicKey: c.public_key, chainCode: c.chain_code });
    });
  }
  for (const c of fixtures.signTypedData) {
    it(`sign_typed_data ${c.name}`, async () => {
      const r = await signer.signTypedData(c.path, c.data as unknown as TypedData);
      expect(r.signature).toBe(c.sig);
    });
  }
});
