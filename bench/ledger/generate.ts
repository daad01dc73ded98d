/**
 * The bench's log: 100,000 actions, each 2-of-3 signed (vault quorum), in entries of 100 actions
 * signed 2-of-3 by the sequencers. Signed with libsecp256k1 (`ecdsaSign`) and cached under
 * .c3-cache/, since 200,000 signatures take a while even natively.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { type DigestSigner, LogBuilder, attest } from '../../shared/commons/build';
import { type Action } from '../../shared/commons/log';
import { DEFAULT_PARAMS } from '../../shared/commons/params';
import { deriveVaultAddress } from '../../shared/commons/vaults';
import { pkhDid } from '../../shared/commons/identity-did';
import { encodeLog } from '../../shared/commons/verify';
import { type Secp256k1Native } from '../../electron/services/ledger/native';
import { nativeSigner } from './generate-large';
import { fieldOfHash } from '../../shared/zk/field';

export const BENCH_ACTIONS = 100_000;
const PER_ENTRY = 100;
const MEMBERS = 60;
const CACHE = '.c3-cache/bench-ledger-v2.jsonl';

const spec = (s: DigestSigner, label: string) => ({ address: s.address, device: 'unknown' as const, label, path: "m/44'/60'/0'/0/0" });

export function generateBenchLog(native: Secp256k1Native): string {
  const stewards = [0, 1, 2].map((i) => nativeSigner(native, `steward ${i}`));
  const attestor = nativeSigner(native, 'attestor');
  const treasury = deriveVaultAddress(`0x${'00'.repeat(32)}`, 'commons', 'bench');
  const t0 = 1_767_603_600;
  const far = t0 + 10 * 365 * 86_400;
  const quorum = [stewards[0]!, stewards[2]!];
  const log = new LogBuilder(
    { name: 'Bench Commons', salt: 'bench', treasury: { address: treasury, name: 'Treasury', signers: stewards.map((s, i) => spec(s, `steward ${i}`)), threshold: 2, salt: 'bench' }, attestors: [attestor.address], params: DEFAULT_PARAMS },
    t0,
    quorum,
  );
  const members = Array.from({ length: MEMBERS }, (_, i) => {
    const keys = [0, 1, 2].map((k) => nativeSigner(native, `member ${i} key ${k}`));
    const did = pkhDid(keys[0]!.address);
    return { keys, did, vault: deriveVaultAddress(log.commonsId, did, 'main'), i };
  });
  const actions: Action[] = [];
  // The identity circuit's third public signal: the Commons id as a field element.
  const commonsField = String(fieldOfHash(log.commonsId));
  for (const m of members) {
    const commitment = String(1000 + m.i);
    const nullifier = String(5000 + m.i);
    actions.push(
      log.action('member.enrol', m.vault, {
        did: m.did, label: `member ${m.i}`, faction: (['Union', 'Guild', 'Syndicate'] as const)[m.i % 3]!, commitment, nullifier, publicSignals: [commitment, nullifier, commonsField],
        proof: { pi_a: ['0', '0', '0'], pi_b: [['0', '0'], ['0', '0'], ['0', '0']], pi_c: ['0', '0', '0'], protocol: 'groth16', curve: 'bn128' },
        attestor: attestor.address, attestorSig: attest(log.commonsId, commitment, nullifier, attestor),
        vault: { name: `vault ${m.i}`, signers: m.keys.map((k, j) => spec(k, `key ${j}`)), threshold: 2, salt: 'main' },
      }, [m.keys[0]!, m.keys[1]!], far),
    );
  }
  for (const m of members) actions.push(log.action('token.mint', treasury, { token: 'PPT', to: m.vault, amount: 1_000_000_000_000n }, quorum, far));
  for (const m of members) actions.push(log.action('token.burnToConx', m.vault, { amount: 500_000_000_000n }, [m.keys[1]!, m.keys[2]!], far));
  for (let i = actions.length; i < BENCH_ACTIONS; i++) {
    const from = members[i % MEMBERS]!;
    const to = members[(i * 7 + 1) % MEMBERS]!;
    const action =
      from === to
        ? log.action('token.burnToComm', from.vault, { amount: 1_000n }, [from.keys[0]!, from.keys[2]!], far)
        : log.action('token.transfer', from.vault, { token: 'CONX', to: to.vault, amount: BigInt(1 + (i % 997)) }, [from.keys[i % 2]!, from.keys[2]!], far);
    actions.push(action);
  }
  for (let start = 0, k = 1; start < actions.length; start += PER_ENTRY, k++) log.append(t0 + k * 60, actions.slice(start, start + PER_ENTRY));
  return encodeLog(log.entries);
}

export async function benchLog(native: Secp256k1Native, say: (line: string) => void): Promise<string> {
  if (existsSync(CACHE)) return readFile(CACHE, 'utf8');
  say(`generating ${BENCH_ACTIONS.toLocaleString('en')} actions with libsecp256k1 (cached in ${CACHE}) …`);
  const text = generateBenchLog(native);
  await mkdir('.c3-cache', { recursive: true });
  await writeFile(CACHE, text);
  return text;
}
