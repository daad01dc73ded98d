/**
 * Proof verification throughput on real identity (enrolment) proofs: one at a time with the
 * ledger's verifier (@noble/curves), batched (shared/zk/groth16.ts verifyMany), batched across
 * worker threads (electron/services/ledger/proof-pool.ts, what a replay uses), and snarkjs's own
 * verifier, in the same run; and what replaying 10,000 enrolments costs from it. The proofs are
 * made once (snarkjs fullProve) and kept in the system's temp folder for later runs.
 *   npm run bench:proofs [-- --proofs 256] [-- --threads N]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as snarkjs from 'snarkjs';
import { type ProofItem, prepareKey, verifyGroth16, verifyMany } from '../../shared/zk/groth16';
import { SNARK_FIELD } from '../../shared/zk/field';
import { identityCommitment, uniquenessNullifier } from '../../shared/zk/poseidon';
import { loadVerificationKeysSync, zkResourcesDir } from '../../electron/services/ledger/zk-verifier';
import { type CircuitProof, createProofPool } from '../../electron/services/ledger/proof-pool';

const fmt = (n: number, digits = 1) => n.toLocaleString('en', { maximumFractionDigits: digits });

async function makeProofs(count: number, say: (line: string) => void): Promise<ProofItem[]> {
  const cache = join(tmpdir(), `c3-bench-identity-proofs-${count}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as ProofItem[];
  const dir = zkResourcesDir();
  const wasm = new Uint8Array(readFileSync(join(dir, 'identity.wasm')));
  const zkey = new Uint8Array(readFileSync(join(dir, 'identity.zkey')));
  const commonsId = 0xc3n;
  const items: ProofItem[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const secret = (BigInt(i) * 7919n + 12345n) % SNARK_FIELD;
    const bioKey = (BigInt(i) * 104729n + 67890n) % SNARK_FIELD;
    const { proof, publicSignals } = await snarkjs.groth16.fullProve({ secret, bioKey, commonsId }, wasm, zkey);
    if (publicSignals[0] !== String(identityCommitment(secret, bioKey)) || publicSignals[1] !== String(uniquenessNullifier(bioKey, commonsId))) throw new Error('unexpected public signals');
    items.push({ publicSignals, proof: proof as ProofItem['proof'] });
    if ((i + 1) % 64 === 0) say(`  made ${i + 1} of ${count} proofs (${fmt((performance.now() - started) / 1000)} s)`);
  }
  writeFileSync(cache, JSON.stringify(items));
  return items;
}

/** ms per proof across a pool of `threads` worker threads, warm (the threads started and checked the proofs once already). */
async function acrossThreads(vkey: ReturnType<typeof loadVerificationKeysSync>['identity'], items: readonly ProofItem[], threads: number): Promise<{ ms: number; startMs: number; cores: number; cpuMs: number }> {
  const pool = createProofPool({ identity: vkey }, { threads });
  const proofs: CircuitProof[] = items.map((item) => ({ ...item, circuit: 'identity' }));
  try {
    let t = performance.now();
    await pool.verifyManyAsync(proofs);
    const startMs = performance.now() - t;
    t = performance.now();
    const cpu = process.cpuUsage();
    const verdicts = await pool.verifyManyAsync(proofs);
    const wall = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const ms = wall / items.length;
    // CPU time of the whole process (its threads included) over the wall clock: the cores this run actually got.
    const cores = (used.user + used.system) / 1000 / wall;
    if (verdicts.some((v) => !v) || pool.checked().here > 0) throw new Error('the threads refused a valid proof, or did not answer');
    return { ms, startMs, cores, cpuMs: (used.user + used.system) / 1000 / items.length };
  } finally {
    await pool.close();
  }
}

export async function benchProofs(count: number, say: (line: string) => void, threads = availableParallelism()): Promise<void> {
  say(`proofs: ${count} real identity (enrolment) proofs`);
  const items = await makeProofs(count, say);
  const vkey = loadVerificationKeysSync().identity!;
  const key = prepareKey(vkey);
  const perProof = (ms: number, n: number) => ms / n;

  const sample = items.slice(0, Math.min(32, items.length));
  let t = performance.now();
  for (const item of sample) if (!verifyGroth16(key, item.publicSignals, item.proof)) throw new Error('a proof did not verify');
  const single = perProof(performance.now() - t, sample.length);

  t = performance.now();
  for (const item of sample) if (!(await snarkjs.groth16.verify(vkey, item.publicSignals, item.proof))) throw new Error('snarkjs refused a proof');
  const snark = perProof(performance.now() - t, sample.length);

  const batched: [number, number][] = [];
  /** CPU time per proof of the batch by 64 on this thread (the threads' figures are compared with it). */
  let batchedCpu = Number.NaN;
  for (const size of [16, 64, 256]) {
    if (size > items.length) continue;
    t = performance.now();
    const cpu = process.cpuUsage();
    const verdicts = verifyMany(key, items, { batchSize: size });
    const used = process.cpuUsage(cpu);
    if (verdicts.some((v) => !v)) throw new Error('a batch refused a valid proof');
    batched.push([size, perProof(performance.now() - t, items.length)]);
    if (size === 64) batchedCpu = (used.user + used.system) / 1000 / items.length;
  }
  // One bad proof among them: the bisection's cost.
  const bad = items.map((item, i) => (i === items.length >> 1 ? { ...item, publicSignals: [item.publicSignals[0]!, item.publicSignals[0]!, item.publicSignals[2]!] } : item));
  t = performance.now();
  const found = verifyMany(key, bad, { batchSize: 64 });
  const withBad = perProof(performance.now() - t, items.length);
  if (found.filter((v) => !v).length !== 1) throw new Error('the bad proof was not found alone');

  // The pool with one thread, then with one per core: the same batched check as above, moved off this thread.
  const oneThread = await acrossThreads(vkey, items, 1);
  const nThreads = threads > 1 ? await acrossThreads(vkey, items, threads) : oneThread;
  const batched64 = batched.find(([size]) => size === 64)?.[1] ?? Math.min(...batched.map(([, ms]) => ms));

  say(`floor   snarkjs groth16.verify, one at a time: ${fmt(snark)} ms/proof (${fmt(1000 / snark)} proofs/s)`);
  say(`ledger  @noble/curves, one at a time:        ${fmt(single)} ms/proof (${fmt(1000 / single)} proofs/s) = ${fmt(snark / single, 2)}× snarkjs`);
  for (const [size, ms] of batched) say(`ledger  batched by ${String(size).padEnd(3)}:                   ${fmt(ms)} ms/proof (${fmt(1000 / ms)} proofs/s) = ${fmt(snark / ms, 2)}× snarkjs, ${fmt(single / ms, 2)}× one at a time`);
  say(`ledger  batched by 64 with one bad proof:   ${fmt(withBad)} ms/proof (found by bisection)`);
  say(`pool    1 worker thread, batched:          ${fmt(oneThread.ms)} ms/proof (${fmt(1000 / oneThread.ms)} proofs/s) = ${fmt(batched64 / oneThread.ms, 2)}× batched by 64 on this thread`);
  say(`pool    ${threads} worker threads (one per core), batched: ${fmt(nThreads.ms)} ms/proof (${fmt(1000 / nThreads.ms)} proofs/s) = ${fmt(batched64 / nThreads.ms, 2)}× one thread batched by 64, ${fmt(oneThread.ms / nThreads.ms, 2)}× the 1-thread pool, ${fmt(snark / nThreads.ms, 2)}× snarkjs`);
  say(`pool    cores the process got meanwhile (CPU time / wall clock; other work shares the machine): ${fmt(oneThread.cores, 2)} with 1 thread, ${fmt(nThreads.cores, 2)} with ${threads}`);
  // CPU time per proof does not depend on how busy the machine is: equal figures mean the threads add no work, so on
  // an idle machine N threads go N times as fast as one.
  say(`cpu     CPU time per proof: ${fmt(batchedCpu)} ms batched by 64 on this thread, ${fmt(oneThread.cpuMs)} ms on 1 worker thread, ${fmt(nThreads.cpuMs)} ms on ${threads} (${fmt(batchedCpu / nThreads.cpuMs, 2)}× as much work per proof on this thread); idle-machine estimate across ${threads} threads: ${fmt(nThreads.cpuMs / threads)} ms/proof`);
  say(`pool    starting ${threads} threads and checking the proofs the first time: ${fmt(nThreads.startMs)} ms`);
  const best = Math.min(...batched.map(([, ms]) => ms));
  say(`replay  10,000 enrolments: ${fmt((10_000 * single) / 1000)} s one at a time, ${fmt((10_000 * best) / 1000)} s batched (one core), ${fmt((10_000 * nThreads.ms) / 1000)} s batched across ${threads} threads as measured (${fmt((10_000 * nThreads.cpuMs) / threads / 1000)} s on ${threads} idle cores; ${fmt((10_000 * snark) / 1000)} s with snarkjs)`);
  await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--proofs');
  const threadsAt = process.argv.indexOf('--threads');
  await benchProofs(at > 0 ? Number(process.argv[at + 1]) : 256, (line) => console.log(line), threadsAt > 0 ? Number(process.argv[threadsAt + 1]) : undefined);
}
