/**
 * The Commons' Groth16 verifier for the main process and the `c3` tool: the verification keys of
 * resources/zk, each checked against the manifest's SHA-256 before use (a replaced key would
 * let forged proofs through).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZkManifest } from '../../../shared/zk/artifacts';
import { type VerificationKey } from '../../../shared/zk/groth16';
import { type CircuitName } from '../../../shared/zk/types';
import { type ZkKeyHashes } from '../../../shared/commons/zk-keys';
import { type ParallelZkVerifier, createProofPool } from './proof-pool';

/**
 * Where the circuits' artifacts are: $C3_ZK_DIR, the packaged app's resources (electron-builder
 * extraResources), or resources/zk of the checkout found above this module.
 */
export function zkResourcesDir(): string {
  const fromEnv = process.env['C3_ZK_DIR'];
  if (fromEnv) return fromEnv;
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, 'zk', 'manifest.json'))) return join(packaged, 'zk');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'resources', 'zk', 'manifest.json'))) return join(dir, 'resources', 'zk');
    dir = dirname(dir);
  }
  throw new Error('The circuits’ artifacts (resources/zk) were not found. Run npm run zk:build, or set C3_ZK_DIR.');
}

export function loadVerificationKeysSync(dir = zkResourcesDir()): Partial<Record<CircuitName, VerificationKey>> {
  const manifest = ZkManifest.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  const keys: Partial<Record<CircuitName, VerificationKey>> = {};
  for (const [name, entry] of Object.entries(manifest.circuits) as [CircuitName, NonNullable<ZkManifest['circuits'][CircuitName]>][]) {
    const bytes = readFileSync(join(dir, entry.vkey.file));
    const got = createHash('sha256').update(bytes).digest('hex');
    if (got !== entry.vkey.sha256) throw new Error(`${entry.vkey.file} does not match its manifest (sha256 ${got}, expected ${entry.vkey.sha256}); refusing to use it.`);
    keys[name] = JSON.parse(bytes.toString('utf8')) as VerificationKey;
  }
  return keys;
}

let verifier: ParallelZkVerifier | undefined;

/**
 * The verifier every fold in this process uses; a replay has its proofs checked ahead of the
 * fold on one worker thread per core (proof-pool.ts), started when first needed.
 */
export function commonsVerifier(): ParallelZkVerifier {
  verifier ??= createProofPool(loadVerificationKeysSync());
  return verifier;
}

/** The SHA-256 of each circuit's verification key, as the manifest names them: what a new genesis states (shared/commons/zk-keys.ts). */
export function zkKeyHashesOf(dir = zkResourcesDir()): ZkKeyHashes {
  const manifest = ZkManifest.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  const hash = (name: CircuitName) => {
    const entry = manifest.circuits[name];
    if (!entry) throw new Error(`The manifest names no ${name} circuit.`);
    return entry.vkey.sha256;
  };
  return { identity: hash('identity'), membership: hash('membership'), credential: hash('credential') };
}
