/**
 * npm run bench:ledger -- --large: the generated Commons of 10,000 members, 20,000 vaults and
 * 1,000,000 actions (bench/ledger/generate-large.ts). Prints, next to their goals:
 *   - replay rate as a share of libsecp256k1's one-core recovery floor, measured in the same run
 *     (goal ≥ 75 % on one core, ≥ 150 % with the worker threads),
 *   - peak memory of the process (goal < 2 GB),
 *   - the time to apply one more entry to the folded state (goal < 5 ms).
 * The log is streamed line by line: at about 0.6 GB it is larger than one JavaScript string.
 *
 * Each replay runs in a process of its own, started for it (as the ledger service replays a stored
 * log when the app starts), with the floor sampled in that process just before and just after the
 * replay: neither replay inherits the other's heap, and each is compared with the machine's speed
 * at that moment. This process only starts the two and prints what they report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { type LedgerContext, apply, commonsIdOf, genesis } from '../../shared/commons/apply';
import { type DigestSigner, sealEntry, signAction } from '../../shared/commons/build';
import { type CommonsState } from '../../shared/commons/state';
import { type RecoveryJob, UNCHECKED_ZK_VERIFIER, collectSignatures, parseEntry } from '../../shared/commons/verify';
import { pkhDid } from '../../shared/commons/identity-did';
import { deriveVaultAddress } from '../../shared/commons/vaults';
import { hexBytes, splitSignature } from '../../shared/crypto/recover';
import { type Secp256k1Native, loadNative, nativeRecoverer } from '../../electron/services/ledger/native';
import { createRecoveryPool, replayLines } from '../../electron/services/ledger/replay';
import { LARGE, LARGE_CACHE, generateLargeLog, nativeSigner } from './generate-large';
import { fileLines } from './lines';

const say = (line: string) => console.log(line);
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const rate = (n: number, ms: number) => (n * 1000) / ms;
const mb = (bytes: number) => `${fmt(bytes / 2 ** 20)} MB`;
const cores = Math.max(2, availableParallelism());

/** What the one-core part reports. */
interface OneCore {
  readonly ms: number;
  readonly floors: [number, number];
  readonly entries: number;
  readonly actions: number;
  readonly signatures: number;
  readonly members: number;
  readonly vaults: number;
  readonly head: string;
  readonly peakRss: number;
}

/** What the all-cores part reports. */
interface AllCores {
  readonly ms: number;
  readonly floors: [number, number];
  readonly signatures: number;
  readonly head: string;
  readonly ceiling: number;
  readonly appendMedian: number;
  readonly appendMax: number;
  readonly peakRss: number;
}

const native = loadNative();
if (!native) {
  console.error('libsecp256k1 did not load here: the bench needs its prebuilt binary.');
  process.exit(1);
}
const part = process.argv.find((arg) => arg.startsWith('--part='))?.slice('--part='.length);
if (part === 'one') report(await oneCore(native));
else if (part === 'all') report(await allCores(native));
else orchestrate();

/** A part's answer: one JSON line on stdout, the last. */
function report(value: OneCore | AllCores): void {
  console.log(JSON.stringify(value));
}

/** Peak memory, sampled: RSS of this process (the worker threads share it). */
function rssSampler(): () => number {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return () => {
    clearInterval(sampler);
    return Math.max(peak, process.memoryUsage().rss);
  };
}

/**
 * The floor: raw ecdsaRecover on one core over the log's own first 40,000 signatures (no hashing,
 * no ledger), measured by calling the function returned.
 */
function floorOf(secp: Secp256k1Native): { measure: () => number; jobs: RecoveryJob[] } {
  const jobs: RecoveryJob[] = [];
  let commons: `0x${string}` | undefined;
  for (const line of fileLines(LARGE_CACHE)) {
    const parsed = parseEntry(line, 0);
    if (!parsed.ok) throw new Error(parsed.error.kind);
    const first = parsed.value.actions[0];
    if (first?.kind === 'commons.genesis') {
      commons = commonsIdOf(first);
      continue;
    }
    jobs.push(...collectSignatures([parsed.value], commons).slice(0, 40_000 - jobs.length));
    if (jobs.length >= 40_000) break;
  }
  if (jobs.length === 0) throw new Error('no signatures to measure the floor on');
  const sample = jobs.map((j) => ({ digest: j.digest, split: splitSignature(hexBytes(j.sigHex))! }));
  const out = new Uint8Array(65);
  const measure = () => {
    const start = performance.now();
    for (const { digest, split } of sample) secp.ecdsaRecover(split.compact, split.recovery, digest, false, out);
    return rate(sample.length, performance.now() - start);
  };
  return { measure, jobs };
}

/** One core: parse, hash, recover and fold on this thread, streaming. */
async function oneCore(secp: Secp256k1Native): Promise<OneCore> {
  const peakRss = rssSampler();
  const floor = floorOf(secp);
  const before = floor.measure();
  const ctx: LedgerContext = { verifier: UNCHECKED_ZK_VERIFIER, recoverer: nativeRecoverer(secp) };
  let state: CommonsState | undefined;
  let actions = 0;
  let signatures = 0;
  let entries = 0;
  const t = performance.now();
  for (const line of fileLines(LARGE_CACHE)) {
    if (line.trim() === '') continue;
    const parsed = parseEntry(line, entries++);
    if (!parsed.ok) throw new Error(`${parsed.error.kind} at ${parsed.error.seq}`);
    const entry = parsed.value;
    actions += entry.actions.length;
    signatures += entry.sequencerSigs.length + entry.actions.reduce((n, a) => n + a.sigs.length, 0);
    const result = state ? apply(state, entry, ctx) : genesis(entry, ctx);
    if (!result.ok) throw new Error(`replay failed: ${result.error.kind} at ${result.error.seq}: ${result.error.message}`);
    state = result.value;
  }
  const ms = performance.now() - t;
  const after = floor.measure();
  if (!state) throw new Error('the log is empty');
  return { ms, floors: [before, after], entries, actions, signatures, members: state.members.size, vaults: state.vaults.size, head: state.headHash, peakRss: peakRss() };
}

/**
 * All cores: recovery in worker threads, pipelined with parsing and the fold; the log is streamed
 * from its file line by line (one string cannot hold it), as the ledger service reads a stored log.
 * Then, outside the replay's time: the ceiling, and one more entry on the folded state.
 */
async function allCores(secp: Secp256k1Native): Promise<AllCores> {
  const peakRss = rssSampler();
  const floor = floorOf(secp);
  const before = floor.measure();
  const t = performance.now();
  const pool = createRecoveryPool(cores);
  function* logLines() {
    for (const line of fileLines(LARGE_CACHE)) if (line.trim() !== '') yield line;
  }
  const replay = await replayLines({ start: null, lines: logLines() }, { verifier: UNCHECKED_ZK_VERIFIER, pool, batch: 2 });
  const ms = performance.now() - t;
  const after = floor.measure();
  if (replay.error) throw new Error(`parallel replay failed: ${replay.error.kind} at ${replay.error.seq}`);
  const state = replay.state;
  if (!state) throw new Error('the log is empty');
  // What both cores give with nothing but recovery on them (the worker threads alone, no parsing,
  // hashing or fold): the ceiling the replay on all cores is measured under.
  const ceilingJobs = Array.from({ length: 5 }, () => floor.jobs).flat();
  const ceilingStart = performance.now();
  await pool.recoverAll(ceilingJobs);
  const ceiling = rate(ceilingJobs.length, performance.now() - ceilingStart);
  await pool.close();
  const append = oneMoreEntry(secp, state);
  return { ms, floors: [before, after], signatures: replay.signatures, head: state.headHash, ceiling, appendMedian: append.median, appendMax: append.max, peakRss: peakRss() };
}

/** One more entry on the folded state: a 2-of-3 transfer, sealed 2-of-3 (hashing, 4 recoveries, the fold). */
function oneMoreEntry(secp: Secp256k1Native, folded: CommonsState): { median: number; max: number } {
  const ctx: LedgerContext = { verifier: UNCHECKED_ZK_VERIFIER, recoverer: nativeRecoverer(secp) };
  const signer = (seed: string): DigestSigner => nativeSigner(secp, seed);
  const from = { keys: [0, 1, 2].map((k) => signer(`large member 0 key ${k}`)) };
  const fromVault = deriveVaultAddress(folded.commonsId, pkhDid(from.keys[0]!.address), 'main');
  const toVault = deriveVaultAddress(folded.commonsId, pkhDid(signer('large member 1 key 0').address), 'main');
  const quorum = [signer('steward 0'), signer('steward 2')];
  const vault = folded.vaults.get(fromVault);
  if (!vault) throw new Error('member 0 has no vault in the folded state');
  const sorted = [from.keys[0]!, from.keys[2]!].sort((a, b) => (a.address < b.address ? -1 : 1));
  const next = signAction(folded.commonsId, { kind: 'token.transfer', vault: fromVault, nonce: vault.nonce, validUntil: folded.time + 86_400, payload: { token: 'CONX', to: toVault, amount: 1n } }, sorted);
  const entry = sealEntry(folded.commonsId, { seq: folded.height, prevHash: folded.headHash, time: folded.time + 60, actions: [next] }, quorum.sort((a, b) => (a.address < b.address ? -1 : 1)), folded.version);
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const copy = structuredClone(entry); // a fresh object: no digest memo carried over
    const t = performance.now();
    const result = apply(folded, copy, ctx);
    times.push(performance.now() - t);
    if (!result.ok) throw new Error(`one more entry failed: ${result.error.kind}`);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, max: times.at(-1)! };
}

/** Runs one part in a process of its own and reads its report. */
function runPart<T>(name: 'one' | 'all'): T {
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--large', `--part=${name}`], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`the ${name === 'one' ? 'one-core' : 'all-cores'} replay failed (exit ${child.status ?? child.signal})`);
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as T;
}

function orchestrate(): void {
  if (!existsSync(LARGE_CACHE)) {
    say(`generating ${fmt(LARGE.actions)} actions with libsecp256k1 into ${LARGE_CACHE} (several minutes, once) …`);
    generateLargeLog(native!, LARGE_CACHE, say);
  }
  say('each replay runs in a fresh process, the floor sampled in it just before and just after the replay');
  const one = runPart<OneCore>('one');
  const oneFloor = (one.floors[0] + one.floors[1]) / 2;
  const oneShare = (rate(one.signatures, one.ms) * 100) / oneFloor;
  say(`log     ${fmt(one.entries)} entries, ${fmt(one.actions)} actions, ${fmt(one.signatures)} signatures, ${fmt(one.members)} members, ${fmt(one.vaults)} vaults; ${availableParallelism()} cores`);
  say(`replay  one core:  ${fmt(rate(one.actions, one.ms))} actions/s, ${fmt(rate(one.signatures, one.ms))} signatures/s = ${oneShare.toFixed(0)} % of the floor around it, ${fmt(oneFloor)} (${(one.ms / 1000).toFixed(1)} s)`);
  const all = runPart<AllCores>('all');
  if (all.head !== one.head) throw new Error('the parallel replay reached a different head');
  if (all.signatures !== one.signatures) throw new Error(`the parallel replay checked ${all.signatures} signatures, the one-core replay ${one.signatures}`);
  const allFloor = (all.floors[0] + all.floors[1]) / 2;
  const allShare = (rate(all.signatures, all.ms) * 100) / allFloor;
  say(`replay  all cores: ${fmt(rate(one.actions, all.ms))} actions/s, ${fmt(rate(all.signatures, all.ms))} signatures/s = ${allShare.toFixed(0)} % of the floor around it, ${fmt(allFloor)} (${(all.ms / 1000).toFixed(1)} s)`);
  say(`floor   samples around the one-core replay ${one.floors.map(fmt).join(', ')}; around the replay on all cores ${all.floors.map(fmt).join(', ')} signatures/s`);
  say(`ceiling recovery alone on the ${cores} worker threads: ${fmt(all.ceiling)} signatures/s = ${((all.ceiling * 100) / allFloor).toFixed(0)} % of the floor`);
  const peakRss = Math.max(one.peakRss, all.peakRss);
  say(`memory  peak RSS ${mb(peakRss)} (one-core replay ${mb(one.peakRss)}; all cores, with the worker threads and the folded state, ${mb(all.peakRss)})`);
  say(`append  one more 1-action entry on the folded state: median ${all.appendMedian.toFixed(2)} ms, max ${all.appendMax.toFixed(2)} ms`);
  say(
    `goals   one core ≥ 75 %: ${oneShare >= 75 ? 'met' : 'NOT met'}; all cores ≥ 150 %: ${allShare >= 150 ? 'met' : 'NOT met'}; ` +
      `peak memory < 2 GB: ${peakRss < 2 * 2 ** 30 ? 'met' : 'NOT met'}; one more entry < 5 ms: ${all.appendMedian < 5 ? 'met' : 'NOT met'}`,
  );
}
