/**
 * The members' enrolment proofs: the identity circuit over each member's demo identity (derived
 * from their name, shared/zk/demo-identities.ts) for this scenario's Commons id. The Demo Commons'
 * precomputed proofs (resources/zk/demo-proofs.json) are bound to the demo's own Commons id, so a
 * scenario, whose genesis differs, proves its own: about 0.3–1 s a member with snarkjs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as snarkjs from 'snarkjs';
import { type Hex } from '../../shared/crypto/canonical';
import { type PayloadOf } from '../../shared/commons/log';
import { demoIdentity } from '../../shared/zk/demo-identities';
import { fieldOfHash } from '../../shared/zk/field';
import { zkResourcesDir } from '../../electron/services/ledger/zk-verifier';

export type EnrolmentProof = PayloadOf<'member.enrol'>['proof'];
export type Prover = (labels: readonly string[], commonsId: Hex) => Promise<Record<string, EnrolmentProof>>;

/** Proves with the identity circuit of resources/zk (or $C3_ZK_DIR). */
export const identityProver =
  (dir = zkResourcesDir()): Prover =>
  async (labels, commonsId) => {
    const wasm = new Uint8Array(readFileSync(join(dir, 'identity.wasm')));
    const zkey = new Uint8Array(readFileSync(join(dir, 'identity.zkey')));
    const commonsField = fieldOfHash(commonsId);
    const proofs: Record<string, EnrolmentProof> = {};
    try {
      for (const label of labels) {
        const { secret, bioKey } = demoIdentity(label);
        const { proof } = await snarkjs.groth16.fullProve({ secret, bioKey, commonsId: commonsField }, wasm, zkey);
        proofs[label] = proof as EnrolmentProof;
      }
    } finally {
      // snarkjs keeps worker threads for the curve; they would keep the process alive.
      await (globalThis as { curve_bn128?: { terminate(): Promise<void> } | null }).curve_bn128?.terminate();
    }
    return proofs;
  };

export interface MembershipInput {
  readonly secret: bigint;
  readonly bioKey: bigint;
  readonly pathElements: readonly bigint[];
  readonly pathIndices: readonly number[];
  readonly scope: bigint;
  readonly message: bigint;
}
export type MembershipProof = PayloadOf<'ballot.anonymous'>['proof'];
export type MembershipProver = (input: MembershipInput) => Promise<{ publicSignals: string[]; proof: MembershipProof }>;

/**
 * An anonymous ballot's proof: the membership circuit of resources/zk (or $C3_ZK_DIR) over a
 * member's demo identity and Merkle path, with the proposal as scope and the choice as message
 * (the inputs electron/services/prover/service.ts `identity.proveMembership` gives it).
 */
export const membershipProver =
  (dir = zkResourcesDir()): MembershipProver =>
  async (input) => {
    const wasm = new Uint8Array(readFileSync(join(dir, 'membership.wasm')));
    const zkey = new Uint8Array(readFileSync(join(dir, 'membership.zkey')));
    try {
      const { proof, publicSignals } = await snarkjs.groth16.fullProve({ ...input, pathElements: [...input.pathElements], pathIndices: [...input.pathIndices] }, wasm, zkey);
      return { publicSignals: publicSignals as string[], proof: proof as MembershipProof };
    } finally {
      await (globalThis as { curve_bn128?: { terminate(): Promise<void> } | null }).curve_bn128?.terminate();
    }
  };
