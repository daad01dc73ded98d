import { type SignatureRecoverer } from '../crypto/recover';
import { type ZkVerifier } from '../zk/types';
import { type DigestMemo } from './quorum';

/** What `apply` is given from outside: the proof verifier and the signature recoverer (both injected, so shared/ stays pure). */
export interface LedgerContext {
  readonly verifier: ZkVerifier;
  readonly recoverer: SignatureRecoverer;
  /** Optional memo of action digests, shared with a pass that recovered signatures ahead of the fold. */
  readonly digests?: DigestMemo;
}

/** What one action's handler sees: the ledger context plus the entry's time (SPEC §0: never a clock). */
export interface ActionContext extends LedgerContext {
  readonly time: number;
}
