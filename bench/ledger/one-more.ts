/**
 * npx tsx bench/ledger/one-more.ts [members] — the cost of one more entry on a large Commons:
 * folds a generated log of `members` enrolments (10,000 by default) and as many second vaults
 * (20,000 member vaults), then applies one more 1-action entry (a treasury mint, 2-of-3 signed)
 * on the folded state, many times, and prints the median. The state update is what this measures:
 * an update that copies every vault costs in proportion to the vaults; one that shares structure
 * does not. Signatures are recovered by libsecp256k1, proofs are not checked (UNCHECKED_ZK_VERIFIER).
 */
import { nativeSigner } from './generate-large';
import { type DigestSigner, LogBuilder, attest, sealEntry, signAction } from '../../shared/commons/build';
import { type Action } from '../../shared/commons/log';
import { DEFAULT_PARAMS } from '../../shared/commons/params';
import { deriveVaultAddress, vaultAt } from '../../shared/commons/vaults';
import { pkhDid } from '../../shared/commons/identity-did';
import { type CommonsState } from '../../shared/commons/state';
import { apply, fold } from '../../shared/commons/apply';
import { UNCHECKED_ZK_VERIFIER } from '../../shared/commons/verify';
import { fieldOfHash } from '../../shared/zk/field';
import { loadNative, nativeRecoverer } from '../../electron/services/ledger/native';

const MEMBERS = Number(process.argv[2] ?? 10_000);
const PER_ENTRY = 100;
const TRIES = 200;
const say = (line: string) => console.log(line);

const native = loadNative();
if (!native) {
  console.error('libsecp256k1 did not load here: the bench needs its prebuilt binary.');
  process.exit(1);
}

const spec = (s: DigestSigner, label: string) => ({ address: s.address, device: 'unknown' as const, label, path: "m/44'/60'/0'/0/0" });
const stewards = [0, 1, 2].map((i) => nativeSigner(native, `steward ${i}`));
const quorum = [stewards[0]!, stewards[2]!];
const attestor = nativeSigner(native, 'attestor');
const treasury = deriveVaultAddress(`0x${'00'.repeat(32)}`, 'commons', 'bench');
const t0 = 1_767_603_600;
const far = t0 + 10 * 365 * 86_400;

let t = performance.now();
const log = new LogBuilder(
  { name: 'Large Commons', salt: 'one-more', treasury: { address: treasury, name: 'Treasury', signers: stewards.map((s, i) => spec(s, `steward ${i}`)), threshold: 2, salt: 'bench' }, attestors: [attestor.address], params: DEFAULT_PARAMS },
  t0,
  quorum,
);
const commonsField = String(fieldOfHash(log.commonsId));
const members = Array.from({ length: MEMBERS }, (_, i) => {
  const key = nativeSigner(native, `member ${i}`);
  const did = pkhDid(key.address);
  return { i, key, did, vault: deriveVaultAddress(log.commonsId, did, 'main'), savings: deriveVaultAddress(log.commonsId, did, 'savings') };
});
const actions: Action[] = [];
for (const m of members) {
  const commitment = String(1_000 + m.i);
  const nullifier = String(10_000_000 + m.i);
  actions.push(
    log.action('member.enrol', m.vault, {
      did: m.did, label: `member ${m.i}`, faction: (['Union', 'Guild', 'Syndicate'] as const)[m.i % 3]!, commitment, nullifier, publicSignals: [commitment, nullifier, commonsField],
      proof: { pi_a: ['0', '0', '0'], pi_b: [['0', '0'], ['0', '0'], ['0', '0']], pi_c: ['0', '0', '0'], protocol: 'groth16', curve: 'bn128' },
      attestor: attestor.address, attestorSig: attest(log.commonsId, commitment, nullifier, attestor),
      vault: { name: `vault ${m.i}`, signers: [spec(m.key, 'key')], threshold: 1, salt: 'main' },
    }, [m.key], far),
  );
}
for (const m of members) actions.push(log.action('vault.create', m.savings, { owner: m.did, name: `savings ${m.i}`, signers: [spec(m.key, 'key')], threshold: 1, salt: 'savings' }, [m.key], far));
for (let start = 0, k = 1; start < actions.length; start += PER_ENTRY, k++) log.append(t0 + k * 60, actions.slice(start, start + PER_ENTRY));
say(`generated ${MEMBERS.toLocaleString('en')} members, ${(2 * MEMBERS).toLocaleString('en')} member vaults, ${actions.length.toLocaleString('en')} actions in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const ctx = { verifier: UNCHECKED_ZK_VERIFIER, recoverer: nativeRecoverer(native) };
t = performance.now();
const folded = fold(log.entries, ctx);
if (!folded.ok) throw new Error(`fold failed: ${folded.error.kind} at ${folded.error.seq}`);
const state: CommonsState = folded.value;
const foldMs = performance.now() - t;
say(`fold    ${(foldMs / 1000).toFixed(1)} s (${Math.round((actions.length * 1000) / foldMs).toLocaleString('en')} actions/s), heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);

// Alternative next entries, each one treasury mint (2-of-3), applied to the same folded state.
const treasuryNonce = vaultAt(state, treasury)!.nonce;
const candidates = Array.from({ length: TRIES }, (_, k) => {
  const to = members[(k * 7919) % MEMBERS]!.vault;
  const mint = signAction(log.commonsId, { kind: 'token.mint', vault: treasury, nonce: treasuryNonce, validUntil: far, payload: { token: 'PPT', to, amount: BigInt(1 + k) } }, quorum);
  return sealEntry(log.commonsId, { seq: state.height, prevHash: state.headHash, time: state.time + 60, actions: [mint] }, quorum, state.version);
});
const times: number[] = [];
for (const entry of candidates) {
  const start = performance.now();
  const next = apply(state, entry, ctx);
  times.push(performance.now() - start);
  if (!next.ok) throw new Error(`one more entry failed: ${next.error.kind}`);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(3);
say(`one more 1-action entry on ${(2 * MEMBERS + 1).toLocaleString('en')} vaults: median ${at(0.5)} ms, p90 ${at(0.9)} ms (${TRIES} tries; goal < 5 ms)`);
