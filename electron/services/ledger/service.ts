/**
 * The ledger's main-process handlers, one per row of `ledgerChannels` (shared/contract/ledger.ts).
 * The lead wires them into the contract table: `{ ...createLedgerService() }`.
 */
import { type Answer, type RequestOf, type ResponseOf } from '../../../shared/contract/define';
import { type LedgerChannels } from '../../../shared/contract/ledger';
import { hexBytes } from '../../../shared/crypto/recover';
import { ok } from '../../../shared/result';
import { bestRecoverer } from './native';
import { type BatchRecoverer, createRecoveryPool } from './replay';
import { emulatorDemoLog } from './demo';
import { loadNative } from './native';

export type LedgerHandlers = {
  [C in keyof LedgerChannels]: (request: RequestOf<LedgerChannels, C>) => Promise<Answer<ResponseOf<LedgerChannels, C>>>;
};

export interface LedgerService extends LedgerHandlers {
  close(): Promise<void>;
}

/** Batches at least this large go to the worker pool (both cores); smaller ones recover inline. */
const POOL_THRESHOLD = 2_000;

export function createLedgerService(options: { workers?: number } = {}): LedgerService {
  const recoverer = bestRecoverer();
  let pool: BatchRecoverer | undefined;
  return {
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
    async close() {
      await pool?.close();
      pool = undefined;
    },
  };
}
