/**
 * The zero-knowledge proofs an entry carries, so that they can be checked ahead of the fold in
 * batches (shared/zk/groth16.ts `verifyMany`) and the fold then reads the verdicts
 * (`primedVerifier`): same checks, same result, a fraction of the pairings. The fold still
 * compares every public signal with its context; this only answers "is this proof valid".
 * Each module says which of its actions carry proofs (`proofs` beside their handler).
 */
import { commons } from './ledger';
import { type Action, type Entry } from './log';
import { type ProofOf } from './module';

export type { ProofOf } from './module';

/** The proofs one action carries (none for most kinds). */
export const proofsOfAction = (action: Action): ProofOf[] => [...commons.proofsOfAction(action)];

export const proofsOf = (entries: readonly Entry[]): ProofOf[] => entries.flatMap((e) => e.actions.flatMap(proofsOfAction));
