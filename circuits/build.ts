/**
 * `npm run zk:build`: compiles the circuits and runs a local Groth16 setup whose every
 * contribution is a public beacon, so that anyone who reruns it gets byte-identical artifacts.
 * Writes resources/zk/<circuit>.{wasm,zkey,vkey.json} and resources/zk/manifest.json (SHA-256 of
 * each), which the app checks before it loads anything.
 *
 * The beacon ceremony has no secret at all: it is for development and the Demo Commons only. A
 * production Commons replaces it (docs/zk.md): a published Perpetual Powers of Tau file for phase 1
 * and a multi-party phase 2 (`snarkjs zkey contribute`), then a beacon.
 *
 *   npm run zk:build [-- --out DIR]     (the .ptau is cached in $C3_ZK_CACHE or ~/.cache/c3-vault/zk)
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from './hash';
import { CIRCUITS, PTAU_POWER, type ZkManifest } from './spec';
import { writeDemoProofs } from './demo-proofs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const snarkjsCli = join(root, 'node_modules/snarkjs/build/cli.cjs');
const circomCli = join(root, 'node_modules/circom2/cli.js');

/** Public, fixed beacons (hex): anyone can recompute every contribution from them. */
const PTAU_BEACON = '0c3a11a4ce0c3a11a4ce0c3a11a4ce0c3a11a4ce0c3a11a4ce0c3a11a4ce0c3a';
const ZKEY_BEACON = '0c3c0111050c3c0111050c3c0111050c3c0111050c3c0111050c3c011105c3c0';
const BEACON_ITERATIONS = '10';

const log = (line: string) => console.log(`[zk:build] ${line}`);
const run = (cli: string, args: string[], cwd = root): string =>
  execFileSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Phase 1: powers of tau at 2^PTAU_POWER, beacon only, prepared for phase 2; cached outside the repository. */
export function preparedPtau(cacheDir: string): string {
  const final = join(cacheDir, `pot${PTAU_POWER}_beacon_final.ptau`);
  if (existsSync(final)) return final;
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(join(cacheDir, 'work-'));
  const started = Date.now();
  log(`phase 1: powers of tau 2^${PTAU_POWER} (bn128), beacon contribution, prepare phase 2 — a few minutes, once`);
  run(snarkjsCli, ['powersoftau', 'new', 'bn128', String(PTAU_POWER), join(work, 'pot_0.ptau')]);
  run(snarkjsCli, ['powersoftau', 'beacon', join(work, 'pot_0.ptau'), join(work, 'pot_1.ptau'), PTAU_BEACON, BEACON_ITERATIONS, '-n=C3 Vault development beacon']);
  run(snarkjsCli, ['powersoftau', 'prepare', 'phase2', join(work, 'pot_1.ptau'), join(work, 'pot_final.ptau')]);
  renameSync(join(work, 'pot_final.ptau'), final);
  rmSync(work, { recursive: true, force: true });
  log(`phase 1 done in ${((Date.now() - started) / 1000).toFixed(0)} s: ${final}`);
  return final;
}

/** Compiles one circuit (always --O2) and runs its phase 2 with a beacon; returns the constraint count. */
function buildCircuit(name: string, ptau: string, work: string, out: string): number {
  const compiled = run(circomCli, [join(root, 'circuits', `${name}.circom`), '--r1cs', '--wasm', '--O2', '-l', join(root, 'node_modules'), '-o', work]);
  const count = (label: string) => Number(new RegExp(`${label} constraints: (\\d+)`).exec(compiled)?.[1] ?? NaN);
  const constraints = count('non-linear') + count('(?<!non-)linear');
  const r1cs = join(work, `${name}.r1cs`);
  run(snarkjsCli, ['groth16', 'setup', r1cs, ptau, join(work, `${name}_0.zkey`)]);
  run(snarkjsCli, ['zkey', 'beacon', join(work, `${name}_0.zkey`), join(work, `${name}.zkey`), ZKEY_BEACON, BEACON_ITERATIONS, `-n=C3 Vault ${name} beacon`]);
  run(snarkjsCli, ['zkey', 'export', 'verificationkey', join(work, `${name}.zkey`), join(work, `${name}.vkey.json`)]);
  copyFileSync(join(work, `${name}_js`, `${name}.wasm`), join(out, `${name}.wasm`));
  copyFileSync(join(work, `${name}.zkey`), join(out, `${name}.zkey`));
  copyFileSync(join(work, `${name}.vkey.json`), join(out, `${name}.vkey.json`));
  return constraints;
}

export function buildAll(out: string, cacheDir: string): ZkManifest {
  mkdirSync(out, { recursive: true });
  const ptau = preparedPtau(cacheDir);
  const work = mkdtempSync(join(tmpdir(), 'c3-zk-build-'));
  const manifest: ZkManifest = {
    version: 1,
    ceremony: { kind: 'local-beacon', ptauPower: PTAU_POWER, ptauSha256: sha256Hex(readFileSync(ptau)), ptauBeacon: PTAU_BEACON, zkeyBeacon: ZKEY_BEACON, iterationsExp: Number(BEACON_ITERATIONS) },
    circuits: {},
  };
  try {
    for (const circuit of CIRCUITS) {
      const started = Date.now();
      const constraints = buildCircuit(circuit.name, ptau, work, out);
      const file = (ext: string) => ({ file: `${circuit.name}.${ext}`, sha256: sha256Hex(readFileSync(join(out, `${circuit.name}.${ext}`))) });
      manifest.circuits[circuit.name] = { constraints, publicSignals: [...circuit.publicSignals], wasm: file('wasm'), zkey: file('zkey'), vkey: file('vkey.json') };
      log(`${circuit.name}: ${constraints} constraints, built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(argValue('--out') ?? join(root, 'resources/zk'));
  const cacheDir = process.env['C3_ZK_CACHE'] ?? join(homedir(), '.cache/c3-vault/zk');
  const started = Date.now();
  buildAll(out, cacheDir);
  // The demo members' enrolment proofs are randomised (Groth16), not byte-identical: outside the manifest.
  await writeDemoProofs(out);
  log(`wrote ${out}/manifest.json in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
