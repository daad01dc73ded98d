/**
 * The seam between the ledger (shared/commons) and the zero-knowledge layer (shared/zk):
 * the ledger checks proofs only through an injected verifier, so that it stays pure and
 * so that tests can supply keys of their own. Verification is synchronous (a Groth16
 * pairing check on BN254), because `apply` is a pure synchronous fold.
 */

/** A Groth16 proof in snarkjs's JSON shape, with field elements as decimal strings. */
export interface Groth16Proof {
  pi_a: [string, string, string];
  pi_b: [[string, string], [string, string], [string, string]];
  pi_c: [string, string, string];
  protocol: 'groth16';
  curve: 'bn128';
}

/** The circuits whose proofs the ledger accepts (SPEC §1, §7). */
export type CircuitName = 'identity' | 'membership' | 'credential';

export interface ZkVerifier {
  /** True when `proof` proves `circuit` for exactly these public signals (decimal strings, in circuit order). */
  verify(circuit: CircuitName, publicSignals: readonly string[], proof: Groth16Proof): boolean;
}
