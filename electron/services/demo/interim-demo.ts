/**
 * The Demo Commons shown before the ledger issue lands: real signer addresses derived from
 * the emulators' public test mnemonics, balances written out by hand. Replaced by the fold
 * of the signed demo log (issue 4) — until then it says so in its name.
 */
import { bytesToHex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { type CommonsView } from '../../../shared/contract/commons-view';
import { SPECULOS_MNEMONIC, TREZOR_MNEMONIC, deriveKey, ethereumPath } from '../emulators/mnemonics';

const address = (mnemonic: string, index: number) => {
  const key = deriveKey(mnemonic, ethereumPath(index)).privateKey;
  if (!key) throw new Error('derivation gave no private key');
  return privateKeyToAddress(bytesToHex(key));
};

const units = (whole: number) => BigInt(whole) * 1_000_000n;

export function interimDemoCommons(): CommonsView {
  const ledger = (index: number, label: string) => ({ address: address(SPECULOS_MNEMONIC, index), label, device: 'ledger' as const, emulated: true });
  const trezor = (index: number, label: string) => ({ address: address(TREZOR_MNEMONIC, index), label, device: 'trezor' as const, emulated: true });
  const members = [
    { did: `did:pkh:eip155:1:${address(SPECULOS_MNEMONIC, 1)}`, label: 'Alice', faction: 'Union' as const, tier: 'Silver' as const, balances: { PPT: units(1_200), COMM: units(100_000), CONX: units(2_500), PDT: units(300) } },
    { did: `did:pkh:eip155:1:${address(TREZOR_MNEMONIC, 1)}`, label: 'Bob', faction: 'Syndicate' as const, tier: 'Gold' as const, balances: { PPT: units(800), COMM: units(40_000), CONX: units(52_000), PMT: units(1_000) } },
    { did: `did:pkh:eip155:1:${address(SPECULOS_MNEMONIC, 2)}`, label: 'Chidi', faction: 'Guild' as const, tier: 'Bronze' as const, balances: { PPT: units(350), COMM: units(5_000), CONX: units(900), PCT: units(120) } },
  ];
  const vaults = [
    {
      address: address(SPECULOS_MNEMONIC, 10),
      name: 'Commons treasury',
      kind: 'commons' as const,
      owner: null,
      threshold: 2,
      signers: [ledger(3, 'Steward Dana'), trezor(3, 'Steward Emeka'), ledger(4, 'Steward Fatima')],
      nonce: 4,
      balances: { CONX: units(250_000), COMM: units(10_000) },
    },
    {
      address: address(TREZOR_MNEMONIC, 11),
      name: "Alice's vault",
      kind: 'member' as const,
      owner: members[0]!.did,
      threshold: 2,
      signers: [ledger(1, 'Alice · Ledger'), trezor(1, 'Alice · Trezor')],
      nonce: 2,
      balances: members[0]!.balances,
    },
  ];
  const supplies: CommonsView['supplies'] = {};
  for (const holder of [...members, ...vaults.filter((v) => v.kind === 'commons')]) {
    for (const [token, amount] of Object.entries(holder.balances) as [keyof typeof supplies, bigint][]) {
      supplies[token] = (supplies[token] ?? 0n) + amount;
    }
  }
  return {
    commonsId: `0x${'c3'.repeat(32)}`,
    name: 'Demo Commons',
    demo: true,
    height: 0,
    headHash: `0x${'00'.repeat(32)}`,
    verifiedAt: null,
    members,
    vaults,
    supplies,
  };
}
