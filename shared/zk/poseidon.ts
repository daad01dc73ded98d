/**
 * Poseidon over BN254 with circomlib's parameters (the circuits' `Poseidon(n)`), through
 * poseidon-lite; a test pins it to the circuits' own outputs.
 */
import { poseidon2, poseidon3 } from 'poseidon-lite';

export const hash2 = (a: bigint, b: bigint): bigint => poseidon2([a, b]);
export const hash3 = (a: bigint, b: bigint, c: bigint): bigint => poseidon3([a, b, c]);

/** MEID commitment C = Poseidon(secret, bioKey) (SPEC §1). */
export const identityCommitment = (secret: bigint, bioKey: bigint): bigint => hash2(secret, bioKey);
/** Uniqueness nullifier U = Poseidon(bioKey, commonsId) (SPEC §1). */
export const uniquenessNullifier = (bioKey: bigint, commonsField: bigint): bigint => hash2(bioKey, commonsField);
/** Per-scope nullifier Poseidon(scope, secret): one per member per ballot or presentation scope. */
export const scopeNullifier = (scope: bigint, secret: bigint): bigint => hash2(scope, secret);
/** A credential leaf the stewards issue: Poseidon(C, faction, tier). */
export const credentialLeaf = (commitment: bigint, faction: bigint, tier: bigint): bigint => hash3(commitment, faction, tier);
