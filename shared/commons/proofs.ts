/**
 * The zero-knowledge proofs an entry carries, so that they can be checked ahead of the fold in
 * batches (shared/zk/groth16.ts `verifyMany`) and the fold then reads the verdicts
 * (`primedVerifier`): same checks, same result, a fraction of the pairings. The fold still
 * compares every public signal with its context; this only answers "is this proof valid".
 */
import { type ProofItem } from '../zk/groth16';
import { type CircuitName } from '../zk/types';
import { type Action, type Entry } from './log';

export type ProofOf = ProofItem & { readonly circuit: CircuitName };

/** The proofs one action carries (none for most kinds). */
export function proofsOfAction(action: Action): ProofOf[] {
  switch (action.kind) {
    case 'member.enrol':
      return [{ circuit: 'identity', publicSignals: action.payload.publicSignals, proof: action.payload.proof }];
    case 'ballot.anonymous':
      return [{ circuit: 'membership', publicSignals: action.payload.publicSignals, proof: action.payload.proof }];
    default:
      return [];
  }
}

export const proofsOf = (entries: readonly Entry[]): ProofOf[] => entries.flatMap((e) => e.actions.flatMap(proofsOfAction));
