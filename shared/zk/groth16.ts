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

/** True when `proof` is valid for exactly `publicSignals` under `key`; false for anything malformed. */
export function verifyGroth16(key: PreparedKey, publicSignals: readonly string[], proof: Groth16Proof): boolean {
  if (publicSignals.length !== key.nPublic || !publicSignals.every(isFieldElement)) return false;
  let a: G1, b: G2, c: G1;
  try {
    a = g1(proof.pi_a);
    b = g2(proof.pi_b);
    c = g1(proof.pi_c);
  } catch {
    return false;
  }
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

/** The ledger's injected verifier over the Commons' verification keys, one per circuit. */
export function createGroth16Verifier(vkeys: Partial<Record<CircuitName, VerificationKey>>): ZkVerifier {
  const prepared = new Map<CircuitName, PreparedKey>();
  for (const [name, vkey] of Object.entries(vkeys) as [CircuitName, VerificationKey][]) prepared.set(name, prepareKey(vkey));
  return {
    verify(circuit, publicSignals, proof) {
      const key = prepared.get(circuit);
      return key ? verifyGroth16(key, publicSignals, proof) : false;
    },
  };
}
