/**
 * Fidelity, message by message: trezor-firmware's own device-test fixtures
 * (fixtures/trezor-firmware-device-tests.json names each file and commit) replayed against the
 * emulated Trezor through the real @trezor/connect and the emulator Bridge. RFC 6979 signatures
 * are deterministic, so every result must match the fixture byte for byte. What connect cannot
 * carry (a chain id beyond 2^53) is replayed message by message against the device.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fixtures from '../fixtures/trezor-firmware-device-tests.json';
import { startTrezorBridge, type TrezorBridge } from './bridge';
import { TrezorEmulator } from './device';
import { type TrezorMessage } from './protobuf';
import { MAX_FULL_V_CHAIN_ID } from './eth-tx';
import { disposeTrezorConnect, getTrezorConnect } from '../../devices/trezor-connect';
import { goOffline, type OfflineGuard } from '../../devices/offline.test-support';

type Connect = Awaited<ReturnType<typeof getTrezorConnect>>;
type Answer<T> = { success: true; payload: T } | { success: false; payload: { error: string; code?: string } };

let offline: OfflineGuard;
let bridge: TrezorBridge;
let connect: Connect;
const devices = new Map<string, { emulator: TrezorEmulator; path: string }>();

/** One emulated Trezor per fixture seed, all behind one Bridge. */
function deviceFor(mnemonic: string): { emulator: TrezorEmulator; path: string } {
  const found = devices.get(mnemonic);
  if (!found) throw new Error(`no emulator for ${mnemonic}`);
  return found;
}

async function call<T>(mnemonic: string, method: (c: Connect, device: { path: string }) => Promise<unknown>): Promise<T> {
  const { path } = deviceFor(mnemonic);
  const answer = (await method(connect, { path })) as Answer<T>;
  if (!answer.success) throw new Error(`${answer.payload.code ?? ''} ${answer.payload.error}`);
  return answer.payload;
}

const common = { useEmptyPassphrase: true, keepSession: false } as const;
const fitsConnect = (chainId: number | string): boolean => typeof chainId === 'number' && Number.isSafeInteger(chainId);

beforeAll(async () => {
  offline = goOffline();
  const seeds = new Set([
    fixtures.ethereumGetPublicKey.mnemonic,
    fixtures.ethereumSignTx.mnemonic,
    fixtures.ethereumSignTxEip155.mnemonic,
    fixtures.ethereumSignTxEip1559.mnemonic,
    fixtures.ethereumSignTypedData.mnemonic,
    fixtures.bitcoinGetAddress.mnemonic,
  ]);
  bridge = await startTrezorBridge({ port: 0 });
  const emulators = new Map<string, { mnemonic: string; emulator: TrezorEmulator }>();
  for (const mnemonic of seeds) {
    const emulator = new TrezorEmulator({ mnemonic, autoApprove: true, serial: `FIXTURES-${emulators.size + 1}` });
    emulators.set(emulator.serial, { mnemonic, emulator });
    bridge.attach(emulator);
  }
  connect = await getTrezorConnect({ bridgePort: bridge.port });
  // connect's own path for each device, from its device events (as the registry learns it).
  await new Promise<void>((resolve) => {
    const onEvent = (event: { type: string; payload: { path?: string; features?: { device_id?: string | null } | null } }): void => {
      const found = emulators.get(event.payload?.features?.device_id ?? '');
      if (event.type !== 'device-connect' || !found || !event.payload.path) return;
      devices.set(found.mnemonic, { emulator: found.emulator, path: event.payload.path });
      if (devices.size === emulators.size) {
        connect.off('DEVICE_EVENT', onEvent as never);
        resolve();
      }
    };
    connect.on('DEVICE_EVENT', onEvent as never);
  });
}, 60_000);

afterAll(async () => {
  await disposeTrezorConnect();
  await bridge.close();
  offline.restore();
});

describe('EthereumGetPublicKey (common/tests/fixtures/ethereum/getpublickey.json)', () => {
  const { mnemonic, tests } = fixtures.ethereumGetPublicKey;
  for (const t of tests) {
    it(t.name, async () => {
      const r = await call<{ xpub: string; fingerprint: number; childNum: number; chainCode: string; publicKey: string }>(mnemonic, (c, device) =>
        c.ethereumGetPublicKey({ device, ...common, path: t.parameters.path, showOnTrezor: false } as never),
      );
      expect({ fingerprint: r.fingerprint, child_num: r.childNum, chain_code: r.chainCode, public_key: r.publicKey, xpub: r.xpub }).toEqual(t.result);
    });
  }
});

interface TxParameters {
  path: string;
  to_address: string;
  chain_id: number | string;
  nonce: string;
  gas_limit: string;
  value: string;
  data?: string;
  gas_price?: string;
  max_gas_fee?: string;
  max_priority_fee?: string;
  tx_type?: number | null;
}
interface TxResult {
  sig_v: number | string;
  sig_r: string;
  sig_s: string;
}

async function signWithConnect(mnemonic: string, p: TxParameters): Promise<{ v: string; r: string; s: string }> {
  const transaction = {
    to: p.to_address,
    value: p.value,
    gasLimit: p.gas_limit,
    nonce: p.nonce,
    chainId: p.chain_id,
    ...(p.data ? { data: `0x${p.data}` } : {}),
    ...(p.max_gas_fee !== undefined ? { maxFeePerGas: p.max_gas_fee, maxPriorityFeePerGas: p.max_priority_fee } : { gasPrice: p.gas_price }),
    ...(p.tx_type != null ? { txType: p.tx_type } : {}),
  };
  return call(mnemonic, (c, device) => c.ethereumSignTransaction({ device, ...common, path: p.path, transaction } as never));
}

const expectSignature = (r: { v: string; r: string; s: string }, result: TxResult): void => {
  expect({ v: BigInt(r.v), r: r.r, s: r.s }).toEqual({ v: BigInt(result.sig_v), r: `0x${result.sig_r}`, s: `0x${result.sig_s}` });
};

for (const [title, section] of [
  ['EthereumSignTx (common/tests/fixtures/ethereum/sign_tx.json)', fixtures.ethereumSignTx],
  ['EthereumSignTx, EIP-155 chain ids (common/tests/fixtures/ethereum/sign_tx_eip155.json)', fixtures.ethereumSignTxEip155],
  ['EthereumSignTxEIP1559 (common/tests/fixtures/ethereum/sign_tx_eip1559.json)', fixtures.ethereumSignTxEip1559],
] as const) {
  describe(title, () => {
    for (const t of section.tests as unknown as { name: string; parameters: TxParameters; result: TxResult }[]) {
      if (!fitsConnect(t.parameters.chain_id)) {
        it(`${t.name} (chain id beyond 2^53: replayed message by message)`, async () => {
          const { emulator } = deviceFor(section.mnemonic);
          const reply = await signDirect(emulator, t.parameters);
          // Past MAX_FULL_V_CHAIN_ID the firmware returns the bare recovery id; the host adds 35 + 2·chain_id.
          expect(BigInt(t.parameters.chain_id)).toBeGreaterThan(BigInt(MAX_FULL_V_CHAIN_ID));
          const v = BigInt(reply.signature_v as number);
          expect(v === 0n || v === 1n).toBe(true);
          expect({ v: v + 35n + 2n * BigInt(t.parameters.chain_id), r: reply.signature_r, s: reply.signature_s }).toEqual({
            v: BigInt(t.result.sig_v),
            r: t.result.sig_r,
            s: t.result.sig_s,
          });
        });
        continue;
      }
      it(t.name, async () => {
        expectSignature(await signWithConnect(section.mnemonic, t.parameters), t.result);
      });
    }
  });
}

describe('EthereumSignTx requests the firmware refuses', () => {
  const mnemonic = fixtures.ethereumSignTxEip155.mnemonic;
  const base = fixtures.ethereumSignTxEip155.tests[0]!.parameters as unknown as TxParameters;
  it('a contract creation without data is refused with Failure_DataError', async () => {
    const { emulator } = deviceFor(mnemonic);
    const reply = await emulator.handle({ type: 'EthereumSignTx', message: { ...legacyMessage({ ...base, to_address: '' }) } });
    expect(reply).toEqual({ type: 'Failure', message: { code: 'Failure_DataError', message: 'Contract creation without data' } });
  });
  it('a chain id of 0 is refused with Failure_DataError', async () => {
    const { emulator } = deviceFor(mnemonic);
    const reply = await emulator.handle({ type: 'EthereumSignTx', message: { ...legacyMessage({ ...base, chain_id: 0 }) } });
    expect(reply).toEqual({ type: 'Failure', message: { code: 'Failure_DataError', message: 'Chain ID out of bounds' } });
  });
  it('a data chunk longer than the device asked for is refused with Failure_DataError', async () => {
    const { emulator } = deviceFor(mnemonic);
    const confirm = await emulator.handle({ type: 'EthereumSignTx', message: { ...legacyMessage(base), data_length: 2000, data_initial_chunk: 'ab'.repeat(1024) } });
    expect(confirm).toMatchObject({ type: 'ButtonRequest', message: { code: 'ButtonRequest_SignTx' } });
    const first = await emulator.handle({ type: 'ButtonAck', message: {} });
    expect(first).toEqual({ type: 'EthereumTxRequest', message: { data_length: 976 } });
    const reply = await emulator.handle({ type: 'EthereumTxAck', message: { data_chunk: 'cd'.repeat(977) } });
    expect(reply).toEqual({ type: 'Failure', message: { code: 'Failure_DataError', message: 'Too much data' } });
  });
});

describe('EthereumSignTypedData and metamask_v4_compat (common/tests/fixtures/ethereum/sign_typed_data.json)', () => {
  const { mnemonic, tests } = fixtures.ethereumSignTypedData;
  for (const t of tests) {
    it(`${t.name} (metamask_v4_compat ${String(t.parameters.metamask_v4_compat)})`, async () => {
      const r = await call<{ address: string; signature: string }>(mnemonic, (c, device) =>
        c.ethereumSignTypedData({ device, ...common, path: t.parameters.path, data: t.parameters.data, metamask_v4_compat: t.parameters.metamask_v4_compat } as never),
      );
      expect({ address: r.address, sig: r.signature }).toEqual(t.result);
    });
  }
  it('the same struct list signs differently with and without the flag, each as the firmware does', () => {
    const v4 = tests.find((t) => t.name === 'struct_list_v4')!;
    const nonV4 = tests.find((t) => t.name === 'struct_list_non_v4')!;
    expect(v4.parameters.data).toEqual(nonV4.parameters.data);
    expect(v4.result.sig).not.toBe(nonV4.result.sig);
  });
});

describe('GetAddress of every script type (tests/device_tests/bitcoin/test_getaddress*.py)', () => {
  const { mnemonic, tests } = fixtures.bitcoinGetAddress;
  for (const t of tests) {
    it(`${t.coin} ${t.script_type} ${t.path}`, async () => {
      const { emulator } = deviceFor(mnemonic);
      // Through connect where connect accepts the path for that script type…
      if (!(t.script_type === 'SPENDP2SHWITNESS' && t.path.startsWith("m/44'"))) {
        const r = await call<{ address: string }>(mnemonic, (c, device) =>
          c.getAddress({ device, ...common, path: t.path, coin: t.coin === 'Bitcoin' ? 'btc' : 'test', showOnTrezor: false } as never),
        );
        expect(r.address).toBe(t.address);
      }
      // …and message by message with the script type the fixture names.
      const reply = await emulator.handle({ type: 'GetAddress', message: { address_n: indices(t.path), coin_name: t.coin, script_type: t.script_type } });
      expect(reply).toEqual({ type: 'Address', message: { address: t.address } });
    });
  }
});

// --- message by message ------------------------------------------------------------------------

const indices = (path: string): number[] =>
  path.replace(/^m\//, '').split('/').map((part) => (part.endsWith("'") ? Number.parseInt(part, 10) + 0x80000000 : Number.parseInt(part, 10)));

/** Hex of a number as connect sends it: big-endian, no leading zero bytes. */
const stripped = (hex: string): string => {
  const digits = hex.replace(/^0x/, '').replace(/^0+/, '');
  return digits.length % 2 ? `0${digits}` : digits;
};

function legacyMessage(p: TxParameters): Record<string, unknown> {
  const data = p.data ?? '';
  return {
    address_n: indices(p.path),
    nonce: stripped(p.nonce),
    gas_price: stripped(p.gas_price ?? '0'),
    gas_limit: stripped(p.gas_limit),
    to: p.to_address,
    value: stripped(p.value),
    chain_id: p.chain_id,
    tx_type: p.tx_type ?? null,
    data_length: data.length / 2,
    data_initial_chunk: data.slice(0, 2048),
  };
}

/** Drives one legacy signing through the device the way a host does: acks, then data chunks. */
async function signDirect(emulator: TrezorEmulator, p: TxParameters): Promise<Record<string, unknown>> {
  let rest = (p.data ?? '').slice(2048);
  let reply: TrezorMessage | null = await emulator.handle({ type: 'EthereumSignTx', message: legacyMessage(p) });
  for (;;) {
    if (!reply) throw new Error('no reply');
    if (reply.type === 'ButtonRequest') reply = await emulator.handle({ type: 'ButtonAck', message: {} });
    else if (reply.type === 'EthereumTxRequest' && typeof reply.message.data_length === 'number' && reply.message.data_length > 0) {
      const chunk = rest.slice(0, reply.message.data_length * 2);
      rest = rest.slice(chunk.length);
      reply = await emulator.handle({ type: 'EthereumTxAck', message: { data_chunk: chunk } });
    } else if (reply.type === 'EthereumTxRequest') return reply.message;
    else throw new Error(JSON.stringify(reply));
  }
}
