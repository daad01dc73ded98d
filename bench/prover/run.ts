/**
 * `npm run bench:prover`: Groth16 proving time per circuit, three ways on the same artifacts in the
 * same run — the app's worker-hosted prover (electron/services/prover), snarkjs's own in-process
 * `groth16.fullProve`, and the snarkjs command line — with the constraint counts, first call and
 * warm median, and verification by snarkjs and by the app's @noble/curves verifier.
 * Goal (issue 6): membership warm ≤ 0.8 s, first call ≤ 1.1 s, the worker within 10 % of in-process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as snarkjs from 'snarkjs';
import { createProver } from '../../electron/services/prover/prover';
import { createGroth16Verifier, type VerificationKey } from '../../shared/zk/groth16';
import { ZkManifest } from '../../shared/zk/artifacts';
import { merkleProof } from '../../shared/zk/merkle';
import { credentialLeaf, identityCommitment } from '../../shared/zk/poseidon';
import { type CircuitName } from '../../shared/zk/types';

const DIR = 'resources/zk';
const WARM = Number(process.env['BENCH_N'] ?? 5);
const manifest = ZkManifest.parse(JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')));

// A tree of 1,000 members; the prover is member 500.
const members = Array.from({ length: 1000 }, (_, i) => ({ secret: BigInt(i + 1) * 7919n, bioKey: BigInt(i + 1) * 104_729n }));
const me = members[500]!;
const commitments = members.map((m) => identityCommitment(m.secret, m.bioKey));
const memberPath = merkleProof(commitments, 500);
const credentialPath = merkleProof(commitments.map((c, i) => credentialLeaf(c, BigInt((i % 3) + 1), BigInt(i % 4))), 500);

const inputs: Record<CircuitName, Record<string, unknown>> = {
  identity: { secret: me.secret, bioKey: me.bioKey, commonsId: 12345n },
  membership: { secret: me.secret, bioKey: me.bioKey, pathElements: memberPath.pathElements, pathIndices: memberPath.pathIndices, scope: 99n, message: 1n },
  credential: { secret: me.secret, bioKey: me.bioKey, memberFaction: 3n, memberTier: 0n, pathElements: credentialPath.pathElements, pathIndices: credentialPath.pathIndices, faction: 3n, minTier: 0n, scope: 99n, message: 0n },
};
const stringify = (v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : Array.isArray(v) ? v.map(stringify) : v);
const asJson = (input: Record<string, unknown>) => Object.fromEntries(Object.entries(input).map(([k, v]) => [k, stringify(v)]));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function main() {
  console.log(`prover bench: ${availableParallelism()} cores, ${WARM} warm runs each, artifacts from ${DIR} (ceremony: ${manifest.ceremony.kind})`);
  const work = mkdtempSync(join(tmpdir(), 'c3-bench-prover-'));
  const rows: string[] = [];
  let goal = { warm: NaN, first: NaN, ratio: NaN };
  for (const circuit of ['identity', 'membership', 'credential'] as const) {
    const entry = manifest.circuits[circuit]!;
    const wasm = new Uint8Array(readFileSync(join(DIR, entry.wasm.file)));
    const zkey = new Uint8Array(readFileSync(join(DIR, entry.zkey.file)));
    const vkey = JSON.parse(readFileSync(join(DIR, entry.vkey.file), 'utf8')) as VerificationKey;

    // The app's prover: a fresh worker, so that its first call pays what a user's first proof pays.
    const prover = createProver({ artifactsDir: DIR });
    const workerFirst = await timeIt(() => prover.prove(circuit, inputs[circuit]));
    const workerWarm: number[] = [];
    for (let i = 0; i < WARM; i++) workerWarm.push(await timeIt(() => prover.prove(circuit, inputs[circuit])));
    await prover.close();

    // snarkjs in this process (its own thread pool), on the same buffers.
    let proof: unknown;
    let publicSignals: string[] = [];
    const inProcessFirst = await timeIt(async () => ({ proof, publicSignals } = await snarkjs.groth16.fullProve(inputs[circuit], wasm, zkey)));
    const inProcessWarm: number[] = [];
    for (let i = 0; i < WARM; i++) inProcessWarm.push(await timeIt(() => snarkjs.groth16.fullProve(inputs[circuit], wasm, zkey)));

    // The snarkjs command line, as a circuit author would run it.
    const inputFile = join(work, `${circuit}.input.json`);
    writeFileSync(inputFile, JSON.stringify(asJson(inputs[circuit])));
    const cli = await timeIt(async () =>
      execFileSync(process.execPath, ['node_modules/snarkjs/build/cli.cjs', 'groth16', 'fullprove', inputFile, join(DIR, entry.wasm.file), join(DIR, entry.zkey.file), join(work, 'p.json'), join(work, 's.json')], { stdio: 'ignore' }),
    );

    const snarkVerify = median(await Promise.all([0, 1, 2].map(() => timeIt(() => snarkjs.groth16.verify(vkey, publicSignals, proof)))));
    const noble = createGroth16Verifier({ [circuit]: vkey });
    noble.verify(circuit, publicSignals, proof as never);
    const nobleVerify = median(await Promise.all([0, 1, 2].map(() => timeIt(async () => noble.verify(circuit, publicSignals, proof as never)))));

    const ratio = median(workerWarm) / median(inProcessWarm);
    if (circuit === 'membership') goal = { warm: median(workerWarm), first: workerFirst, ratio };
    rows.push(
      `${circuit.padEnd(11)} ${String(entry.constraints).padStart(6)} constraints | worker first ${s(workerFirst)}, warm ${s(median(workerWarm))} | in-process first ${s(inProcessFirst)}, warm ${s(median(inProcessWarm))} | worker/in-process ${(ratio * 100).toFixed(0)} % | CLI ${s(cli)} | verify snarkjs ${snarkVerify.toFixed(1)} ms, noble ${nobleVerify.toFixed(1)} ms`,
    );
    console.log(rows.at(-1));
  }
  await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate();
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(
    `goal membership: warm ${s(goal.warm)} ≤ 0.8 s: ${met(goal.warm <= 800)}; first ${s(goal.first)} ≤ 1.1 s: ${met(goal.first <= 1100)}; worker within 10 % of in-process (${((goal.ratio - 1) * 100).toFixed(1)} %): ${met(goal.ratio <= 1.1)}`,
  );
  console.log('(worker times include loading checked artifacts and verifying the proof before it is handed out, as in the app)');
}

await main();
