/**
 * Fidelity: APDU exchanges Ledger recorded (hw-app-eth's own tests, see fixtures/) replayed
 * against the emulator, which must answer byte for byte the same. Signatures match too:
 * RFC 6979 makes ECDSA deterministic, so the same key and message give the same bytes. Then the
 * status words the Ethereum app's own sources and tests fix (fixtures/ledger-app-ethereum.json).
 */
import { describe, expect, it } from 'vitest';
import { keccak256, recoverAddress } from 'viem';
import fixtures from '../fixtures/ledger-hw-app-eth.json';
import appFixtures from '../fixtures/ledger-app-ethereum.json';
import { LedgerEmulator } from './device';
import { Eip712Session } from './eip712';
import { SPECULOS_MNEMONIC } from '../mnemonics';

const SEEDS: Record<string, string> = {
  speculos: SPECULOS_MNEMONIC,
  abandon: 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
};
const SPECULOS_ADDRESS = '0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D';

/** The EIP-712 digest of what a recording sent field by field, computed apart from the emulator. */
function digestOf(exchanges: readonly (readonly string[])[]): `0x${string}` {
  const session = new Eip712Session();
  for (const [request] of exchanges) {
    const apdu = Buffer.from(String(request), 'hex');
    if (apdu[1] === 0x1a) session.structDefinition(apdu[3] ?? 0, apdu.subarray(5));
    if (apdu[1] === 0x1c) session.structImplementation(apdu[2] ?? 0, apdu[3] ?? 0, apdu.subarray(5));
  }
  const { domainHash, messageHash } = session.finish();
  return keccak256(Buffer.concat([Buffer.from([0x19, 0x01]), Buffer.from(domainHash.slice(2), 'hex'), Buffer.from(messageHash.slice(2), 'hex')]));
}

describe('Ledger emulator replays hw-app-eth recordings byte for byte', () => {
  for (const c of fixtures.cases) {
    it(c.name, async () => {
      const device = new LedgerEmulator({
        mnemonic: SEEDS[c.seed],
        autoApprove: true,
        blindSigning: 'blindSigning' in c ? Boolean(c.blindSigning) : false,
        ...('appVersion' in c ? { appVersions: { Ethereum: String(c.appVersion) } } : {}),
      });
      const unpublishedSeed = 'signatureSeed' in c;
      for (const [index, [request, response]] of c.exchanges.entries()) {
        const answer = (await device.exchange(Buffer.from(String(request), 'hex'))).toString('hex');
        if (unpublishedSeed && index === c.exchanges.length - 1) {
          // Recorded with a seed Ledger did not publish: same length and status word, and our
          // signature is the Speculos key's over the digest of what was sent.
          expect(answer.length).toBe(String(response).length);
          expect(answer.slice(-4)).toBe(String(response).slice(-4));
          const signature = `0x${answer.slice(2, 130)}${answer.slice(0, 2)}` as const;
          expect(await recoverAddress({ hash: digestOf(c.exchanges), signature })).toBe(SPECULOS_ADDRESS);
        } else {
          expect(answer).toBe(response);
        }
      }
    });
  }
});

describe("Ledger emulator answers with app-ethereum's own status words", () => {
  for (const c of appFixtures.cases) {
    it(`${c.name} (${c.source})`, async () => {
      const device = new LedgerEmulator({ autoApprove: true, ethereumSettings: c.settings });
      for (const [request, response] of c.exchanges) {
        expect((await device.exchange(Buffer.from(String(request), 'hex'))).toString('hex')).toBe(response);
      }
    });
  }

  it('the refusal of a contract call leaves the blind-signing error on the screen, and both buttons go home', async () => {
    const device = new LedgerEmulator({ autoApprove: true });
    const contractCall = appFixtures.cases.find((c) => c.name.startsWith('a contract call'));
    await device.exchange(Buffer.from(String(contractCall?.exchanges[0]?.[0]), 'hex'));
    expect(device.state().screen).toEqual(['Blind signing must be', 'enabled in Settings']);
    device.press('both');
    expect(device.state().screen).toEqual(['Application', 'is ready']);
  });

  it('with Blind signing on, the same contract call is signed after its review', async () => {
    const device = new LedgerEmulator({ blindSigning: true });
    const contractCall = appFixtures.cases.find((c) => c.name.startsWith('a contract call'));
    const seen: string[][] = [];
    device.on('screen', () => seen.push([...device.state().screen]));
    const answer = device.exchange(Buffer.from(String(contractCall?.exchanges[0]?.[0]), 'hex'));
    await new Promise((resolve) => setImmediate(resolve));
    // test_blind_sign.py's walk on a Nano: warning, review, from, amount, to, fees, then accept
    for (let i = 0; i < 6; i += 1) device.press('right');
    expect(device.state().screen).toEqual(['Accept risk', 'and send']);
    device.press('both');
    const response = await answer;
    expect(response.subarray(-2).toString('hex')).toBe('9000');
    expect(response.length).toBe(65 + 2);
    expect(seen[0]).toEqual(['Blind', 'signing']);
    expect(seen).toContainEqual(['Amount', 'ETH 0']);
    expect(seen).toContainEqual(['Max Fees', 'ETH 0.0044001']);
  });
});
