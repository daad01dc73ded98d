/**
 * The circuits' built artifacts (resources/zk), loaded only after their SHA-256 matches the
 * manifest: a tampered proving key could leak nothing, but a tampered verification key would
 * let forged proofs through, and a tampered wasm could compute a different witness.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ZkManifest } from '../../../shared/zk/artifacts';
import { type CircuitName } from '../../../shared/zk/types';
import { type VerificationKey } from '../../../shared/zk/groth16';
import { type ArtifactProblem } from '../../../shared/contract/zk-errors';

export interface CircuitArtifacts {
  readonly name: CircuitName;
  readonly constraints: number;
  readonly wasm: Uint8Array;
  readonly zkey: Uint8Array;
  readonly vkey: VerificationKey;
}

export class ArtifactError extends Error {
  constructor(
    readonly body: ArtifactProblem,
  ) {
    super(body.message);
    this.name = 'ArtifactError';
  }
}

const REINSTALL = 'Reinstall C3 Vault, or rebuild the circuits with npm run zk:build.';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readChecked(dir: string, file: string, expected: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(join(dir, file)));
  } catch {
    throw new ArtifactError({ kind: 'ArtifactMissing', message: `The circuit file ${file} is missing.`, nextStep: REINSTALL, file });
  }
  const got = sha256(bytes);
  if (got !== expected) {
    throw new ArtifactError({ kind: 'ArtifactTampered', message: `The circuit file ${file} does not match its manifest; it will not be used.`, nextStep: REINSTALL, file, expected, got });
  }
  return bytes;
}

export async function readManifest(dir: string): Promise<ZkManifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  } catch {
    throw new ArtifactError({ kind: 'ArtifactMissing', message: 'The circuits’ manifest is missing.', nextStep: REINSTALL, file: 'manifest.json' });
  }
  const parsed = ZkManifest.safeParse(raw);
  if (!parsed.success) throw new ArtifactError({ kind: 'ManifestInvalid', message: 'The circuits’ manifest is not readable.', nextStep: REINSTALL });
  return parsed.data;
}

/** Loads one circuit's wasm, proving key and verification key, each checked against the manifest. */
export async function loadCircuit(dir: string, name: CircuitName): Promise<CircuitArtifacts> {
  const manifest = await readManifest(dir);
  const entry = manifest.circuits[name];
  if (!entry) throw new ArtifactError({ kind: 'ArtifactMissing', message: `No ${name} circuit in the manifest.`, nextStep: REINSTALL, file: `${name}.*` });
  const [wasm, zkey, vkey] = await Promise.all([
    readChecked(dir, entry.wasm.file, entry.wasm.sha256),
    readChecked(dir, entry.zkey.file, entry.zkey.sha256),
    readChecked(dir, entry.vkey.file, entry.vkey.sha256),
  ]);
  return { name, constraints: entry.constraints, wasm, zkey, vkey: JSON.parse(new TextDecoder().decode(vkey)) as VerificationKey };
}

/** Every verification key, checked: what the main process's ledger verifier is built from. */
export async function loadVerificationKeys(dir: string): Promise<Partial<Record<CircuitName, VerificationKey>>> {
  const manifest = await readManifest(dir);
  const keys: Partial<Record<CircuitName, VerificationKey>> = {};
  for (const [name, entry] of Object.entries(manifest.circuits) as [CircuitName, NonNullable<ZkManifest['circuits'][CircuitName]>][]) {
    keys[name] = JSON.parse(new TextDecoder().decode(await readChecked(dir, entry.vkey.file, entry.vkey.sha256))) as VerificationKey;
  }
  return keys;
}
