/** What the proof pool (proof-pool.ts) and its worker threads (zk-worker.ts) say to each other. */
import { type ProofItem, type VerificationKey } from '../../../shared/zk/groth16';
import { type CircuitName } from '../../../shared/zk/types';

export type CircuitProof = ProofItem & { readonly circuit: CircuitName };

export interface ProofWorkerData {
  readonly keys: Partial<Record<CircuitName, VerificationKey>>;
}

export interface ProofRequest {
  readonly id: number;
  readonly items: readonly CircuitProof[];
  /** Mixed into the batch's Fiat–Shamir weights (fresh randomness from the pool). */
  readonly seed: Uint8Array;
}

/** verdicts[i] is 1 when items[i] is valid; a failure means the worker could not answer at all. */
export type ProofCheck = { readonly id: number; readonly verdicts: Uint8Array } | { readonly id: number; readonly failure: string };
