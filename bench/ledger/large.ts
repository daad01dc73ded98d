/**
 * npm run bench:ledger -- --large: the generated Commons of 10,000 members, 20,000 vaults and
 * 1,000,000 actions (bench/ledger/generate-large.ts). Prints, next to their goals:
 *   - replay rate as a share of libsecp256k1's one-core recovery floor, measured in the same run
 *     (goal ≥ 75 % on one core, ≥ 150 % with the worker threads),
 *   - peak memory of the process (goal < 2 GB),
 *   - the time to apply one more entry to the folded state (goal < 5 ms).
 * The log is streamed line by line: at about 0.6 GB it is larger than one JavaScript string.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { type LedgerContext, apply, commonsIdOf, genesis } from '../../shared/commons/apply';
import { type DigestSigner, sealEntry, signAction } from '../../shared/commons/build';
import { type CommonsState } from '../../shared/commons/state';
import { type RecoveryJob, UNCHECKED_ZK_VERIFIER, collectSignatures, parseEntry } from '../../shared/commons/verify';
import { pkhDid } from '../../shared/commons/identity-did';
import { deriveVaultAddress } from '../../shared/commons/vaults';
import { hexBytes, splitSignature } from '../../shared/crypto/recover';
import { loadNative, nativeRecoverer } from '../../electron/services/ledger/native';
import { createRecoveryPool, replayLines } from '../../electron/services/ledger/replay';
import { LARGE, LARGE_CACHE, generateLargeLog, nativeSigner } from './generate-large';
import { fileLines } from './lines';

const say = (line: string) => console.log(line);
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const rate = (n: number, ms: number) => (n * 1000) / ms;
const mb = (bytes: number) => `${fmt(bytes / 2 ** 20)} MB`;

const native = loadNative();
if (!native) {
  console.error('libsecp256k1 did not load here: the bench needs its prebuilt binary.');
  process.exit(1);
}
if (!existsSync(LARGE_CACHE)) {
  say(`generating ${fmt(LARGE.actions)} actions with libsecp256k1 into ${LARGE_CACHE} (several minutes, once) …`);
  generateLargeLog(native, LARGE_CACHE, say);
}

// Peak memory, sampled: RSS of this process (the worker threads share it).
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

// The floor: raw ecdsaRecover on one core over the log's own signatures.
const sampleJobs: RecoveryJob[] = [];
let sampleCommons: `0x${string}` | undefined;
for (const line of fileLines(LARGE_CACHE)) {
  const parsed = parseEntry(line, 0);
  if (!parsed.ok) throw new Error(parsed.error.kind);
  const first = parsed.value.actions[0];
  if (first?.kind === 'commons.genesis') {
    sampleCommons = commonsIdOf(first);
    continue;
  }
  sampleJobs.push(...collectSignatures([parsed.value], sampleCommons).slice(0, 40_000 - sampleJobs.length));
  if (sampleJobs.length >= 40_000) break;
}
if (sampleJobs.length === 0) throw new Error('no signatures to measure the floor on');
const sample = sampleJobs.map((j) => ({ digest: j.digest, split: splitSignature(hexBytes(j.sigHex))! }));
const out = new Uint8Array(65);
/**
 * The floor, measured before, between and after the replays: the machine's speed drifts by several
 * per cent over minutes, so each replay is compared with the mean of the samples around it.
 */
const measureFloor = () => {
  const start = performance.now();
  for (const { digest, split } of sample) native.ecdsaRecover(split.compact, split.recovery, digest, false, out);
  return rate(sample.length, performance.now() - start);
};
const floors = [measureFloor()];
say(`floor   libsecp256k1 raw recovery, one core: ${fmt(floors[0]!)} signatures/s (sampled again between and after the replays)`);

// One core: parse, hash, recover and fold on this thread, streaming.
const recoverer = nativeRecoverer(native);
const ctx: LedgerContext = { verifier: UNCHECKED_ZK_VERIFIER, recoverer };
let state: CommonsState | undefined;
let actions = 0;
let signatures = 0;
let index = 0;
let t = performance.now();
for (const line of fileLines(LARGE_CACHE)) {
  if (line.trim() === '') continue;
  const parsed = parseEntry(line, index++);
  if (!parsed.ok) throw new Error(`${parsed.error.kind} at ${parsed.error.seq}`);
  const entry = parsed.value;
  actions += entry.actions.length;
  signatures += entry.sequencerSigs.length + entry.actions.reduce((n, a) => n + a.sigs.length, 0);
  const result = state ? apply(state, entry, ctx) : genesis(entry, ctx);
  if (!result.ok) throw new Error(`replay failed: ${result.error.kind} at ${result.error.seq}: ${result.error.message}`);
  state = result.value;
}
const oneMs = performance.now() - t;
floors.push(measureFloor());
const oneFloor = (floors[0]! + floors[1]!) / 2;
const oneShare = (rate(signatures, oneMs) * 100) / oneFloor;
say(`log     ${fmt(index)} entries, ${fmt(actions)} actions, ${fmt(signatures)} signatures, ${fmt(state!.members.size)} members, ${fmt(state!.vaults.size)} vaults; ${availableParallelism()} cores`);
say(`replay  one core:  ${fmt(rate(actions, oneMs))} actions/s, ${fmt(rate(signatures, oneMs))} signatures/s = ${oneShare.toFixed(0)} % of the floor around it, ${fmt(oneFloor)} (${(oneMs / 1000).toFixed(1)} s)`);

// All cores: recovery in worker threads, pipelined with parsing and the fold; the log is streamed
// from its file line by line (one string cannot hold it), as the ledger service reads a stored log.
t = performance.now();
const pool = createRecoveryPool(Math.max(2, availableParallelism()));
function* logLines() {
  for (const line of fileLines(LARGE_CACHE)) if (line.trim() !== '') yield line;
}
const replay = await replayLines({ start: null, lines: logLines(), total: index }, { verifier: UNCHECKED_ZK_VERIFIER, pool, batch: 2 });
if (replay.error) throw new Error(`parallel replay failed: ${replay.error.kind} at ${replay.error.seq}`);
const replayed = replay.state;
// What both cores give with nothing but recovery on them (the worker threads alone, no parsing,
// hashing or fold): the ceiling the replay on all cores is measured under.
const ceilingJobs = Array.from({ length: 5 }, () => sampleJobs).flat();
const ceilingStart = performance.now();
await pool.recoverAll(ceilingJobs);
const ceiling = rate(ceilingJobs.length, performance.now() - ceilingStart);
await pool.close();
const allMs = performance.now() - t;
if (replayed?.headHash !== state!.headHash) throw new Error('the parallel replay reached a different head');
floors.push(measureFloor());
const allFloor = (floors[1]! + floors[2]!) / 2;
const allShare = (rate(signatures, allMs) * 100) / allFloor;
say(`replay  all cores: ${fmt(rate(actions, allMs))} actions/s, ${fmt(rate(signatures, allMs))} signatures/s = ${allShare.toFixed(0)} % of the floor around it, ${fmt(allFloor)} (${(allMs / 1000).toFixed(1)} s)`);
say(`floor   samples before, between and after the replays: ${floors.map(fmt).join(', ')} signatures/s`);
say(`ceiling recovery alone on the ${Math.max(2, availableParallelism())} worker threads: ${fmt(ceiling)} signatures/s = ${((ceiling * 100) / allFloor).toFixed(0)} % of the floor`);

// One more entry on the folded state: a 2-of-3 transfer, sealed 2-of-3 (hashing, 4 recoveries, the fold).
const signer = (seed: string): DigestSigner => nativeSigner(native, seed);
const from = { keys: [0, 1, 2].map((k) => signer(`large member 0 key ${k}`)) };
const fromVault = deriveVaultAddress(state!.commonsId, pkhDid(from.keys[0]!.address), 'main');
const toVault = deriveVaultAddress(state!.commonsId, pkhDid(signer('large member 1 key 0').address), 'main');
const quorum = [signer('steward 0'), signer('steward 2')];
const folded = state!;
const vault = folded.vaults.get(fromVault);
if (!vault) throw new Error('member 0 has no vault in the folded state');
const sorted = [from.keys[0]!, from.keys[2]!].sort((a, b) => (a.address < b.address ? -1 : 1));
const next = signAction(folded.commonsId, { kind: 'token.transfer', vault: fromVault, nonce: vault.nonce, validUntil: folded.time + 86_400, payload: { token: 'CONX', to: toVault, amount: 1n } }, sorted);
const entry = sealEntry(folded.commonsId, { seq: folded.height, prevHash: folded.headHash, time: folded.time + 60, actions: [next] }, quorum.sort((a, b) => (a.address < b.address ? -1 : 1)), folded.version);
const times: number[] = [];
for (let i = 0; i < 25; i++) {
  const copy = structuredClone(entry); // a fresh object: no digest memo carried over
  t = performance.now();
  const result = apply(folded, copy, ctx);
  times.push(performance.now() - t);
  if (!result.ok) throw new Error(`one more entry failed: ${result.error.kind}`);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
say(`memory  peak RSS ${mb(peakRss)} (both replays, the folded state and the worker threads)`);
say(`append  one more 1-action entry on the folded state: median ${median.toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms`);
say(
  `goals   one core ≥ 75 %: ${oneShare >= 75 ? 'met' : 'NOT met'}; all cores ≥ 150 %: ${allShare >= 150 ? 'met' : 'NOT met'}; ` +
    `peak memory < 2 GB: ${peakRss < 2 * 2 ** 30 ? 'met' : 'NOT met'}; one more entry < 5 ms: ${median < 5 ? 'met' : 'NOT met'}`,
);
