/**
 * The Demo Commons: a small, living Commons signed by the emulated devices' keys (public test
 * mnemonics; never for real funds). Pure: the caller derives the keys (electron/services/emulators/
 * mnemonics.ts) and passes them in, so the CLI and the main process produce the same log.
 */
import { type Action, type ActionKind, type Entry, type PayloadOf } from './log';
import { DEFAULT_PARAMS } from './params';
import { type Faction, type Signer } from './state';
import { type DigestSigner, LogBuilder, attest, keySigner } from './build';
import { deriveVaultAddress } from './vaults';
import { pkhDid } from './identity-did';
import { demoEnrolmentSignals } from '../zk/demo-identities';

export interface DemoKeys {
  /** Private keys of the Ledger emulator (Speculos mnemonic) at m/44'/60'/0'/0/i, by i. */
  ledger(index: number): Uint8Array;
  /** Private keys of the Trezor emulator ("all all …") at m/44'/60'/0'/0/i, by i. */
  trezor(index: number): Uint8Array;
}

/** 2026-01-05T09:00:00Z: the demo's first entry. */
export const DEMO_START = 1_767_603_600;
const DAY = 86_400;
const WEEK = 7 * DAY;
const units = (whole: number) => BigInt(whole) * 1_000_000n;

interface Device {
  signer: DigestSigner;
  spec: Signer;
}

const ZERO_PROOF: PayloadOf<'member.enrol'>['proof'] = {
  pi_a: ['0', '0', '0'],
  pi_b: [['0', '0'], ['0', '0'], ['0', '0']],
  pi_c: ['0', '0', '0'],
  protocol: 'groth16',
  curve: 'bn128',
};

/**
 * Identity proofs of the demo members (the identity circuit over demoIdentity(label)), made once by
 * `npm run zk:build` into resources/zk/demo-proofs.json: proving is asynchronous and this is pure.
 * Without them the enrolments carry an all-zero proof, which only a test verifier accepts.
 */
export type DemoProofs = Readonly<Record<string, PayloadOf<'member.enrol'>['proof']>>;

export function demoLog(keys: DemoKeys, proofs?: DemoProofs): Entry[] {
  const device = (vendor: 'ledger' | 'trezor', index: number, label: string): Device => {
    const signer = keySigner(vendor === 'ledger' ? keys.ledger(index) : keys.trezor(index));
    return { signer, spec: { address: signer.address, device: vendor, label, path: `m/44'/60'/0'/0/${index}` } };
  };
  const stewards = [device('ledger', 3, 'Steward Dana'), device('trezor', 3, 'Steward Emeka'), device('ledger', 4, 'Steward Fatima')];
  const attestor = device('trezor', 9, 'Demo attestor');
  const treasury = deriveVaultAddress(`0x${'00'.repeat(32)}`, 'commons', 'demo-treasury');
  const quorum = [stewards[0]!.signer, stewards[1]!.signer];
  const log = new LogBuilder(
    {
      name: 'Demo Commons',
      salt: 'c3-demo-1',
      treasury: { address: treasury, name: 'Commons treasury', signers: stewards.map((s) => s.spec), threshold: 2, salt: 'demo-treasury' },
      attestors: [attestor.signer.address],
      params: DEFAULT_PARAMS,
    },
    DEMO_START,
    quorum,
  );
  const id = log.commonsId;

  interface DemoMember {
    label: string;
    faction: Faction;
    did: string;
    vault: string;
    devices: Device[];
    threshold: number;
  }
  const people: [string, Faction, Device[], number][] = [
    ['Alice', 'Union', [device('ledger', 1, 'Alice · Ledger'), device('trezor', 1, 'Alice · Trezor')], 2],
    ['Bob', 'Syndicate', [device('trezor', 2, 'Bob · Trezor'), device('ledger', 2, 'Bob · Ledger')], 2],
    ['Chidi', 'Guild', [device('ledger', 5, 'Chidi · Ledger')], 1],
    ['Dee', 'Union', [device('trezor', 5, 'Dee · Trezor')], 1],
    ['Eun-ji', 'Guild', [device('ledger', 6, 'Eun-ji · Ledger'), device('trezor', 6, 'Eun-ji · Trezor')], 2],
    ['Farah', 'Syndicate', [device('trezor', 7, 'Farah · Trezor')], 1],
  ];
  const members: DemoMember[] = people.map(([label, faction, devices, threshold]) => {
    const did = pkhDid(devices[0]!.signer.address);
    return { label, faction, did, vault: deriveVaultAddress(id, did, 'main'), devices, threshold };
  });
  const [alice, bob, chidi, dee, eunji, farah] = members as [DemoMember, DemoMember, DemoMember, DemoMember, DemoMember, DemoMember];
  const sign = (m: DemoMember) => m.devices.slice(0, m.threshold).map((d) => d.signer);

  let time = DEMO_START + DAY;
  const until = () => time + WEEK;
  const act = <K extends ActionKind>(kind: K, vault: string, payload: PayloadOf<K>, signers: DigestSigner[]) => log.action(kind, vault, payload, signers, until());

  // Week 1: six members enrol, vouched for by the demo attestor.
  log.append(
    time,
    members.map((m) => {
      const { commitment, nullifier, publicSignals } = demoEnrolmentSignals(m.label, id);
      const payload: PayloadOf<'member.enrol'> = {
        did: m.did,
        label: m.label,
        faction: m.faction,
        commitment,
        nullifier,
        publicSignals,
        proof: proofs?.[m.label] ?? ZERO_PROOF,
        attestor: attestor.signer.address,
        attestorSig: attest(id, commitment, nullifier, attestor.signer),
        vault: { name: `${m.label}'s vault`, signers: m.devices.map((d) => d.spec), threshold: m.threshold, salt: 'main' },
      };
      return log.action('member.enrol', m.vault, payload, sign(m), until());
    }),
  );

  // Alice keeps a savings vault on her Trezor alone, for COMM between her own vaults.
  time += DAY;
  const savings = deriveVaultAddress(id, alice.did, 'savings');
  log.append(time, [
    log.action('vault.create', savings, { owner: alice.did, name: "Alice's savings", signers: [alice.devices[0]!.spec, alice.devices[1]!.spec], threshold: 1, salt: 'savings' }, [alice.devices[0]!.signer], until()),
  ]);

  // Weeks 2–8: steward-attested participation earns PPT; contributions earn role tokens.
  const earned: [DemoMember, number][] = [[alice, 120_000], [bob, 55_000], [chidi, 8_000], [dee, 3_500], [eunji, 12_000], [farah, 20_000]];
  for (let week = 0; week < 4; week++) {
    time += WEEK;
    const actions: Action[] = [];
    for (const [m, total] of earned) {
      actions.push(act('token.mint', treasury, { token: 'PPT', to: m.vault, amount: units(total / 4) }, quorum));
      const role = m.faction === 'Union' ? 'PDT' : m.faction === 'Guild' ? 'PCT' : 'PMT';
      actions.push(act('token.mint', treasury, { token: role, to: m.vault, amount: units(25 * (week + 1)) }, quorum));
    }
    log.append(time, actions);
  }

  // Burn-to-COMM (equity) and burn-to-CONX (spending money), 1:1 at the default rates.
  time += DAY;
  log.append(time, [
    act('token.burnToComm', alice.vault, { amount: units(100_000) }, sign(alice)),
    act('token.burnToConx', alice.vault, { amount: units(5_000) }, sign(alice)),
    act('token.burnToComm', bob.vault, { amount: units(40_000) }, sign(bob)),
    act('token.burnToConx', bob.vault, { amount: units(12_000) }, sign(bob)),
    act('token.burnToComm', chidi.vault, { amount: units(5_000) }, sign(chidi)),
    act('token.burnToConx', chidi.vault, { amount: units(2_000) }, sign(chidi)),
    act('token.burnToConx', eunji.vault, { amount: units(6_000) }, sign(eunji)),
    act('token.burnToConx', farah.vault, { amount: units(15_000) }, sign(farah)),
    act('token.burnToConx', dee.vault, { amount: units(1_000) }, sign(dee)),
  ]);

  // CONX changes hands for services; members fund the treasury; Alice moves COMM to her savings.
  time += 2 * DAY;
  log.append(time, [
    act('token.transfer', bob.vault, { token: 'CONX', to: chidi.vault, amount: units(1_500) }, sign(bob)),
    act('token.transfer', alice.vault, { token: 'CONX', to: eunji.vault, amount: units(750) }, sign(alice)),
    act('token.transfer', farah.vault, { token: 'CONX', to: treasury, amount: units(5_000) }, sign(farah)),
    act('token.transfer', alice.vault, { token: 'COMM', to: savings, amount: units(20_000) }, sign(alice)),
  ]);
  time += 3 * DAY;
  log.append(time, [
    act('token.transfer', eunji.vault, { token: 'CONX', to: dee.vault, amount: units(400) }, sign(eunji)),
    act('token.transfer', treasury, { token: 'CONX', to: bob.vault, amount: units(1_000) }, [stewards[1]!.signer, stewards[2]!.signer]),
  ]);

  // Day 100: Dee moves from the Union to the Guild, past the 90-day cool-down.
  time = DEMO_START + 100 * DAY;
  log.append(time, [act('member.changeFaction', dee.vault, { faction: 'Guild' }, sign(dee))]);
  return log.entries;
}
