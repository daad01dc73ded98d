/**
 * Groth16 verification on BN254, synchronous and pure (@noble/curves), so that the ledger's fold
 * can check proofs inside `apply` in the main process, the renderer and the `c3` tool alike.
 * Accepts verification keys and proofs in snarkjs's JSON shape; a test pins it to
 * `snarkjs.groth16.verify` on real proofs.
 *
 *   e(A, B) = e(α, β) · e(Σ xᵢ·ICᵢ, γ) · e(C, δ)
 *   ⇔ e(−A, B) · e(α, β) · e(vk_x, γ) · e(C, δ) = 1
 */
import { bn254 } from '@noble/curves/bn254.js';
import { pippenger } from '@noble/curves/abstract/curve.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { type CircuitName, type Groth16Proof, type ZkVerifier } from './types';
import { SNARK_FIELD, isFieldElement } from './field';

type G1Json = readonly [string, string, string];
type G2Json = readonly [readonly [string, string], readonly [string, string], readonly [string, string]];

export interface VerificationKey {
  readonly protocol: 'groth16';
  readonly curve: 'bn128';
  readonly nPublic: number;
  readonly vk_alpha_1: G1Json;
  readonly vk_beta_2: G2Json;
  readonly vk_gamma_2: G2Json;
  readonly vk_delta_2: G2Json;
  readonly IC: readonly G1Json[];
}

const { Fp, Fp2, Fp12 } = bn254.fields;
type G1 = ReturnType<typeof bn254.G1.Point.fromAffine>;
type G2 = ReturnType<typeof bn254.G2.Point.fromAffine>;

const coordinate = (value: string): bigint => {
  if (!/^[0-9]{1,78}$/.test(value)) throw new RangeError('a coordinate is a decimal integer');
  const n = BigInt(value);
  if (n >= Fp.ORDER) throw new RangeError('a coordinate is outside the base field');
  return n;
};

function g1(point: G1Json): G1 {
  if (point[2] !== '1') throw new RangeError('G1 points are given in affine form (z = 1)');
  const p = bn254.G1.Point.fromAffine({ x: coordinate(point[0]), y: coordinate(point[1]) });
  p.assertValidity();
  return p;
}

function g2(point: G2Json): G2 {
  if (point[2][0] !== '1' || point[2][1] !== '0') throw new RangeError('G2 points are given in affine form (z = 1)');
  // snarkjs writes an Fp2 element as [c0, c1].
  const fp2 = ([c0, c1]: readonly [string, string]) => Fp2.fromBigTuple([coordinate(c0), coordinate(c1)]);
  const p = bn254.G2.Point.fromAffine({ x: fp2(point[0]), y: fp2(point[1]) });
  p.assertValidity();
  return p;
}

/** A verification key, parsed once into curve points. */
export interface PreparedKey {
  readonly nPublic: number;
  readonly alpha: G1;
  readonly beta: G2;
  readonly gamma: G2;
  readonly delta: G2;
  readonly ic: readonly G1[];
}

export function prepareKey(vkey: VerificationKey): PreparedKey {
  if (vkey.protocol !== 'groth16' || vkey.curve !== 'bn128') throw new RangeError('only Groth16 keys on bn128 are supported');
  if (vkey.IC.length !== vkey.nPublic + 1) throw new RangeError('IC must hold nPublic + 1 points');
  return { nPublic: vkey.nPublic, alpha: g1(vkey.vk_alpha_1), beta: g2(vkey.vk_beta_2), gamma: g2(vkey.vk_gamma_2), delta: g2(vkey.vk_delta_2), ic: vkey.IC.map(g1) };
}

interface ParsedProof {
  readonly a: G1;
  readonly b: G2;
  readonly c: G1;
  readonly signals: readonly bigint[];
}

/** The proof's points and signals, or null for anything malformed (wrong count, off-curve, not canonical). */
function parseProof(key: PreparedKey, publicSignals: readonly string[], proof: Groth16Proof): ParsedProof | null {
  if (publicSignals.length !== key.nPublic || !publicSignals.every(isFieldElement)) return null;
  try {
    const parsed = { a: g1(proof.pi_a), b: g2(proof.pi_b), c: g1(proof.pi_c), signals: publicSignals.map((s) => BigInt(s)) };
    return parsed.a.is0() || parsed.c.is0() ? null : parsed;
  } catch {
    return null;
  }
}

/** True when `proof` is valid for exactly `publicSignals` under `key`; false for anything malformed. */
export function verifyGroth16(key: PreparedKey, publicSignals: readonly string[], proof: Groth16Proof): boolean {
  const parsed = parseProof(key, publicSignals, proof);
  if (!parsed) return false;
  const { a, b, c } = parsed;
  let vkX = key.ic[0]!;
  publicSignals.forEach((signal, i) => {
    const s = BigInt(signal) % SNARK_FIELD;
    if (s !== 0n) vkX = vkX.add(key.ic[i + 1]!.multiply(s));
  });
  if (a.is0() || c.is0() || vkX.is0()) return false;
  const product = bn254.pairingBatch([
    { g1: a.negate(), g2: b },
    { g1: key.alpha, g2: key.beta },
    { g1: vkX, g2: key.gamma },
    { g1: c, g2: key.delta },
  ]);
  return Fp12.eql(product, Fp12.ONE);
}

export interface ProofItem {
  readonly publicSignals: readonly string[];
  readonly proof: Groth16Proof;
}

/**
 * The batch's random weights rᵢ (128 bits each, never 0), drawn by Fiat–Shamir from every proof
 * and signal of the batch and an optional caller's seed: they are fixed only once the proofs are,
 * so invalid proofs cannot be made to cancel out. Pure, so that the fold stays deterministic; a
 * caller with a random source passes it as `seed` as well.
 */
function batchWeights(items: readonly ProofItem[], seed: Uint8Array): bigint[] {
  const transcript = sha256(utf8ToBytes(JSON.stringify(items.map((i) => [i.publicSignals, i.proof.pi_a, i.proof.pi_b, i.proof.pi_c]))));
  return items.map((_, i) => {
    const block = sha256(new Uint8Array([...seed, ...transcript, i >>> 24, (i >>> 16) & 255, (i >>> 8) & 255, i & 255]));
    let r = 0n;
    for (const byte of block.subarray(0, 16)) r = (r << 8n) | BigInt(byte);
    return r === 0n ? 1n : r;
  });
}

/**
 * Verifies many proofs under one key at once (random linear combination, as in Bellman's and
 * gnark's batch verifiers):
 *
 *   Π e(rᵢ·Aᵢ, Bᵢ) = e(α, β)^Σrᵢ · e(Σ rᵢ·vk_xᵢ, γ) · e(Σ rᵢ·Cᵢ, δ)
 *
 * one Miller loop per proof plus three shared ones and a single final exponentiation, against
 * four pairings per proof one at a time. True only if every proof is valid (a false batch holds at
 * least one invalid proof; `verifyMany` finds which).
 */
export function verifyGroth16Batch(key: PreparedKey, items: readonly ProofItem[], seed: Uint8Array = new Uint8Array()): boolean {
  if (items.length === 0) return true;
  if (items.length === 1) return verifyGroth16(key, items[0]!.publicSignals, items[0]!.proof);
  const parsed = items.map((item) => parseProof(key, item.publicSignals, item.proof));
  if (parsed.some((p) => p === null)) return false;
  const proofs = parsed as ParsedProof[];
  const r = batchWeights(items, seed);
  const order = bn254.fields.Fr.ORDER;
  // Σ rᵢ·vk_xᵢ = IC₀·Σrᵢ + Σⱼ ICⱼ·(Σᵢ rᵢ·xᵢⱼ): one small multi-scalar product, not one per proof.
  const sumR = r.reduce((acc, x) => (acc + x) % order, 0n);
  const icScalars = [sumR, ...Array.from({ length: key.nPublic }, (_, j) => proofs.reduce((acc, p, i) => (acc + r[i]! * p.signals[j]!) % order, 0n))];
  try {
    const nonZero = (points: G1[], scalars: bigint[]) => {
      const keep = scalars.map((s, i) => [points[i]!, s] as const).filter(([, s]) => s !== 0n);
      return keep.length === 0 ? bn254.G1.Point.ZERO : pippenger(bn254.G1.Point, keep.map(([p]) => p), keep.map(([, s]) => s));
    };
    const vkX = nonZero([...key.ic], icScalars);
    const cSum = nonZero(proofs.map((p) => p.c), r);
    if (vkX.is0() || cSum.is0()) return false;
    const product = bn254.pairingBatch([
      ...proofs.map((p, i) => ({ g1: p.a.multiply(r[i]!).negate(), g2: p.b })),
      { g1: key.alpha.multiply(sumR), g2: key.beta },
      { g1: vkX, g2: key.gamma },
      { g1: cSum, g2: key.delta },
    ]);
    return Fp12.eql(product, Fp12.ONE);
  } catch {
    return false;
  }
}

/**
 * Which of `items` are valid, in batches of `batchSize`: a batch that fails is split in halves
 * until the invalid proofs are found, so one bad proof among n costs about 2·log₂(n) small
 * batches, not n single checks.
 */
export function verifyMany(key: PreparedKey, items: readonly ProofItem[], options: { batchSize?: number; seed?: Uint8Array } = {}): boolean[] {
  const size = Math.max(1, options.batchSize ?? 64);
  const results: boolean[] = new Array<boolean>(items.length).fill(false);
  const check = (from: number, to: number): void => {
    if (verifyGroth16Batch(key, items.slice(from, to), options.seed)) {
      results.fill(true, from, to);
    } else if (to - from > 1) {
      const mid = (from + to) >>> 1;
      check(from, mid);
      check(mid, to);
    }
  };
  for (let from = 0; from < items.length; from += size) check(from, Math.min(items.length, from + size));
  return results;
}

/** A verifier over the Commons' verification keys, one per circuit, that can also check many proofs at once. */
export interface BatchZkVerifier extends ZkVerifier {
  /** Which of these proofs are valid (batched per circuit). */
  verifyMany(items: readonly (ProofItem & { readonly circuit: CircuitName })[], options?: { batchSize?: number; seed?: Uint8Array }): boolean[];
}

/** The ledger's injected verifier over the Commons' verification keys, one per circuit. */
export function createGroth16Verifier(vkeys: Partial<Record<CircuitName, VerificationKey>>): BatchZkVerifier {
  const prepared = new Map<CircuitName, PreparedKey>();
  for (const [name, vkey] of Object.entries(vkeys) as [CircuitName, VerificationKey][]) prepared.set(name, prepareKey(vkey));
  return {
    verify(circuit, publicSignals, proof) {
      const key = prepared.get(circuit);
      return key ? verifyGroth16(key, publicSignals, proof) : false;
    },
    verifyMany(items, options) {
      const results: boolean[] = new Array<boolean>(items.length).fill(false);
      const byCircuit = new Map<CircuitName, number[]>();
      items.forEach((item, i) => byCircuit.set(item.circuit, [...(byCircuit.get(item.circuit) ?? []), i]));
      for (const [circuit, indices] of byCircuit) {
        const key = prepared.get(circuit);
        if (!key) continue;
        const verdicts = verifyMany(key, indices.map((i) => items[i]!), options);
        indices.forEach((i, k) => (results[i] = verdicts[k]!));
      }
      return results;
    },
  };
}

/**
 * A verifier that answers from proofs already checked ahead of the fold (in a batch, possibly on
 * other threads), and checks any other proof itself: the fold's verdicts stay the same, only the
 * work moves.
 */
export function primedVerifier(base: ZkVerifier, checked: ReadonlyMap<string, boolean>): ZkVerifier {
  return {
    verify(circuit, publicSignals, proof) {
      return checked.get(proofKey(circuit, publicSignals, proof)) ?? base.verify(circuit, publicSignals, proof);
    },
  };
}

/** The identity of a (circuit, signals, proof) triple, for `primedVerifier`. */
export const proofKey = (circuit: CircuitName, publicSignals: readonly string[], proof: Groth16Proof): string =>
  JSON.stringify([circuit, publicSignals, proof.pi_a, proof.pi_b, proof.pi_c]);
