/**
 * The scale bench's Commons (issue: "The Commons core, ready for the economy"): 10,000 members,
 * 20,000 vaults (each member's enrolment vault and a second one), 1,000,000 actions, each 2-of-3
 * signed, in entries of 1,000 actions sealed 2-of-3 by the sequencers. Written entry by entry to
 * .c3-cache/ (about 0.6 GB; the whole log never sits in memory) and reused by later runs.
 *   npx tsx bench/ledger/generate-large.ts   (or through npm run bench:ledger -- --large)
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { type DigestSigner, attest, sealEntry, signAction } from '../../shared/commons/build';
import { commonsIdOf } from '../../shared/commons/apply';
import { type Action, type ActionKind, type Entry, type PayloadOf } from '../../shared/commons/log';
import { DEFAULT_PARAMS } from '../../shared/commons/params';
import { deriveVaultAddress } from '../../shared/commons/vaults';
import { pkhDid } from '../../shared/commons/identity-did';
import { encodeEntry } from '../../shared/commons/log';
import { entryHash } from '../../shared/commons/quorum';
import { ZERO_HASH } from '../../shared/commons/state';
import { type Secp256k1Native } from '../../electron/services/ledger/native';
import { type Hex } from '../../shared/crypto/canonical';
import { fieldOfHash } from '../../shared/zk/field';

export const LARGE = { members: 10_000, actions: 1_000_000, perEntry: 1_000 } as const;
export const LARGE_CACHE = '.c3-cache/bench-ledger-large-v1.jsonl';

/** A bench key from a seed phrase, signing with libsecp256k1. */
export function nativeSigner(native: Secp256k1Native, seed: string): DigestSigner {
  const privateKey = keccak_256(new TextEncoder().encode(`c3 bench key ${seed}`));
  const pub = native.publicKeyCreate(privateKey, false);
  const address = `0x${bytesToHex(keccak_256(pub.subarray(1)).subarray(12))}`;
  return {
    address,
    sign(digest) {
      const { signature, recid } = native.ecdsaSign(digest, privateKey);
      return `0x${bytesToHex(signature)}${(27 + recid).toString(16)}` as Hex;
    },
  };
}

const spec = (s: DigestSigner, label: string) => ({ address: s.address, device: 'unknown' as const, label, path: "m/44'/60'/0'/0/0" });
const sorted = (signers: DigestSigner[]) => [...signers].sort((a, b) => (a.address < b.address ? -1 : 1));

/** Writes the log to `path` and reports progress; returns the number of entries and actions written. */
export function generateLargeLog(native: Secp256k1Native, path: string, say: (line: string) => void, size: { members: number; actions: number; perEntry: number } = LARGE) {
  const stewards = [0, 1, 2].map((i) => nativeSigner(native, `steward ${i}`));
  const attestor = nativeSigner(native, 'attestor');
  const treasury = deriveVaultAddress(ZERO_HASH, 'commons', 'bench-large');
  const t0 = 1_767_603_600;
  const far = t0 + 20 * 365 * 86_400;
  const quorum = [stewards[0]!, stewards[2]!];
  const genesisPayload: PayloadOf<'commons.genesis'> = {
    name: 'Bench Commons (large)',
    salt: 'bench-large',
    treasury: { address: treasury, name: 'Treasury', signers: stewards.map((s, i) => spec(s, `steward ${i}`)), threshold: 2, salt: 'bench-large' },
    attestors: [attestor.address],
    params: DEFAULT_PARAMS,
  };
  const genesisAction: Action = { kind: 'commons.genesis', vault: treasury, nonce: 0, validUntil: t0 + 1, payload: genesisPayload, sigs: [] };
  const commonsId = commonsIdOf(genesisAction);
  const commonsField = String(fieldOfHash(commonsId));
  const tmp = `${path}.partial`;
  mkdirSync('.c3-cache', { recursive: true });
  const fd = openSync(tmp, 'w');
  let head = ZERO_HASH as Hex;
  let seq = 0;
  const write = (time: number, actions: Action[]) => {
    // Version 1, as the cached file was written (its genesis states no version).
    const entry: Entry = sealEntry(commonsId, { seq, prevHash: head, time, actions }, quorum, 1);
    writeSync(fd, `${encodeEntry(entry)}\n`);
    head = entryHash(commonsId, entry);
    seq += 1;
  };
  write(t0, [genesisAction]);

  const nonces = new Map<string, number>();
  const action = <K extends ActionKind>(kind: K, vault: string, payload: PayloadOf<K>, signers: DigestSigner[]): Action => {
    const nonce = nonces.get(vault) ?? 0;
    nonces.set(vault, nonce + 1);
    return signAction(commonsId, { kind, vault, nonce, validUntil: far, payload }, sorted(signers));
  };
  const members = Array.from({ length: size.members }, (_, i) => {
    const keys = [0, 1, 2].map((k) => nativeSigner(native, `large member ${i} key ${k}`));
    const did = pkhDid(keys[0]!.address);
    return { keys, did, vaults: [deriveVaultAddress(commonsId, did, 'main'), deriveVaultAddress(commonsId, did, 'savings')], i };
  });

  let pending: Action[] = [];
  let written = 0;
  const started = performance.now();
  const push = (a: Action) => {
    pending.push(a);
    if (pending.length === size.perEntry) {
      write(t0 + seq * 60, pending);
      written += pending.length;
      pending = [];
      if (seq % 50 === 0) say(`  ${written.toLocaleString('en')} of ${size.actions.toLocaleString('en')} actions (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  };
  for (const m of members) {
    // Commitments and nullifiers only need to be distinct field elements here: the bench replays
    // with the unchecked verifier and measures proofs apart (bench:proofs).
    const commitment = String(1_000_000 + m.i);
    const nullifier = String(5_000_000 + m.i);
    push(
      action('member.enrol', m.vaults[0]!, {
        did: m.did, label: `member ${m.i}`, faction: (['Union', 'Guild', 'Syndicate'] as const)[m.i % 3]!, commitment, nullifier, publicSignals: [commitment, nullifier, commonsField],
        proof: { pi_a: ['0', '0', '0'], pi_b: [['0', '0'], ['0', '0'], ['0', '0']], pi_c: ['0', '0', '0'], protocol: 'groth16', curve: 'bn128' },
        attestor: attestor.address, attestorSig: attest(commonsId, commitment, nullifier, attestor),
        vault: { name: `vault ${m.i}`, signers: m.keys.map((k, j) => spec(k, `key ${j}`)), threshold: 2, salt: 'main' },
      }, [m.keys[0]!, m.keys[1]!]),
    );
  }
  for (const m of members) {
    push(action('vault.create', m.vaults[1]!, { owner: m.did, name: `savings ${m.i}`, signers: m.keys.map((k, j) => spec(k, `key ${j}`)), threshold: 2, salt: 'savings' }, [m.keys[0]!, m.keys[2]!]));
  }
  for (const m of members) push(action('token.mint', treasury, { token: 'PPT', to: m.vaults[0]!, amount: 1_000_000_000_000n }, quorum));
  for (const m of members) push(action('token.burnToConx', m.vaults[0]!, { amount: 500_000_000_000n }, [m.keys[1]!, m.keys[2]!]));
  const vaults = members.flatMap((m) => m.vaults.map((v) => ({ vault: v, m })));
  for (let i = written + pending.length; i < size.actions; i++) {
    const from = members[i % size.members]!;
    const to = vaults[(i * 7919 + 13) % vaults.length]!;
    const signers = [from.keys[i % 2]!, from.keys[2]!];
    push(
      to.m === from && to.vault === from.vaults[0]
        ? action('token.burnToComm', from.vaults[0]!, { amount: 1_000n }, signers)
        : action('token.transfer', from.vaults[0]!, { token: 'CONX', to: to.vault, amount: BigInt(1 + (i % 997)) }, signers),
    );
  }
  if (pending.length > 0) {
    write(t0 + seq * 60, pending);
    written += pending.length;
  }
  closeSync(fd);
  renameSync(tmp, path);
  return { entries: seq, actions: written, seconds: (performance.now() - started) / 1000 };
}

if (process.argv[1]?.endsWith('generate-large.ts')) {
  const { loadNative } = await import('../../electron/services/ledger/native');
  const native = loadNative();
  if (!native) throw new Error('libsecp256k1 did not load');
  if (existsSync(LARGE_CACHE) && !process.argv.includes('--force')) {
    console.log(`${LARGE_CACHE} exists (use --force to write it again)`);
  } else {
    const done = generateLargeLog(native, LARGE_CACHE, (line) => console.log(line));
    console.log(`wrote ${LARGE_CACHE}: ${done.entries} entries, ${done.actions.toLocaleString('en')} actions in ${done.seconds.toFixed(0)} s`);
  }
}
