/**
 * Fidelity: APDU exchanges Ledger recorded (hw-app-eth's own tests, see fixtures/) replayed
 * against the emulator, which must answer byte for byte the same. Signatures match too:
 * RFC 6979 makes ECDSA deterministic, so the same key and message give the same bytes.
 */
import { describe, expect, it } from 'vitest';
import fixtures from '../fixtures/ledger-hw-app-eth.json';
import { LedgerEmulator } from './device';
import { SPECULOS_MNEMONIC } from '../mnemonics';

const SEEDS: Record<string, string> = {
  speculos: SPECULOS_MNEMONIC,
  abandon: 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
};

describe('Ledger emulator replays hw-app-eth recordings byte for byte', () => {
  for (const c of fixtures.cases) {
    it(c.name, async () => {
      const device = new LedgerEmulator({
        mnemonic: SEEDS[c.seed],
        autoApprove: true,
        blindSigning: 'blindSigning' in c ? Boolean(c.blindSigning) : false,
        ...('appVersion' in c ? { appVersions: { Ethereum: String(c.appVersion) } } : {}),
      });
      for (const [request, response] of c.exchanges) {
        const answer = await device.exchange(Buffer.from(String(request), 'hex'));
        expect(answer.toString('hex')).toBe(response);
      }
    });
  }
});
