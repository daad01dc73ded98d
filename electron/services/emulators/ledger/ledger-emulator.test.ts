import { describe, expect, it } from 'vitest';
import TransportNodeHidNoEvents from '@ledgerhq/hw-transport-node-hid-noevents';
import Eth from '@ledgerhq/hw-app-eth';
import Btc from '@ledgerhq/hw-app-btc';
import Ada from '@cardano-foundation/ledgerjs-hw-app-cardano';
import { hashDomain, hashTypedData, hashStruct, recoverAddress, recoverMessageAddress, type TypedDataDefinition } from 'viem';
import { HDKey } from '@scure/bip32';
import { LedgerEmulator } from './device';
import { EmulatedLedgerHid } from './hid';

const NO_NETWORK = { calServiceURL: null, cryptoassetsBaseURL: null, pluginBaseURL: null, nftExplorerBaseURL: null, extraPlugins: null } as never;
const SPECULOS_ADDRESS = '0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D';

function open(device: LedgerEmulator) {
  const transport = new TransportNodeHidNoEvents(new EmulatedLedgerHid(device) as never);
  return { transport, eth: new Eth(transport as never, 'w0w', NO_NETWORK) };
}

const mail = {
  domain: { chainId: 5, name: 'Ether Mail', verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC', version: '1' },
  message: {
    contents: 'Hello, Bob!',
    from: { name: 'Cow', wallets: ['0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826', '0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF'] },
    to: { name: 'Bob', wallets: ['0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB'] },
    amounts: ['-5', '300'],
    tag: '0x0102',
  },
  primaryType: 'Mail',
  types: {
    EIP712Domain: [
      { name: 'name', type: 'string' },
      { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' },
      { name: 'verifyingContract', type: 'address' },
    ],
    Mail: [
      { name: 'from', type: 'Person' },
      { name: 'to', type: 'Person' },
      { name: 'contents', type: 'string' },
      { name: 'amounts', type: 'int64[2]' },
      { name: 'tag', type: 'bytes' },
    ],
    Person: [
      { name: 'name', type: 'string' },
      { name: 'wallets', type: 'address[]' },
    ],
  },
} as const;

describe('Ledger emulator through hw-transport-node-hid-noevents', () => {
  it('answers the Ethereum app calls hw-app-eth makes', async () => {
    const device = new LedgerEmulator({ autoApprove: true, blindSigning: true });
    const { eth } = open(device);
    const config = await eth.getAppConfiguration();
    expect(config).toMatchObject({ version: '1.13.0', arbitraryDataEnabled: 1, erc20ProvisioningNecessary: 2, starkEnabled: 0 });
    const { address, publicKey, chainCode } = await eth.getAddress("44'/60'/0'/0/0", false, true);
    expect(address).toBe(SPECULOS_ADDRESS);
    expect(publicKey).toBe('04ef5b152e3f15eb0c50c9916161c2309e54bd87b9adce722d69716bcdef85f547678e15ab40a78919c7284e67a17ee9a96e8b9886b60f767d93023bac8dbc16e4');
    expect(chainCode).toBe('428489ee70680fa137392bc8399c4da9e39e92f058eb9e790f736142bba7e9d6');

    const text = 'x'.repeat(400);
    const personal = await eth.signPersonalMessage("44'/60'/0'/0/0", Buffer.from(text).toString('hex'));
    const sig = `0x${personal.r}${personal.s}${personal.v.toString(16)}` as const;
    expect(await recoverMessageAddress({ message: text, signature: sig })).toBe(SPECULOS_ADDRESS);

    const full = await eth.signEIP712Message("44'/60'/0'/0/0", mail as never);
    const digest = hashTypedData(mail as unknown as TypedDataDefinition);
    expect(await recoverAddress({ hash: digest, signature: `0x${full.r}${full.s}${full.v.toString(16)}` })).toBe(SPECULOS_ADDRESS);

    const domainHash = hashDomain({ domain: mail.domain, types: mail.types } as never);
    const messageHash = hashStruct({ data: mail.message, primaryType: 'Mail', types: mail.types } as never);
    const hashed = await eth.signEIP712HashedMessage("44'/60'/0'/0/0", domainHash, messageHash);
    expect(hashed).toEqual(full);
  });

  it('a fresh Ethereum app refuses an EIP-712 message without filters until Blind signing is turned on', async () => {
    const device = new LedgerEmulator({ autoApprove: true });
    const { eth } = open(device);
    expect(await eth.getAppConfiguration()).toMatchObject({ arbitraryDataEnabled: 0 });
    await expect(eth.signEIP712Message("44'/60'/0'/0/0", mail as never)).rejects.toMatchObject({ statusCode: 0x6a80 });
    expect(device.state().screen).toEqual(['Blind signing must be', 'enabled in Settings']);
    await expect(eth.signEIP712HashedMessage("44'/60'/0'/0/0", '00'.repeat(32), '11'.repeat(32))).rejects.toMatchObject({ statusCode: 0x6a80 });
    device.setEthereumSetting('blindSigning', true);
    const signed = await eth.signEIP712Message("44'/60'/0'/0/0", mail as never);
    const digest = hashTypedData(mail as unknown as TypedDataDefinition);
    expect(await recoverAddress({ hash: digest, signature: `0x${signed.r}${signed.s}${signed.v.toString(16)}` })).toBe(SPECULOS_ADDRESS);
  });

  it('"Raw messages" alone lets the full EIP-712 mode through, not the hashes-only one', async () => {
    const device = new LedgerEmulator({ autoApprove: true, ethereumSettings: { verboseEip712: true } });
    const { eth } = open(device);
    await expect(eth.signEIP712Message("44'/60'/0'/0/0", mail as never)).resolves.toMatchObject({ r: expect.any(String) });
    await expect(eth.signEIP712HashedMessage("44'/60'/0'/0/0", '00'.repeat(32), '11'.repeat(32))).rejects.toMatchObject({ statusCode: 0x6a80 });
  });

  it('an address or a signature on a path outside the Ethereum app\'s is refused with 0x6A15', async () => {
    const device = new LedgerEmulator({ autoApprove: true, blindSigning: true });
    const { eth } = open(device);
    await expect(eth.getAddress("44'/0'/0'/0/0")).rejects.toMatchObject({ statusCode: 0x6a15 });
    await expect(eth.signPersonalMessage("84'/0'/0'/0/0", '6869')).rejects.toMatchObject({ statusCode: 0x6a15 });
    await expect(eth.getAddress("44'/1'/0'/0/0")).resolves.toMatchObject({ address: expect.stringMatching(/^0x/) });
  });

  it('waits for approval and answers 0x6985 on rejection, 0x5515 when locked', async () => {
    const device = new LedgerEmulator();
    const { eth } = open(device);
    device.on('prompt', () => setImmediate(() => device.approve()));
    await expect(eth.getAddress("44'/60'/0'/0/1", true)).resolves.toMatchObject({ address: expect.stringMatching(/^0x/) });
    device.removeAllListeners('prompt');
    device.on('prompt', () => setImmediate(() => device.reject()));
    await expect(eth.getAddress("44'/60'/0'/0/1", true)).rejects.toMatchObject({ statusCode: 0x6985 });
    device.lock();
    await expect(eth.getAddress("44'/60'/0'/0/1")).rejects.toMatchObject({ statusCode: 0x5515 });
  });

  it('fails a pending request like a real unplug', async () => {
    const device = new LedgerEmulator();
    const { eth } = open(device);
    device.on('prompt', () => setImmediate(() => device.unplug()));
    await expect(eth.signPersonalMessage("44'/60'/0'/0/0", '00')).rejects.toMatchObject({ name: expect.stringMatching(/Disconnected/) });
  });

  it('answers wrong CLA/INS with the real status words', async () => {
    const device = new LedgerEmulator();
    const { transport } = open(device);
    await expect(transport.send(0xe0, 0x7f, 0, 0)).rejects.toMatchObject({ statusCode: 0x6d00 });
    await expect(transport.send(0xe5, 0x02, 0, 0)).rejects.toMatchObject({ statusCode: 0x6e00 });
    device.openApp('BOLOS');
    await expect(transport.send(0xe0, 0x02, 0, 0)).rejects.toMatchObject({ statusCode: 0x6e01 });
  });

  it('serves the Bitcoin app to hw-app-btc', async () => {
    const device = new LedgerEmulator({ app: 'Bitcoin', autoApprove: true });
    const { transport } = open(device);
    const btc = new Btc({ transport: transport as never, currency: 'bitcoin' });
    const xpub = await btc.getWalletXpub({ path: "m/48'/0'/0'/2'", xpubVersion: 0x0488b21e });
    const expected = HDKey.fromMasterSeed((await import('@scure/bip39')).mnemonicToSeedSync(device.mnemonic)).derive("m/48'/0'/0'/2'");
    expect(HDKey.fromExtendedKey(xpub).publicKey).toEqual(expected.publicKey);
    const fp = await transport.send(0xe1, 0x05, 0, 1);
    expect(fp.subarray(0, 4).readUInt32BE(0)).toBe(HDKey.fromMasterSeed((await import('@scure/bip39')).mnemonicToSeedSync(device.mnemonic)).fingerprint);
  });

  it('serves the Cardano app to ledgerjs-hw-app-cardano', async () => {
    const device = new LedgerEmulator({ app: 'Cardano ADA', autoApprove: true });
    const { transport } = open(device);
    const ada = new Ada(transport as never);
    const version = await ada.getVersion();
    expect(version.version).toMatchObject({ major: 7, minor: 1, patch: 4 });
    const key = await ada.getExtendedPublicKey({ path: [1854 + 0x80000000, 1815 + 0x80000000, 0x80000000] });
    expect(key.publicKeyHex).toMatch(/^[0-9a-f]{64}$/);
    expect(key.chainCodeHex).toMatch(/^[0-9a-f]{64}$/);
  });
});
