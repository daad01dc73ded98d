/**
 * The ledger's main-process handlers, one per row of `ledgerChannels` (shared/contract/ledger.ts).
 * The lead wires them into the contract table: `{ ...createLedgerService() }`. `commons` is what
 * this process has verified itself (verified-commons.ts), for the prover to check requests against.
 */
import { type Answer, type RequestOf, type ResponseOf } from '../../../shared/contract/define';
import { type AppError } from '../../../shared/contract/errors';
import { type LedgerChannels } from '../../../shared/contract/ledger';
import { hexBytes } from '../../../shared/crypto/recover';
import { toWireError } from '../../../shared/commons/errors';
import { type CommonsState } from '../../../shared/commons/state';
import { err, ok } from '../../../shared/result';
import { bestRecoverer } from './native';
import { type BatchRecoverer, createRecoveryPool } from './replay';
import { emulatorDemoLog } from './demo';
import { loadNative } from './native';
import { type CommonsRegistry, createCommonsRegistry } from './verified-commons';
import { replayParallel } from './replay';
import { commonsVerifier } from './zk-verifier';

export type LedgerHandlers = {
  [C in keyof LedgerChannels]: (request: RequestOf<LedgerChannels, C>) => Promise<Answer<ResponseOf<LedgerChannels, C>>>;
};

export interface LedgerService extends LedgerHandlers {
  /** The Commons this process has verified itself. */
  readonly commons: CommonsRegistry;
  close(): Promise<void>;
}

/** Batches at least this large go to the worker pool (both cores); smaller ones recover inline. */
const POOL_THRESHOLD = 2_000;

export function createLedgerService(options: { workers?: number; /** The demo sequencer's state, when the demo is on. */ demo?: () => CommonsState } = {}): LedgerService {
  const recoverer = bestRecoverer();
  let pool: BatchRecoverer | undefined;
  const commons = createCommonsRegistry({ demo: options.demo });
  return {
    commons,
    async 'ledger.verifySignatures'({ jobs }) {
      const decoded = jobs.map((job) => ({ digest: hexBytes(job.digest), signature: hexBytes(job.signature), sigHex: job.signature }));
      if (decoded.length >= POOL_THRESHOLD && loadNative()) {
        pool ??= createRecoveryPool(options.workers ?? 2);
        return ok({ signers: await pool.recoverAll(decoded), recoverer: `${recoverer.name} (worker threads)` });
      }
      return ok({ signers: decoded.map((job) => recoverer.recover(job.digest, job.signature)), recoverer: recoverer.name });
    },
    async 'demo.log'() {
      return ok({ entries: emulatorDemoLog() });
    },
    async 'ledger.openCommons'({ log }) {
      // Signatures are recovered on worker threads; the fold checks every rule and proof here.
      const folded = await replayParallel(log, { verifier: commonsVerifier(), workers: options.workers ?? 2 });
      if (!folded.ok) return err(toWireError(folded.error) as AppError);
      const { commonsId, name, height, headHash } = commons.add(folded.value);
      return ok({ commonsId, name, height, headHash });
    },
    async close() {
      await pool?.close();
      pool = undefined;
    },
  };
}
