/**
 * npm run bench:ledger — replays 100,000 actions, each 2-of-3 signed, and prints actions/s and
 * signatures/s next to the floor: libsecp256k1's raw recovery rate on one core, in the same run.
 */
import { availableParallelism } from 'node:os';
import { fold } from '../../shared/commons/apply';
import { UNCHECKED_ZK_VERIFIER, collectSignatures, parseLog } from '../../shared/commons/verify';
import { hexBytes, splitSignature } from '../../shared/crypto/recover';
import { loadNative, nativeRecoverer } from '../../electron/services/ledger/native';
import { replayParallel } from '../../electron/services/ledger/replay';
import { benchLog } from './generate';
import { parseStrictJson } from '../../shared/strict-json';

if (process.argv.includes('--large')) {
  await import('./large');
  process.exit(0);
}

const say = (line: string) => console.log(line);
const rate = (n: number, ms: number) => Math.round((n * 1000) / ms);
const fmt = (n: number) => n.toLocaleString('en');

const native = loadNative();
if (!native) {
  console.error('libsecp256k1 did not load here: the bench needs its prebuilt binary.');
  process.exit(1);
}
const text = await benchLog(native, say);
const parsedOnce = parseLog(text);
if (!parsedOnce.ok) throw new Error(`bench log invalid: ${parsedOnce.error.kind}`);
const jobs = collectSignatures(parsedOnce.value);
const actions = parsedOnce.value.reduce((n, e) => n + e.actions.length, 0);
const signatures = jobs.length;
say(`log: ${fmt(parsedOnce.value.length)} entries, ${fmt(actions)} actions, ${fmt(signatures)} signatures, ${(text.length / 1e6).toFixed(1)} MB; ${availableParallelism()} cores`);

// Reading the lines: JSON.parse alone, and the strict parse the ledger uses (no duplicate keys).
const lines = text.split('\n').filter((line) => line !== '');
let t = performance.now();
for (const line of lines) JSON.parse(line);
const plainMs = performance.now() - t;
t = performance.now();
for (const line of lines) if (!parseStrictJson(line).ok) throw new Error('bench log has a duplicate key');
const strictMs = performance.now() - t;
say(`parse   JSON.parse ${plainMs.toFixed(0)} ms, strict (duplicate keys refused) ${strictMs.toFixed(0)} ms: +${Math.round(((strictMs - plainMs) * 100) / plainMs)} % on reading, ${(strictMs - plainMs).toFixed(0)} ms for the log`);

// The floor: raw ecdsaRecover on one core over the log's own signatures (no hashing, no ledger).
const sample = jobs.slice(0, 40_000).map((j) => ({ digest: j.digest, split: splitSignature(hexBytes(j.sigHex))! }));
const out = new Uint8Array(65);
// Sampled before, between and after the replays; each is compared with the mean of the samples around it.
const measureFloor = () => {
  const start = performance.now();
  for (const { digest, split } of sample) native.ecdsaRecover(split.compact, split.recovery, digest, false, out);
  return rate(sample.length, performance.now() - start);
};
const floors = [measureFloor()];
say(`floor   libsecp256k1 raw recovery, one core: ${fmt(floors[0]!)} signatures/s`);

// One core: parse, hash, recover and fold on the main thread.
t = performance.now();
const parsed = parseLog(text);
if (!parsed.ok) throw new Error(parsed.error.kind);
const single = fold(parsed.value, { verifier: UNCHECKED_ZK_VERIFIER, recoverer: nativeRecoverer(native) });
const oneMs = performance.now() - t;
if (!single.ok) throw new Error(`replay failed: ${single.error.kind} at ${single.error.seq}`);
const oneSigs = rate(signatures, oneMs);
floors.push(measureFloor());
const oneFloor = (floors[0]! + floors[1]!) / 2;
say(`replay  one core:  ${fmt(rate(actions, oneMs))} actions/s, ${fmt(oneSigs)} signatures/s = ${Math.round((oneSigs * 100) / oneFloor)} % of the floor around it, ${fmt(Math.round(oneFloor))} (${(oneMs / 1000).toFixed(2)} s)`);

// Both cores: recovery in worker threads, pipelined with parsing and the fold.
t = performance.now();
const parallel = await replayParallel(text, { verifier: UNCHECKED_ZK_VERIFIER, workers: Math.max(2, availableParallelism()) });
const twoMs = performance.now() - t;
if (!parallel.ok) throw new Error(`parallel replay failed: ${parallel.error.kind} at ${parallel.error.seq}`);
if (parallel.value.headHash !== single.value.headHash) throw new Error('parallel replay reached a different head');
const twoSigs = rate(signatures, twoMs);
floors.push(measureFloor());
const twoFloor = (floors[1]! + floors[2]!) / 2;
say(`replay  all cores: ${fmt(rate(actions, twoMs))} actions/s, ${fmt(twoSigs)} signatures/s = ${Math.round((twoSigs * 100) / twoFloor)} % of the floor around it, ${fmt(Math.round(twoFloor))} (${(twoMs / 1000).toFixed(2)} s)`);
say(`floor   samples before, between and after the replays: ${floors.map(fmt).join(', ')} signatures/s`);
say(`goal    ≥ 75 % of the floor on one core: ${oneSigs >= 0.75 * oneFloor ? 'met' : 'NOT met'}; ≥ 150 % with both cores: ${twoSigs >= 1.5 * twoFloor ? 'met' : 'NOT met'} (issue 11)`);
